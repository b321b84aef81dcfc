"""Writers: forms to XLSX, DOCX and PDF in the printed layout, and the narrative 自评结果.

- ``write_xlsx`` / ``write_docx`` / ``write_pdf(forms, path, template=Template.WUHAN)``
- ``write_issue_list``: the 问题清单 of confirmed findings (XLSX)
- ``report_markdown`` / ``write_report_docx``: the 自评结果（缩略版）of a form and its review
"""

from __future__ import annotations

from jixiao.write._layout import Template, form_layout
from jixiao.write.docx import write_docx
from jixiao.write.issues import IssueLine, write_issue_list
from jixiao.write.pdf import PdfError, write_pdf
from jixiao.write.report import report_markdown, write_report_docx
from jixiao.write.xlsx import write_xlsx

__all__ = [
    "IssueLine",
    "PdfError",
    "Template",
    "form_layout",
    "report_markdown",
    "write_docx",
    "write_issue_list",
    "write_pdf",
    "write_report_docx",
    "write_xlsx",
]
