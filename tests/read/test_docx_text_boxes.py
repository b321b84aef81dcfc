"""DOCX text boxes: a title or header lines drawn in a box, as Word writes it.

Word stores a text box twice — a DrawingML shape (``wps:txbx``) and, for older readers, a VML
copy in ``mc:Fallback`` — both holding the same ``w:txbxContent``. The DOCX reader joined every
paragraph under the anchoring paragraph, so a boxed title came out four times over in one line.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read
from tests.read.test_docx_nested import ROWS

_BOX = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
 xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
<wp:anchor simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
<wp:simplePos x="0" y="0"/><wp:extent cx="5000000" cy="600000"/><wp:docPr id="1" name="文本框 1"/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wps:wsp><wps:txbx>{box}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>
</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>
</mc:Fallback></mc:AlternateContent></w:r>"""


def _box(lines: list[str]) -> str:
    ps = "".join(f"<w:p><w:r><w:t>{x}</w:t></w:r></w:p>" for x in lines)
    return _BOX.format(box=f"<w:txbxContent>{ps}</w:txbxContent>")


def _boxed_docx(path: Path) -> Path:
    import docx
    from lxml import etree

    doc = docx.Document()
    doc.add_paragraph()._p.append(etree.fromstring(_box(["2023年度项目支出绩效自评表"])))
    p = doc.add_paragraph("附表")  # the anchoring paragraph's own text stays a line of its own
    p._p.append(etree.fromstring(_box(["填报单位（盖章）：桐江县公路养护中心", "填报日期：2024年3月8日"])))
    table = doc.add_table(rows=len(ROWS), cols=len(ROWS[0]))
    for r, values in enumerate(ROWS):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    doc.save(str(path))
    return path


def test_text_boxes_are_read_once_as_lines(tmp_path: Path) -> None:
    [form] = read(_boxed_docx(tmp_path / "自评表.docx")).forms
    assert form.title == "2023年度项目支出绩效自评表"
    assert form.unit == "桐江县公路养护中心"
    assert form.filled_on == "2024-03-08"
    assert form.project == "乡村公路养护"
    assert len(list(form.indicators())) == 3
