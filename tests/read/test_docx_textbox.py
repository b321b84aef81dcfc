"""DOCX header fields drawn in a text box (``w:txbxContent``), as Word writes it.

Offices put 填报单位（盖章）/ 项目名称 lines or a note in a text box floating above the table. Word
stores the box inside a run of an anchor paragraph twice — the DrawingML shape
(``mc:Choice``) and a VML copy for old readers (``mc:Fallback``) — so reading every ``w:t``
under the paragraph gave the box's lines two or three times, glued to the anchor's own text,
and the fields were lost. The box is read once, its paragraphs as lines after the anchor's.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read
from jixiao.read._docx import docx_rows

ROWS = [
    ["项目资金（万元）", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"],
    ["年度资金总额", "200", "200", "180", "10", "90%", "9"],
    ["年度总体目标", "预期目标", "", "", "实际完成情况", "", ""],
    ["", "完成农村公路日常养护。", "", "", "已完成农村公路日常养护。", "", ""],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "养护里程", "≥120公里", "126公里", "50", "50"],
    ["效益指标", "社会效益指标", "道路优良率", "≥85%", "88%", "30", "30"],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", "10", "10"],
    ["总分", "", "", "", "", "100", "99"],
]

BOX_LINES = ["项目名称：乡村公路养护", "主管部门：桐江县交通运输局", "实施单位：桐江县公路养护中心"]

_NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
}


def _box_run(lines: list[str], *, fallback: bool) -> str:
    """A run holding a floating text box, as Word 2010+ saves it (DrawingML + optional VML)."""
    paras = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in lines)
    decl = " ".join(f'xmlns:{k}="{v}"' for k, v in _NS.items())
    choice = (
        '<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1"'
        ' behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="3600000" cy="720000"/><wp:wrapTopAndBottom/><wp:docPr id="1" name="文本框 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="3600000" cy="720000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f"<wps:txbx><w:txbxContent>{paras}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing>"
    )
    vml = (
        '<w:pict><v:shape id="文本框 1" type="#_x0000_t202" style="width:283pt;height:56pt">'
        f"<v:textbox><w:txbxContent>{paras}</w:txbxContent></v:textbox></v:shape></w:pict>"
    )
    if not fallback:
        return f"<w:r {decl}>{choice}</w:r>"
    return (
        f'<w:r {decl}><mc:AlternateContent><mc:Choice Requires="wps">{choice}</mc:Choice>'
        f"<mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent></w:r>"
    )


def _docx(path: Path, *, anchor_text: str, fallback: bool, in_cell: bool = False) -> Path:
    import docx
    from lxml import etree

    doc = docx.Document()
    doc.add_paragraph("2023年度项目支出绩效自评表")
    anchor = doc.add_paragraph(anchor_text)
    table = doc.add_table(rows=len(ROWS), cols=len(ROWS[0]))
    for r, values in enumerate(ROWS):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    run = etree.fromstring(_box_run(BOX_LINES, fallback=fallback))
    if in_cell:  # a note box anchored in the 实际完成情况 cell
        cell = table.cell(3, 4).paragraphs[0]._p
        cell.append(etree.fromstring(_box_run(["（详见附件）"], fallback=fallback)))
    anchor._p.append(run)
    doc.save(str(path))
    return path


def _check(path: Path, implementer: str) -> None:
    [form] = read(path).forms
    assert form.project == "乡村公路养护"
    assert form.supervisor == "桐江县交通运输局"
    assert form.implementer == implementer
    assert [(i.name, i.weight, i.score) for _, i in form.indicators()] == [
        ("养护里程", 50, 50),
        ("道路优良率", 30, 30),
        ("群众满意度", 10, 10),
    ]
    assert form.total_score == 99


def test_header_fields_in_a_text_box_with_vml_fallback(tmp_path: Path) -> None:
    path = _docx(tmp_path / "自评表.docx", anchor_text="", fallback=True)
    lines = [r.cells[0] for r in docx_rows(path) if not r.table]
    assert lines == ["2023年度项目支出绩效自评表", *BOX_LINES]  # each once, in order
    _check(path, "桐江县公路养护中心")


def test_text_box_without_fallback_after_the_anchor_text(tmp_path: Path) -> None:
    path = _docx(tmp_path / "自评表.docx", anchor_text="（2023年度）", fallback=False)
    lines = [r.cells[0] for r in docx_rows(path) if not r.table]
    assert lines == ["2023年度项目支出绩效自评表", "（2023年度）", *BOX_LINES]
    _check(path, "桐江县公路养护中心")


def test_text_box_in_a_cell_is_read_once(tmp_path: Path) -> None:
    path = _docx(tmp_path / "自评表.docx", anchor_text="", fallback=True, in_cell=True)
    [row] = [r for r in docx_rows(path) if r.table and "已完成农村公路日常养护。" in "".join(r.cells)]
    assert "已完成农村公路日常养护。\n（详见附件）" in row.cells
    _check(path, "桐江县公路养护中心")


def test_the_same_text_box_in_libreoffice_odt() -> None:
    """``textbox_lo.odt``: LibreOffice's conversion of the first test's DOCX (the box became a
    ``draw:custom-shape`` holding the paragraphs). Its lines were glued onto one line."""
    from jixiao.read._odt import odt_rows

    path = Path(__file__).with_name("data") / "formats" / "textbox_lo.odt"
    lines = [r.cells[0] for r in odt_rows(path) if not r.table]
    assert lines == ["2023年度项目支出绩效自评表", *BOX_LINES]
    _check(path, "桐江县公路养护中心")
