"""Writers: forms to XLSX, DOCX and PDF in the printed layout, and the narrative 自评结果.

- ``write_xlsx`` / ``write_docx`` / ``write_pdf(forms, path, template=Template.WUHAN)``
- ``write_issue_list``: the 问题清单 of confirmed findings (XLSX)
- ``report_markdown`` / ``write_report_docx``: the 自评结果（缩略版）of a form and its review
- ``full_report`` / ``full_report_markdown`` / ``write_full_report_docx``: the 摘要版 with 佐证材料,
  narrative facts from ``load_facts`` (``ReportFacts``); ``write_library_xlsx``: the 指标库 workbook
"""

from __future__ import annotations

from jixiao.write._files import OutputExistsError
from jixiao.write._layout import form_layout
from jixiao.write._page import Template
from jixiao.write.docx import write_docx
from jixiao.write.issues import IssueLine, write_issue_list
from jixiao.write.pdf import PdfError, write_pdf
from jixiao.write.report import report_markdown, write_report_docx
from jixiao.write.report_full import (
    FactsError,
    FullReport,
    ReportFacts,
    full_report,
    full_report_markdown,
    load_facts,
    write_full_report_docx,
    write_full_report_markdown,
)
from jixiao.write.xlsx import write_xlsx

__all__ = [
    "FactsError",
    "FullReport",
    "IssueLine",
    "OutputExistsError",
    "PdfError",
    "ReportFacts",
    "Template",
    "form_layout",
    "full_report",
    "full_report_markdown",
    "load_facts",
    "report_markdown",
    "write_docx",
    "write_full_report_docx",
    "write_full_report_markdown",
    "write_issue_list",
    "write_pdf",
    "write_report_docx",
    "write_xlsx",
]
