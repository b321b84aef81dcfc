"""Writers: forms out as the documents units hand in (XLSX, DOCX, PDF) and the narrative report.

One format-independent layout per form (``_layout``) is rendered by the XLSX and DOCX
writers; the PDF is the DOCX printed by LibreOffice. The readers read all three back.
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
