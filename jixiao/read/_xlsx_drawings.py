"""Text boxes drawn on a worksheet (``xl/drawings/drawingN.xml``): lines at their anchor row.

Offices put 填报单位（盖章）/ 单位：万元 or a note in a text box floating over the sheet rather
than in a cell. The box is a shape (``xdr:sp``) with a text body in the sheet's drawing part,
anchored to the cell under its top-left corner; its paragraphs are read as lines of running
text before that row, as the page prints them. The zip checks leave drawing parts unparsed
(only a DTD is refused): a sheet's drawing is parsed here, with the same safe parser. A shape
Excel stores twice (``mc:Choice`` and an ``mc:Fallback`` copy) is read once.
"""

from __future__ import annotations

import zipfile
from typing import Any, Protocol

from jixiao.read._limits import xml_parser

__all__ = ["box_lines"]

_XDR = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_ANCHORS = (_XDR + "twoCellAnchor", _XDR + "oneCellAnchor", _XDR + "absoluteAnchor")


class _Package(Protocol):
    names: set[str]
    z: zipfile.ZipFile

    def rels(self, part: str) -> list[tuple[str, str, str]]: ...


def box_lines(package: _Package, sheet_part: str) -> tuple[tuple[int, int, str], ...]:
    """(1-based row, 1-based column, text) of each paragraph of the sheet's text boxes."""
    from lxml import etree

    out: list[tuple[int, int, str]] = []
    for kind, target, _ in package.rels(sheet_part):
        if not kind.endswith("/drawing") or target not in package.names:
            continue
        try:  # the zip checks refused a DTD in it and bounded its size; it is parsed only here
            root = etree.fromstring(package.z.read(target), xml_parser())
        except (KeyError, ValueError, etree.XMLSyntaxError):
            continue  # a broken drawing: the cells still read
        for anchor in root.iter(*_ANCHORS):
            row, col = _corner(anchor)
            for body in anchor.iter(_XDR + "txBody"):
                if any(a.tag == _FALLBACK for a in body.iterancestors()):
                    continue
                for p in body.iter(_A + "p"):
                    text = "".join(t.text or "" for t in p.iter(_A + "t")).strip()
                    if text:
                        out.append((row, col, text))
    return tuple(out)


def _corner(anchor: Any) -> tuple[int, int]:
    """The cell under the box's top-left corner (an absolute anchor: the sheet's first cell)."""
    frm = anchor.find(_XDR + "from")
    if frm is None:
        return 1, 1
    try:
        return int(frm.findtext(_XDR + "row") or 0) + 1, int(frm.findtext(_XDR + "col") or 0) + 1
    except ValueError:
        return 1, 1
