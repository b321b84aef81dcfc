"""What the ODF readers (``_ods``, ``_odt``) share: the package, its styles and text runs.

An OpenDocument file is a zip whose ``content.xml`` holds the body and the automatic styles;
``styles.xml`` the named ones. Both are bounded by ``_limits.check_zip`` and parsed once.
A style's properties are looked up through its ``style:parent-style-name`` chain, so a cell or
paragraph styled "bold via its parent" reads as bold.
"""

from __future__ import annotations

import contextlib
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jixiao.read._errors import ReadError
from jixiao.read._limits import checked_tree, open_checked_zip

__all__ = [
    "DRAW",
    "FO",
    "NUMBER",
    "OFFICE",
    "STYLE",
    "TABLE",
    "TEXT",
    "OdfStyles",
    "cell_text",
    "odf_parts",
    "own_text",
    "shapes",
]

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
NUMBER = "{urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0}"

_DATA_STYLES = tuple(NUMBER + t for t in ("number-style", "percentage-style", "currency-style"))
_MIMETYPES = {
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "OpenDocument 表格（.ods）"),
    "odt": ("application/vnd.oasis.opendocument.text", "OpenDocument 文本（.odt）"),
}


def odf_parts(path: Path, kind: str) -> tuple[Any, Any | None]:
    """The roots of ``content.xml`` and ``styles.xml`` (None when absent), after the zip checks."""
    from lxml import etree

    mimetype, label = _MIMETYPES[kind]
    trees: dict[str, Any] = {}
    package = open_checked_zip(path, kind, trees)  # the package the checks opened, read once
    broken = ReadError(str(path), f"不是有效的 {label} 文件（文件结构损坏）")
    try:
        with package as z:
            names = set(z.namelist())
            if "mimetype" in names:
                declared = z.read("mimetype").decode("ascii", "replace").strip()
                if declared != mimetype and declared.startswith("application/vnd.oasis.opendocument"):
                    raise ReadError(
                        str(path), f"文件内容不是 {label}（是另一种 OpenDocument 文档：{declared}）"
                    )
            if "content.xml" not in names:
                raise broken
            content = checked_tree(z, "content.xml", trees)
            styles = checked_tree(z, "styles.xml", trees) if "styles.xml" in names else None
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as e:
        raise broken from e
    return content, styles


@dataclass(frozen=True, slots=True)
class StyleFacts:
    """What the readers use of a style, its parents' properties included."""

    left_border: bool = False
    bold: bool = False
    size_pt: float = 0.0
    data_style: str | None = None
    heading: bool = False  # a paragraph style of the Heading/Title family


class OdfStyles:
    """Style name → ``StyleFacts`` over both parts; data styles → number format strings."""

    def __init__(self, *roots: Any) -> None:
        self._styles: dict[tuple[str, str], Any] = {}
        self._data: dict[str, Any] = {}
        self._facts: dict[tuple[str, str], StyleFacts] = {}
        for root in roots:
            if root is None:
                continue
            for el in root.iter(STYLE + "style", STYLE + "default-style"):
                family = el.get(STYLE + "family") or ""
                self._styles[(family, el.get(STYLE + "name") or "")] = el
            for el in root.iter(
                NUMBER + "number-style", NUMBER + "percentage-style", NUMBER + "currency-style"
            ):
                self._data[el.get(STYLE + "name") or ""] = el

    def facts(self, family: str, name: str | None) -> StyleFacts:
        key = (family, name or "")
        got = self._facts.get(key)
        if got is None:
            got = self._facts[key] = self._resolve(family, name, 0)
        return got

    def _resolve(self, family: str, name: str | None, depth: int) -> StyleFacts:
        el = self._styles.get((family, name or "")) if name else None
        if el is None or depth > 16:
            default = self._styles.get((family, ""))
            return _own_facts(default, StyleFacts()) if default is not None and name else StyleFacts()
        parent = self._resolve(family, el.get(STYLE + "parent-style-name"), depth + 1)
        return _own_facts(el, parent)

    def number_format(self, data_style: str | None) -> str:
        """An Excel-like format string saying what ``_xlsx.display_text`` needs: decimals, %, grouping."""
        el = self._data.get(data_style or "")
        if el is None:
            return "General"
        number = el.find(NUMBER + "number")
        if number is None:
            return "General"
        places = number.get(NUMBER + "decimal-places")
        if places is None:
            return "General"
        try:
            decimals = max(0, min(int(places), 15))
        except ValueError:
            return "General"
        fmt = ("#,##0" if number.get(NUMBER + "grouping") == "true" else "0") + (
            "." + "0" * decimals if decimals else ""
        )
        return fmt + "%" if el.tag == NUMBER + "percentage-style" else fmt


def _own_facts(el: Any, parent: StyleFacts) -> StyleFacts:
    left, bold, size, heading = parent.left_border, parent.bold, parent.size_pt, parent.heading
    cell = el.find(STYLE + "table-cell-properties")
    if cell is not None:
        side = cell.get(FO + "border-left") or cell.get(FO + "border")
        if side is not None:
            left = side.strip().lower() not in ("", "none", "hidden") and not side.startswith("0pt")
    props = el.find(STYLE + "text-properties")
    if props is not None:
        weight = props.get(FO + "font-weight")
        if weight is not None:
            bold = weight == "bold" or (weight.isdigit() and int(weight) >= 600)
        sz = props.get(FO + "font-size") or ""
        if sz.endswith("pt"):
            with contextlib.suppress(ValueError):
                size = float(sz[:-2])
    name = (el.get(STYLE + "name") or "").lower()
    if el.get(STYLE + "family") == "paragraph" and name.startswith(("heading", "title")):
        heading = True
    data = el.get(STYLE + "data-style-name") or parent.data_style
    return StyleFacts(left, bold, size, data, heading)


def cell_text(el: Any) -> str:
    """The text of a cell or paragraph: paragraphs and line breaks as newlines, ``text:s``
    spaces; a text box or shape anchored in a paragraph adds its lines after the paragraph's."""
    paragraphs = [p for p in el.iter(TEXT + "p", TEXT + "h") if _outer_paragraph(p, el)]
    if el.tag in (TEXT + "p", TEXT + "h"):
        paragraphs = [el]
    lines: list[str] = []
    for p in paragraphs:
        lines.append(_runs(p))
        lines.extend(cell_text(box) for box in shapes(p))
    return "\n".join(lines)


def own_text(p: Any) -> str:
    """A paragraph's own text, its text boxes and shapes left out."""
    return _runs(p)


def shapes(p: Any) -> list[Any]:
    """The outermost drawing elements (text box, shape) anchored in paragraph ``p``: their
    paragraphs are text of their own, not part of ``p``'s line."""
    out: list[Any] = []

    def walk(node: Any) -> None:
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag.startswith(DRAW) and child.find(".//" + TEXT + "p") is not None:
                out.append(child)
            elif not child.tag.startswith(DRAW):
                walk(child)

    walk(p)
    return out


def _outer_paragraph(p: Any, top: Any) -> bool:
    parent = p.getparent()
    while parent is not None and parent is not top:
        if parent.tag in (TEXT + "p", TEXT + "h", TABLE + "table"):
            return False
        parent = parent.getparent()
    return True


def _runs(p: Any) -> str:
    parts: list[str] = []

    def walk(node: Any) -> None:
        tag = node.tag
        if tag == TEXT + "s":
            try:
                parts.append(" " * max(1, min(int(node.get(TEXT + "c") or 1), 1000)))
            except ValueError:
                parts.append(" ")
        elif tag == TEXT + "tab":
            parts.append(" ")
        elif tag == TEXT + "line-break":
            parts.append("\n")
        elif tag in (TEXT + "note", OFFICE + "annotation") or str(tag).startswith(DRAW):
            pass  # footnotes and comments are not cell text; a text box's lines are its own
        else:
            if node.text:
                parts.append(node.text)
            for child in node:
                walk(child)
                if child.tail:
                    parts.append(child.tail)
            return
        # the tail of s/tab/line-break is appended by the parent

    walk(p)
    return "".join(parts)
