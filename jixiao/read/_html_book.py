"""An Excel workbook saved as a web page (.htm): a frameset page and one file per sheet.

Excel's "网页（*.htm）" of a workbook of several sheets writes ``name.htm`` — a frameset that
shows one sheet and a tab strip — and ``name.files/sheet001.htm`` … beside it. The frameset
holds no table: its sheet list (``x:WorksheetSource HRef`` in the workbook's XML island, the
``shLink`` links, else the frames) names every sheet file, and each is read in that order as a
page of its own. Only files inside the page's folder are read; a sheet Excel marks hidden is
skipped, as a hidden sheet of an XLSX is.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from jixiao.read._errors import ReadError

__all__ = ["COMPANION_SUFFIXES", "is_companion", "sheet_hidden", "workbook_sheets"]

COMPANION_SUFFIXES = (".files", "_files")  # the folder Excel / a browser saves a page's parts in

_SOURCE = re.compile(r"<x:WorksheetSource\s+HRef\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
_SHLINK = re.compile(r"<link\s+id\s*=\s*[\"']?shLink[\"']?\s+href\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
_FRAME = re.compile(r"<frame\s[^>]*?src\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
_HIDDEN = re.compile(r"<x:Visible>\s*Sheet(?:Very)?Hidden\s*</x:Visible>", re.IGNORECASE)


def workbook_sheets(path: Path, text: str) -> list[Path] | None:
    """The sheet files of a workbook frameset page, in order; None for any other page.

    A frameset whose sheet files are missing (the ``.files`` folder not copied along) is a
    Chinese error naming the folder, not an empty reading.
    """
    if "<frameset" not in text.lower():
        return None
    refs = _SOURCE.findall(text) or _SHLINK.findall(text) or _FRAME.findall(text)
    if not refs:
        return None
    sheets: list[Path] = []
    missing: list[str] = []
    folder = path.resolve().parent
    for ref in dict.fromkeys(refs):
        sheet = _inside(folder, ref)
        if sheet is None:
            missing.append(unquote(ref))
        elif not _hidden(sheet):
            sheets.append(sheet)
    if missing and not sheets:
        raise ReadError(
            str(path),
            f"这是 Excel 另存的多工作表网页，其工作表文件（{missing[0]}）不在网页旁边："
            "请连同同名的 .files 文件夹一起提供，或另存为“单个文件网页（.mht）”或 .xlsx",
        )
    return sheets


def _inside(folder: Path, ref: str) -> Path | None:
    """The sheet file ``ref`` names, if it is an existing page inside ``folder``."""
    for name in dict.fromkeys((ref, unquote(ref))):
        if "://" in name or name.startswith(("/", "\\")):
            return None
        candidate = (folder / name.split("#")[0]).resolve()
        if (
            candidate.is_relative_to(folder)
            and candidate.suffix.lower() in (".htm", ".html")
            and candidate.is_file()
        ):
            return candidate
    return None


def _hidden(sheet: Path) -> bool:
    return sheet_hidden(sheet.read_bytes())


def sheet_hidden(data: bytes) -> bool:
    """A sheet page Excel marks hidden (``x:Visible`` SheetHidden in its XML island, at the top)."""
    return bool(_HIDDEN.search(data[:65536].decode("latin-1")))


def is_companion(path: Path, root: Path) -> bool:
    """A file inside the parts folder, below ``root``, of a saved web page beside that folder
    (read through the page, so not a document of its own)."""
    for rel in list(path.relative_to(root).parents)[:-1]:  # not ``root`` itself: asked for by name
        parent = root / rel
        for suffix in COMPANION_SUFFIXES:
            if parent.name.endswith(suffix) and parent.name != suffix:
                stem = parent.name[: -len(suffix)]
                if any((parent.parent / (stem + ext)).is_file() for ext in (".htm", ".html")):
                    return True
    return False
