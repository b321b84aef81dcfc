"""The same Wuhan forms as a unit lays them out in office files: XLSX (openpyxl, merged cells,
one sheet per form), DOCX (python-docx tables with merged cells) and PDF printed from those by
LibreOffice. Built from the generator's records, not from the TAB text: no converter noise
(no shifted rows, wrapped names or page headers); a label the unit breaks over two lines keeps
its line break inside the cell. Never imports jixiao.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from tests.corpus_wuhan import _text as T
from tests.corpus_wuhan._forms import num


@dataclass
class C:
    """One cell anchor: text and its row/column span."""

    text: str
    rs: int = 1
    cs: int = 1


@dataclass
class Table:
    """A grid of anchors (``None`` = covered by a merge), with lines printed above and below."""

    width: int
    heading: str | None = None
    rows: list[list[C | None]] = field(default_factory=list)

    def add(self, *cells: C | None) -> None:
        row = list(cells)
        assert sum(1 if c is None else c.cs for c in row) == self.width, (self.heading, row)
        self.rows.append(row)


@dataclass
class Sheet:
    """One form: its title, header lines, tables and the narrative after it."""

    title: str
    header: list[str]
    tables: list[Table]
    after: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- layouts


def _ind_rows(
    t: Table, inds: list[dict], o: dict, rng: random.Random, lead: C | None, name_cs: int = 1
) -> None:
    """Indicator rows: 一级 and 二级 merged down their runs (placeholder rows included)."""
    flat: list[tuple[dict | None, str, str]] = []  # (indicator or None for a placeholder, level1, level2)
    for ind in inds:
        flat.append((ind, ind["level1"], ind["level2"]))
        for ph in ind.get("placeholders_after", []):
            flat.append((None, ind["level1"], ph))
    for k, (ind, l1, l2) in enumerate(flat):
        cells: list[C | None] = [lead if k == 0 else None]  # column 0: the goal's label, merged down
        if k == 0 or flat[k - 1][1] != l1:
            run = [x for x in flat[k:]]
            n1 = next((j for j, x in enumerate(run) if x[1] != l1), len(run))
            w1 = sum(x[0]["weight"] for x in run[:n1] if x[0])
            cells.append(C(l1 + (T.pts(w1, rng, o["pts"]) if o.get("level_pts") else ""), rs=n1))
        else:
            cells.append(None)
        if k == 0 or flat[k - 1][1:] != (l1, l2):
            run = flat[k:]
            n2 = next((j for j, x in enumerate(run) if x[1:] != (l1, l2)), len(run))
            w2 = sum(x[0]["weight"] for x in run[:n2] if x[0])
            cells.append(C(l2 + (T.pts(w2, rng, o["pts"]) if o.get("level_pts") and ind else ""), rs=n2))
        else:
            cells.append(None)
        if ind is None:
            cells += [C(o.get("placeholder", "无"), cs=name_cs), C(""), C(""), C("")]
        else:
            name = ind["name"] + (T.pts(ind["weight"], rng, o["pts"]) if o.get("ind_pts") else "")
            cells += [C(name, cs=name_cs), C(ind["target"]), C(ind["actual"]), C(num(ind["score"]))]
        t.add(*cells)


def _count(inds: list[dict]) -> int:
    return sum(1 + len(i.get("placeholders_after", [])) for i in inds)


def _budget(t: Table, f: dict, o: dict, dept: bool) -> None:
    b = f["budget"]
    label = (
        "项目执行情况（万元）（20分）"
        if dept and o.get("alt_budget_label")
        else "预算执行情况（万元）（20分）"
    )
    amount = T.amount(b["planned"], o.get("sep", False))
    if o.get("compressed"):
        amount += "\n(压缩后)" if o.get("budget_wrap") else "(压缩后)"
    row_label = "部门整体支出总额" if dept else "年度财政资金总额"
    if o.get("budget_wrap") and not o.get("compressed"):
        row_label = row_label[:-2] + "\n" + row_label[-2:]
    t.add(
        C(label, rs=2),
        C("", cs=2),
        C("预算数(A)"),
        C("执行数(B)"),
        C("执行率(B/A)"),
        C("得分（20分*执行率）"),
    )
    t.add(
        None,
        C(row_label, cs=2),
        C(amount),
        C(T.amount(b["executed"], o.get("sep", False))),
        C(T.rate_text(b["rate"], o["rate"] if o["rate"] != "bare" else "pct2")),
        C(num(b["score"])),
    )


def _tail(t: Table, f: dict, o: dict) -> None:
    if not o.get("score_in_header"):
        t.add(C("总分", cs=6), C(num(f["total_score"])))
    split = o.get("split_label")
    t.add(
        C("偏差大或目标未完\n成原因分析" if split else "偏差大或目标未完成原因分析"),
        C(f["deviation_reason"], cs=6),
    )
    t.add(C("改进措施及结\n果应用方案" if split else "改进措施及结果应用方案"), C(f["improvement"], cs=6))


def _header(f: dict, o: dict) -> list[str]:
    stamp = "单位名称（盖章）" if o.get("stamp") else "单位名称"
    date = T.date_text(f["filled_on"], o["date"])
    line = f"{stamp}：{f['unit']}    填报日期：{date}"
    if o.get("score_in_header"):
        line += f"    {'自评得分' if f['project'] else '总分'}：{num(f['total_score'])}分"
    return [line]


def project_sheet(f: dict, o: dict, rng: random.Random) -> Sheet:
    t = Table(7)
    t.add(C("项目名称"), C(f["project"], cs=6))
    t.add(C("主管部门"), C(f["supervisor"] or "", cs=2), C("项目实施单位", cs=2), C(f["implementer"], cs=2))
    if o.get("checkbox"):
        t.add(C("项目类别"), C("1、部门预算项目☑  2、区级专项☐", cs=6))
        t.add(C("项目属性"), C("1、持续性项目☐  2、新增性项目☑", cs=6))
    _budget(t, f, o, False)
    og = f["overall_goal"]
    if og:
        t.add(
            C("项目绩效总目标（20分）", rs=2), C("年初设定目标", cs=3), C("全年实际完成情况", cs=2), C("得分")
        )
        t.add(None, C(og["target"], cs=3), C(og["actual"], cs=2), C(num(og["score"])))
    for g in f["_goals"]:
        label = {"项目年度绩效指标": "项目年度绩效指标"}.get(g["name"], g["name"])
        t.add(
            C(label + T.pts(g["weight"], rng, o["pts"]), rs=_count(g["inds"]) + 1),
            C("一级指标"),
            C("二级指标"),
            C("三级指标"),
            C("年初目标值(A)"),
            C("实际完成值(B)"),
            C("得分"),
        )
        _ind_rows(t, g["inds"], o, rng, None)
    _tail(t, f, o)
    return Sheet(f["title"], _header(f, o), [t])


def dept_sheet(f: dict, o: dict, rng: random.Random) -> Sheet:
    t = Table(7)
    if o.get("full_unit"):
        b = f["budget"]["executed"]
        basic = round(b * 0.08, 2)
        t.add(C("单位名称"), C(o["full_unit"], cs=6))
        t.add(
            C("基本支出总额"),
            C(f"{num(basic)}万元", cs=2),
            C("项目支出总额", cs=2),
            C(f"{num(round(b - basic, 2))}万元", cs=2),
        )
    if o.get("unit_row"):
        t.add(
            C("单位名称"),
            C(f["unit"], cs=3),
            C("项目支出总额"),
            C(T.amount(f["budget"]["planned"], o.get("sep", False)), cs=2),
        )
    _budget(t, f, o, True)
    for g in f["_goals"]:
        w = T.pts(g["weight"], rng, o["pts"])
        n = _count(g["inds"])
        if o["goal_row"] == "joined":
            t.add(C(f"{g['name']}{w}：{g['text']}", cs=7))
            heads = ("一级指标", "二级指标", "指标名称", "年初指标值", "实际完成值", "得分")
        else:
            t.add(C(f"{g['name']}：{w.strip()}"), C(g["text"], cs=6))
            heads = ("一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分")
        t.add(C("年度绩效指标", rs=n + 1), *(C(h) for h in heads))
        _ind_rows(t, g["inds"], o, rng, None)
    _tail(t, f, o)
    return Sheet(f["title"], _header(f, o), [t])


def _target_rows(t: Table, g: dict, lead: str, annual: bool) -> None:
    inds = g["inds"]
    for k, ind in enumerate(inds):
        cells: list[C | None] = [C(lead, rs=len(inds)) if k == 0 else None]
        if k == 0 or inds[k - 1]["level1"] != ind["level1"]:
            cells.append(
                C(
                    ind["level1"],
                    rs=next(
                        (j for j, x in enumerate(inds[k:]) if x["level1"] != ind["level1"]), len(inds) - k
                    ),
                )
            )
        else:
            cells.append(None)
        key = (ind["level1"], ind["level2"])
        if k == 0 or (inds[k - 1]["level1"], inds[k - 1]["level2"]) != key:
            cells.append(
                C(
                    ind["level2"],
                    rs=next(
                        (j for j, x in enumerate(inds[k:]) if (x["level1"], x["level2"]) != key),
                        len(inds) - k,
                    ),
                )
            )
        else:
            cells.append(None)
        cells.append(C(ind["name"]))
        if annual:
            cells += [C(ind["history"][0]), C(ind["history"][1]), C(ind["target"])]
        else:
            cells.append(C(ind["target"], cs=3))
        cells.append(C(ind["basis"]))
        t.add(*cells)


def _annual_head(t: Table, lead: str, last: str) -> None:
    t.add(
        C(lead, rs=2),
        C("一级指标", rs=2),
        C("二级指标", rs=2),
        C("三级指标", rs=2),
        C("指标值", cs=3),
        C("指标值确定依据", rs=2),
    )
    t.add(None, None, None, None, C("前年"), C("上年"), C(last), None)


def dept_target_sheet(f: dict, o: dict, rng: random.Random) -> Sheet:
    m = f["_meta"]
    half = len(f["_goals"]) // 2
    longs, annuals = f["_goals"][:half], f["_goals"][half:]
    t = Table(8)
    t.add(C("部门（单位）名称", cs=2), C(f["unit"], cs=6))
    t.add(C("填报人", cs=2), C(m["filler"], cs=2), C("联系电话", cs=2), C(m["phone"], cs=2))
    t.add(C("部门职能概述", cs=2), C("\n".join(f"{k + 1}. {d}" for k, d in enumerate(m["duties"])), cs=6))
    t.add(C("年度工作任务", cs=2), C(f"{m['year']}年，{f['unit']}将围绕年度重点工作，做好各项任务。", cs=6))
    lists = ["\n".join(f"目标{k + 1}：{g['text']}" for k, g in enumerate(gs)) for gs in (longs, annuals)]
    t.add(C("整体绩效总目标", cs=2, rs=2), C("长期目标", cs=3), C("年度目标", cs=3))
    t.add(None, None, C(lists[0], cs=3), C(lists[1], cs=3))
    for k, g in enumerate(longs):
        t.add(C(f"长期目标{k + 1}：", cs=2), C(g["text"], cs=6))
        t.add(
            C("目标名称"), C("一级指标"), C("二级指标"), C("三级指标"), C("指标值", cs=3), C("指标值确定依据")
        )
        _target_rows(t, g, "长期绩效指标", False)
    for k, g in enumerate(annuals):
        t.add(C(f"年度目标{k + 1}：", cs=2), C(g["text"], cs=6))
        _annual_head(t, "目标名称", "预期当年实现值")
        _target_rows(t, g, "年度绩效指标", True)
    return Sheet(f["title"], ["单位：万元"], [t])


def project_target_sheet(f: dict, o: dict, rng: random.Random) -> Sheet:
    m = f["_meta"]
    half = len(f["_goals"]) // 2
    longs, annuals = f["_goals"][:half], f["_goals"][half:]
    amt = num(m["amount"])
    head = Table(4)
    head.add(C("项目名称"), C(f["project"]), C("项目编码"), C(m["code"]))
    head.add(C("项目主管部门"), C(f["supervisor"]), C("项目执行单位"), C(f["implementer"]))
    head.add(C("项目负责人"), C(m["owner"]), C("联系电话"), C(m["phone"]))
    head.add(C("项目属性"), C("持续性项目☑  新增项目☐", cs=3))
    head.add(C("起始年度"), C(str(m["year"])), C("终止年度"), C(str(m["year"])))
    head.add(C("项目立项依据"), C(m["basis"], cs=3))
    head.add(C("项目总预算"), C(amt), C("项目当年预算"), C(amt))
    goals = Table(2, "项目绩效总目标")
    goals.add(C("名称"), C("目标说明"))
    for g in f["_goals"]:
        goals.add(C(g["name"]), C(g["text"]))
    long_t = Table(8, "长期绩效目标表")
    long_t.add(
        C("目标名称"), C("一级指标"), C("二级指标"), C("三级指标"), C("指标值", cs=3), C("指标值确定依据")
    )
    for g in longs:
        _target_rows(long_t, g, g["name"], False)
    annual_t = Table(8, "年度绩效目标表")
    _annual_head(annual_t, "目标名称", "预计当年实现")
    for g in annuals:
        _target_rows(annual_t, g, g["name"], True)
    return Sheet(f["title"], ["单位：万元"], [head, goals, long_t, annual_t])


SHEETS = {
    "project": project_sheet,
    "dept": dept_sheet,
    "dtarget": dept_target_sheet,
    "ptarget": project_target_sheet,
}


# ---------------------------------------------------------------- writers


def _xl_value(text: str) -> tuple[object, str | None]:
    """A number typed as a number (a rate as a percentage), anything else as text."""
    if re.fullmatch(r"-?\d+(\.\d+)?", text) and not re.match(r"0\d|\d{13}", text):  # not a phone or code
        return (float(text) if "." in text else int(text)), None
    m = re.fullmatch(r"(\d+(?:\.(\d+))?)%", text)
    if m:
        places = len(m.group(2) or "")
        return round(float(m.group(1)) / 100, 8), ("0." + "0" * places + "%") if places else "0%"
    return text, None


def _lines(row: list[C | None]) -> int:
    """Printed lines of a row at 8 characters per column, so the unit's row heights fit the text."""
    need = 1
    for cell in row:
        if cell is not None and cell.rs == 1:
            per = 8 * cell.cs
            need = max(need, sum(-(-max(1, len(x)) // per) for x in cell.text.split("\n")))
    return need


def write_xlsx(sheets: list[Sheet], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for k, s in enumerate(sheets):
        ws = wb.create_sheet(f"表{k + 1}")
        width = max(t.width for t in s.tables)
        ws.cell(1, 1, s.title).font = Font(bold=True, size=14)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        r = 2
        for line in s.header:
            ws.cell(r, 1, line)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
            r += 1
        for t in s.tables:
            if t.heading:
                ws.cell(r, 1, t.heading).font = Font(bold=True)
                r += 1
            for row in t.rows:
                c = 0
                for cell in row:
                    if cell is not None:
                        xc = ws.cell(r, c + 1)
                        value, fmt = _xl_value(cell.text)
                        xc.value = value if value != "" else None
                        if fmt:
                            xc.number_format = fmt
                        xc.alignment = Alignment(wrap_text=True, vertical="center")
                        if cell.rs > 1 or cell.cs > 1:
                            ws.merge_cells(
                                start_row=r,
                                start_column=c + 1,
                                end_row=r + cell.rs - 1,
                                end_column=c + cell.cs,
                            )
                        c += cell.cs
                    else:
                        c += 1
                for cc in range(1, t.width + 1):
                    ws.cell(r, cc).border = border
                ws.row_dimensions[r].height = 14 * _lines(row)
                r += 1
            r += 1
        for cc in range(1, width + 1):
            ws.column_dimensions[get_column_letter(cc)].width = 16
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.properties.creator = "corpus_wuhan"
    wb.properties.created = wb.properties.modified = dt.datetime(2024, 1, 1)
    wb.save(path)
    normalize_zip(path)


def _anchors(t: Table) -> list[tuple[int, int, C]]:
    """(row, column, cell) of every anchor; a ``None`` stands for one covered column."""
    out = []
    for r, row in enumerate(t.rows):
        c = 0
        for cell in row:
            if cell is not None:
                out.append((r, c, cell))
                c += cell.cs
            else:
                c += 1
    return out


def write_docx(sheets: list[Sheet], path: Path) -> None:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt

    d = docx.Document()
    sec = d.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = sec.page_height, sec.page_width
    for m in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, m, Cm(1.5))
    for k, s in enumerate(sheets):
        if k:
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(s.title)
        run.bold = True
        run.font.size = Pt(14)
        for line in s.header:
            d.add_paragraph(line)
        for t in s.tables:
            if t.heading:
                d.add_paragraph(t.heading).runs[0].bold = True
            table = d.add_table(rows=len(t.rows), cols=t.width)
            table.style = "Table Grid"
            for r, c, cell in _anchors(t):
                target = table.cell(r, c)
                if cell.rs > 1 or cell.cs > 1:
                    target = target.merge(table.cell(r + cell.rs - 1, c + cell.cs - 1))
                lines = cell.text.split("\n")
                target.text = lines[0]
                for extra in lines[1:]:
                    target.add_paragraph(extra)
                for para in target.paragraphs:
                    for run in para.runs:
                        run.font.size = Pt(8)
        for line in s.after:  # the narrative: its Markdown headings as bold paragraphs
            if line.startswith("## "):
                d.add_paragraph().add_run(line[3:]).bold = True
            else:
                d.add_paragraph(line)
    d.core_properties.author = d.core_properties.last_modified_by = "corpus_wuhan"
    d.core_properties.created = d.core_properties.modified = dt.datetime(2024, 1, 1)
    d.save(path)
    normalize_zip(path)


def normalize_zip(path: Path) -> None:
    """Restamp every zip entry (and openpyxl's 'modified') so a rerun writes the same bytes."""
    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            z.writestr(fixed, data)


def to_pdf(source: Path, target: Path) -> bool:
    """Print ``source`` with LibreOffice (False when it is not installed); creation dates and the
    document ID are blanked with bytes of the same length so offsets stay valid."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run(
            [
                exe,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        data = (Path(tmp) / (source.stem + ".pdf")).read_bytes()
    data = re.sub(rb"D:\d{14}", b"D:20240101000000", data)
    data = re.sub(rb"<[0-9A-Fa-f]{32}>", b"<" + b"0" * 32 + b">", data)
    data = re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"/DocChecksum /" + b"0" * 32, data)
    target.write_bytes(data)
    return True


def write_office(
    name: str, items: list[tuple[str, dict, dict]], narratives: list[list[str]], formats: list[str], out: Path
) -> list[str]:
    """Write NAME.xlsx / NAME.docx / NAME.pdf for one document; returns the files written."""
    rng = random.Random(f"wuhan-office:{name}")
    sheets = [SHEETS[kind](f, o, rng) for kind, f, o in items]
    for s, after in zip(sheets, narratives, strict=True):
        s.after = [x for x in after if x]
    written = []
    for fmt in formats:
        if fmt == "xlsx":
            write_xlsx(sheets, out / f"{name}.xlsx")
        elif fmt == "docx":
            write_docx(sheets, out / f"{name}.docx")
        elif fmt == "pdf":
            source = out / f"{name}.{'docx' if 'docx' in formats else 'xlsx'}"
            if not to_pdf(source, out / f"{name}.pdf"):
                continue
        written.append(f"{name}.{fmt}")
    return written
