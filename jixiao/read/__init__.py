"""Readers: documents in, ``Document`` (forms + narrative reports + read issues) out.

Every reader turns its file into rows of cells (``Row``) and hands them to the one
structural form builder (``build_forms``), so a table grid is read by the same rules
whether it came from a PDF text dump, an XLSX sheet, a DOCX table or a PDF page.
"""

from __future__ import annotations

from jixiao.read._errors import ReadError
from jixiao.read._grid import Row
from jixiao.read._registry import Reader, read, reader_for

__all__ = ["ReadError", "Reader", "Row", "read", "reader_for"]
