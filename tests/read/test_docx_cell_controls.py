"""Content controls around table cells and rows (``w:tr > w:sdt > w:sdtContent > w:tc``, and the
same around a ``w:tr``), as Word form templates put them: the control is transparent, the cell
is in its column — the form reads as the same DOCX without the controls."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from jixiao.contract import form_to_contract
from jixiao.read import read

ORIGINAL = Path(__file__).resolve().parents[1] / "corpus" / "files" / "a10_national_shelter_docx.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _wrap(el: etree._Element) -> None:
    """Put ``el`` inside a w:sdt/w:sdtContent standing where it stood."""
    sdt = etree.Element(W + "sdt")
    etree.SubElement(etree.SubElement(sdt, W + "sdtPr"), W + "richText")
    content = etree.SubElement(sdt, W + "sdtContent")
    el.addprevious(sdt)
    content.append(el)


def _with_controls(tmp_path: Path) -> Path:
    out = tmp_path / "controls.docx"
    with zipfile.ZipFile(ORIGINAL) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                root = etree.fromstring(data)
                trs = list(root.iter(W + "tr"))
                for k, tr in enumerate(trs):
                    if k % 2:
                        _wrap(tr.findall(W + "tc")[-1])  # the row's last cell (得分, 偏差…)
                    elif k % 4 == 0:
                        _wrap(tr)  # a whole row
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(item, data)
    return out


def _forms(path: Path) -> list[dict[str, object]]:
    return [form_to_contract(f) for f in read(path).forms]


def test_cells_and_rows_inside_content_controls_are_read(tmp_path: Path) -> None:
    got = _forms(_with_controls(tmp_path))
    assert got and got == _forms(ORIGINAL)
