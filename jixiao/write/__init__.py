"""Writers: forms out as the documents units hand in (XLSX, DOCX, PDF) and the narrative report.

One format-independent layout per form (``_layout``) is rendered by the XLSX and DOCX
writers; the PDF is the DOCX printed by LibreOffice. The readers read all three back.

Round trip (tests/native): a form written in the Wuhan template and read back gives the same
form-v1 JSON, ``extra`` included — ``extra["fields"]`` is printed as label–value rows of the
head block, ``extra["rows"]`` as plain rows, ``extra["notes"]`` as the 备注. Two reader-made keys
describe the source file rather than the form and are not carried: ``recovered`` (cells the
reader rebuilt in a damaged dump) and ``placeholder_weights`` ("(XX分)" printed unfilled; the
writer prints no weight, so the goal reads back with weight null as before). A form without
a 备注 gets the rule set's notes unless ``rule_notes=False``. The national template is for
output: it has one indicator block and puts 偏差原因/改进措施 in its own column, so goals and
those two texts do not read back as they were.
"""

from __future__ import annotations

from jixiao.write._layout import Template, form_layout
from jixiao.write.docx import write_docx
from jixiao.write.pdf import PdfError, write_pdf
from jixiao.write.report import build_report, report_markdown, write_report_docx, write_report_markdown
from jixiao.write.xlsx import write_xlsx

__all__ = [
    "PdfError",
    "Template",
    "build_report",
    "form_layout",
    "report_markdown",
    "write_docx",
    "write_pdf",
    "write_report_docx",
    "write_report_markdown",
    "write_xlsx",
]
