"""A worksheet's header fields drawn in a text box (``xl/drawings/drawing1.xml``), as Excel saves it.

The reader took only the cells, so 项目名称 / 主管部门 / 实施单位 written in a box floating above
the table were lost. The box's paragraphs are now lines before the row it is anchored on; a
shape Excel also writes as an ``mc:Fallback`` copy is read once.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from jixiao.read import read
from jixiao.read._xlsx import xlsx_rows

ROWS = [
    ["2023年度项目支出绩效自评表"],
    [],
    [],
    ["项目资金（万元）", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"],
    ["年度资金总额", 200, 200, 180, 10, "90%", 9],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "养护里程", "≥120公里", "126公里", 50, 50],
    ["效益指标", "社会效益指标", "道路优良率", "≥85%", "88%", 30, 30],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", 10, 10],
    ["总分", "", "", "", "", 100, 99],
]
BOX_LINES = ["项目名称：乡村公路养护", "主管部门：桐江县交通运输局", "实施单位：桐江县公路养护中心"]

_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _shape(lines: list[str]) -> str:
    paras = "".join(f'<a:p><a:r><a:rPr lang="zh-CN"/><a:t>{t}</a:t></a:r></a:p>' for t in lines)
    return (
        '<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="2" name="文本框 1"/>'
        '<xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'</xdr:spPr><xdr:txBody><a:bodyPr wrap="square"/><a:lstStyle/>{paras}</xdr:txBody></xdr:sp>'
    )


def _drawing(fallback: bool) -> str:
    shape = _shape(BOX_LINES)
    if fallback:
        shape = (
            f'<mc:AlternateContent xmlns:mc="{_MC}"><mc:Choice xmlns:a14="http://schemas.microsoft.com/'
            f'office/drawing/2010/main" Requires="a14">{shape}</mc:Choice><mc:Fallback>{shape}'
            "</mc:Fallback></mc:AlternateContent>"
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><xdr:wsDr xmlns:xdr="{_XDR}" xmlns:a="{_A}">'
        "<xdr:twoCellAnchor><xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row>"
        "<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>4</xdr:col><xdr:colOff>0</xdr:colOff>"
        f"<xdr:row>3</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>{shape}<xdr:clientData/></xdr:twoCellAnchor>"
        "</xdr:wsDr>"
    )


def _xlsx(path: Path, *, fallback: bool) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for r, values in enumerate(ROWS, start=1):
        for c, v in enumerate(values, start=1):
            if v != "":
                ws.cell(r, c, v)
    ws.merge_cells("A1:G1")
    plain = path.with_suffix(".plain.xlsx")
    wb.save(plain)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                if "xmlns:r=" not in text.split(">", 2)[1]:
                    text = text.replace("<worksheet ", f'<worksheet xmlns:r="{_R}" ', 1)
                data = text.replace("</worksheet>", '<drawing r:id="rIdBox1"/></worksheet>').encode()
            elif item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/drawings/drawing1.xml" '
                    b'ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>',
                )
            out.writestr(item, data)
        out.writestr(
            "xl/worksheets/_rels/sheet1.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rIdBox1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"/>'
            "</Relationships>",
        )
        out.writestr("xl/drawings/drawing1.xml", _drawing(fallback))
    plain.unlink()
    return path


@pytest.mark.parametrize("fallback", [False, True], ids=["shape", "with_fallback"])
def test_header_fields_in_a_worksheet_text_box(tmp_path: Path, fallback: bool) -> None:
    path = _xlsx(tmp_path / "自评表.xlsx", fallback=fallback)
    lines = [r.cells[0] for r in xlsx_rows(path) if not r.table]
    assert lines == ["2023年度项目支出绩效自评表", *BOX_LINES]  # each once, before row 2's table
    [form] = read(path).forms
    assert (form.project, form.supervisor, form.implementer) == (
        "乡村公路养护",
        "桐江县交通运输局",
        "桐江县公路养护中心",
    )
    assert [(i.name, i.weight, i.score) for _, i in form.indicators()] == [
        ("养护里程", 50, 50),
        ("道路优良率", 30, 30),
        ("群众满意度", 10, 10),
    ]
    assert form.total_score == 99
