"""Printed forms as a finance bureau files them: read back with openpyxl, python-docx, pdfplumber."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from openpyxl import load_workbook

from jixiao.contract import form_from_contract
from jixiao.model import Form
from jixiao.write import Template, write_docx, write_pdf, write_xlsx

from .conftest import SEED_FILES, needs_soffice, seed_forms

EXAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "templates" / "examples"


def _national_example() -> Form:
    path = EXAMPLES / "01_national_project_2023.answer.json"
    if not path.exists():
        pytest.skip(f"{path} 不存在")
    data = json.loads(path.read_text(encoding="utf-8"))
    return form_from_contract(data[0] if isinstance(data, list) else data)


# --- XLSX -------------------------------------------------------------------------------------


def test_xlsx_total_is_a_sum_formula_with_its_value(project_form: Form, tmp_path: Path) -> None:
    path = write_xlsx([project_form], tmp_path / "a.xlsx")
    ws = load_workbook(path).active
    values = load_workbook(path, data_only=True).active
    header = next(r for r in ws.iter_rows() if r[1].value == "一级指标")
    assert [c.value for c in header[1:]] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "分值",
        "年初目标值",
        "实际完成值",
        "得分",
    ]
    total = next(r for r in ws.iter_rows() if r[0].value == "总分")[-1]
    # 预算执行得分 20 + 房租缴纳及时性 80 = the printed 100
    assert isinstance(total.value, str) and total.value.startswith("=SUM(")
    assert values[total.coordinate].value == 100  # cached: a program that does not calculate sees it


def test_xlsx_total_that_does_not_add_up_stays_as_printed(project_form: Form, tmp_path: Path) -> None:
    project_form.total_score = 99.5  # printed, though 20 + 80 = 100: a formula would change the form
    ws = load_workbook(write_xlsx([project_form], tmp_path / "a.xlsx")).active
    total = next(r for r in ws.iter_rows() if r[0].value == "总分")[-1]
    assert total.value == 99.5


def test_xlsx_blank_total_stays_blank(project_form: Form, tmp_path: Path) -> None:
    project_form.total_score = None
    ws = load_workbook(write_xlsx([project_form], tmp_path / "a.xlsx")).active
    assert next(r for r in ws.iter_rows() if r[0].value == "总分")[-1].value is None


def test_xlsx_weights_in_their_own_column(department_form: Form, tmp_path: Path) -> None:
    ws = load_workbook(write_xlsx([department_form], tmp_path / "a.xlsx")).active
    row = next(r for r in ws.iter_rows(values_only=True) if r[3] == "办公场所正常运转天数")
    assert row[4] == 0.5  # 分值 a number, the name without "(0.5分)"


def test_xlsx_prints_on_a4_landscape_one_page_wide(department_form: Form, tmp_path: Path) -> None:
    wb = load_workbook(write_xlsx([department_form], tmp_path / "a.xlsx"))
    ws = wb.active
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) and ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.print_area == f"'{ws.title}'!$A$1:$H${ws.max_row}"


def test_sheet_names_from_the_project(project_form: Form, department_form: Form, tmp_path: Path) -> None:
    long = project_form.model_copy(
        update={"project": "农村饮水安全工程维修养护补助：第一批/第二批[2023]资金项目"}
    )
    wb = load_workbook(write_xlsx([project_form, long, department_form, project_form], tmp_path / "a.xlsx"))
    names = wb.sheetnames
    assert names[0] == "1号楼房租" and names[3] == "1号楼房租(2)"
    assert names[1] == "农村饮水安全工程维修养护补助：第一批第二批2023资金项目"[:31]  # "：" is allowed
    assert names[2] == "武汉国家生物产业基地建设管理办公室"
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)


def test_national_deviation_per_indicator(tmp_path: Path) -> None:
    form = _national_example()
    ws = load_workbook(write_xlsx([form], tmp_path / "n.xlsx", Template.NATIONAL)).active
    rows = {r[3]: r for r in ws.iter_rows(values_only=True) if r[3]}
    assert rows["维修养护集中供水工程处数"][8] == "2处工程因水源地改造暂缓维修，已列入2024年计划。"
    assert rows["工程长效管护机制"][8] == "部分村级管水员尚未落实，下一步完善管护考核办法。"
    others = [
        r
        for name, r in rows.items()
        if r[1]
        and r[7] is not None
        and name not in ("维修养护集中供水工程处数", "工程长效管护机制", "三级指标")
    ]
    assert others and all(r[8] is None for r in others)  # never one text in every row


def test_national_goal_labels_in_their_cells(department_form: Form, tmp_path: Path) -> None:
    ws = load_workbook(write_xlsx([department_form], tmp_path / "n.xlsx", Template.NATIONAL)).active
    goal = next(r for r in ws.iter_rows(values_only=True) if r[0] and str(r[0]).startswith("年度目标1"))
    assert goal[0] == "年度目标1\n（9分）" and goal[1] == "维持部门日常工作开展"
    assert not any(str(v).startswith("绩效指标（") for r in ws.iter_rows(values_only=True) for v in r if v)


# --- DOCX -------------------------------------------------------------------------------------


def test_docx_is_simplified_chinese(department_form: Form, tmp_path: Path) -> None:
    doc = open_docx(str(write_docx([department_form], tmp_path / "a.docx")))
    normal = doc.styles["Normal"].element.rPr
    assert normal.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    assert normal.find(qn("w:lang")).get(qn("w:val")) == "en-US"  # digits and Latin: Latin rules
    runs = [r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    assert runs
    for run in runs:
        rpr = run._element.rPr
        assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
        assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "宋体"


def test_docx_label_cell_and_blank_total(department_form: Form, tmp_path: Path) -> None:
    department_form.total_score = None
    doc = open_docx(str(write_docx([department_form], tmp_path / "a.docx")))
    table = doc.tables[0]
    label = next(r for r in table.rows if r.cells[0].text.startswith("年度目标1"))
    assert label.cells[0].text == "年度目标1\n（9分）" and label.cells[1].text == "维持部门日常工作开展"
    total = next(r for r in table.rows if r.cells[0].text == "总分")
    assert total.cells[-1].text == ""


# --- PDF --------------------------------------------------------------------------------------


def _pdf_fonts(path: Path) -> set[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return {c["fontname"].split("+")[-1] for page in pdf.pages for c in page.chars}


def _glyph(image: object, box: tuple[float, float, float, float]) -> object:
    """The ink of one character, cropped and scaled to 48×48 grey levels."""
    from PIL import ImageOps

    crop = ImageOps.invert(image.crop(box).convert("L"))  # type: ignore[attr-defined]
    bbox = crop.getbbox()
    return crop.crop(bbox).resize((48, 48)) if bbox else crop.resize((48, 48))


def _distance(a: object, b: object) -> float:
    pa, pb = a.tobytes(), b.tobytes()  # type: ignore[attr-defined]
    return sum(abs(x - y) for x, y in zip(pa, pb, strict=True)) / len(pa)


@pytest.mark.slow
def test_pdf_prints_simplified_chinese_glyphs(department_form: Form, tmp_path: Path) -> None:
    """门 differs between the Japanese and the Chinese faces of Noto CJK: the printed one is SC."""
    needs_soffice()
    import pdfplumber
    from PIL import Image, ImageDraw, ImageFont

    path = write_pdf([department_form], tmp_path / "a.pdf")
    fonts = _pdf_fonts(path)
    assert fonts and all("NotoSerifCJK" in f or "NotoSansCJK" in f for f in fonts), fonts
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        char = next(c for c in page.chars if c["text"] == "门")
        scale = 300 / 72
        image = page.to_image(resolution=300).original
        box = tuple(v * scale for v in (char["x0"], char["top"], char["x1"], char["bottom"]))
        printed = _glyph(image, box)  # type: ignore[arg-type]
    ttc = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
    if not Path(ttc).exists():
        pytest.skip("fonts-noto-cjk 未安装")
    faces = {}
    for name, index in (("JP", 0), ("SC", 2)):
        font = ImageFont.truetype(ttc, 200, index=index)
        canvas = Image.new("RGB", (260, 260), "white")
        ImageDraw.Draw(canvas).text((20, 10), "门", font=font, fill="black")
        faces[name] = _glyph(canvas, (0, 0, 260, 260))
    assert _distance(printed, faces["SC"]) < _distance(printed, faces["JP"])


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_pdf_pages_never_hold_only_a_header_or_a_tail_of_notes(seed: Path, tmp_path: Path) -> None:
    needs_soffice()
    import pdfplumber

    forms = seed_forms(seed)
    templates = [Template.WUHAN, Template.NATIONAL] if seed.name.startswith("000") else [Template.WUHAN]
    for template in templates:
        path = write_pdf(forms, tmp_path / f"{template.value}.pdf", template)
        with pdfplumber.open(path) as pdf:
            pages = [(page.extract_text() or "", bool(page.rects or page.lines)) for page in pdf.pages]
        for n, (text, has_table) in enumerate(pages, start=1):
            lines = [x.strip() for x in text.splitlines() if x.strip()]
            where = f"{seed.name} {template.value} 第{n}页"
            if has_table:
                continue
            # a page without a table holds one form's whole 备注 (never a title or header alone,
            # never the last lines of notes begun on the page before)
            assert lines and lines[0] == "备注：", f"{where}：{lines[:3]}"
            numbers = [x.split(".")[0] for x in lines[1:] if re.match(r"[0-9]+\.", x)]
            assert numbers and numbers[0] == "1", f"{where}：{lines[:3]}"
        # every page break is between rows: a row is never split (cantSplit) — pdftotext agrees
        out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
        assert out.returncode == 0


# --- formulas without values ------------------------------------------------------------------


def test_formula_without_value_is_named_with_file_and_cell(tmp_path: Path) -> None:
    from openpyxl import Workbook
    from typer.testing import CliRunner

    from jixiao.cli import app

    wb = Workbook()
    ws = wb.active
    ws.title = "自评表"
    ws["A1"], ws["B1"], ws["B2"], ws["B3"] = "总分", "=SUM(B2:B3)", 60, 30
    path = tmp_path / "程序导出.xlsx"
    wb.save(path)  # openpyxl stores the formula alone, as programs that do not calculate do
    result = CliRunner().invoke(app, ["parse", str(path)])
    assert result.exit_code == 2
    assert "程序导出.xlsx" in result.stderr and "工作表“自评表”B1" in result.stderr
    assert "该单元格为公式且无计算结果，请在 Excel/WPS 中打开保存后再导入" in result.stderr


def test_own_workbook_with_formulas_reads_back_its_totals(department_form: Form, tmp_path: Path) -> None:
    from jixiao.read import read

    parts = [department_form.budget.score] + [i.score for _, i in department_form.indicators()]  # type: ignore[union-attr]
    department_form.total_score = round(sum(p or 0 for p in parts), 2)  # adds up: written as =SUM
    path = write_xlsx([department_form], tmp_path / "a.xlsx")
    assert any(
        isinstance(c.value, str) and c.value.startswith("=SUM")
        for r in load_workbook(path).active.iter_rows()
        for c in r
    )
    assert read(path).forms[0].total_score == department_form.total_score


@pytest.mark.slow
def test_printed_report_never_breaks_a_number(tmp_path: Path) -> None:
    """Chinese line breaking applies to Chinese text only: "98.54" stays on one line."""
    needs_soffice()
    from jixiao.read import read
    from jixiao.review import review_document
    from jixiao.write.pdf import docx_to_pdf
    from jixiao.write.report import report_markdown, write_report_docx

    seed = next((p for p in SEED_FILES if p.name.startswith("003")), None)
    if seed is None:
        pytest.skip("seed 003 不存在")
    doc = read(seed)
    result = review_document(doc)
    items = []
    for i in range(1, 4):
        card = next(c for c in result.scorecards if c.form == i)
        items.append((doc.forms[i], card, [f for f in result.findings if f.form == i]))
    pdf = docx_to_pdf(write_report_docx(items, tmp_path / "r.docx"), tmp_path / "r.pdf")
    lines = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.splitlines()
    numbers = {n for item in items for n in re.findall(r"[0-9]+\.[0-9]+", report_markdown(*item))}
    assert numbers
    for n in numbers:
        assert any(n in line for line in lines), n
