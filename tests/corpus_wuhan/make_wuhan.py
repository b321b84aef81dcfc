"""Generate the held-out Wuhan-family corpus (``files/``): deterministic, never imports jixiao.

    .venv/bin/python tests/corpus_wuhan/make_wuhan.py

Each document ``NAME.txt`` gets ``NAME.answer.json`` (the ``jixiao.form/1`` array a perfect
reader outputs, conventions of the seeds' tests and templates README §3) and
``NAME.errors.json`` (planted findings-v1 errors). ``files/manifest.json`` lists what each
document exercises. See README.md for the degrees of freedom.
"""

from __future__ import annotations

import copy
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.corpus_wuhan import _text as T
from tests.corpus_wuhan._forms import (
    add_placeholders,
    budget,
    contract_indicator,
    goal_indicators,
    num,
    permille,
    plant,
    r2,
    sector_pool,
    split,
)
from tests.corpus_wuhan._office import write_office
from tests.corpus_wuhan._pools import DEPT_GOALS, DISTRICTS, SECTORS, SUB_UNITS, UNITS
from tests.corpus_wuhan._targets import dept_target, dept_target_rows, project_target, project_target_rows

HERE = Path(__file__).resolve().parent
OUT = HERE / "files"

DEVIATIONS = [
    "受疫情防控和项目调整影响，{x}未达到年初目标值，部分资金未能按计划支出。",
    "因上级政策调整，{x}较年初目标有所减少，预算执行进度滞后。",
]
MET = ["年度绩效目标已全部完成，无偏差。", "各项指标均达到年初设定目标。"]
IMPROVE = [
    "进一步加强预算编制的科学性和准确性，加快预算执行进度，将自评结果作为下年度预算安排的重要依据。",
    "强化绩效运行监控，及时调整绩效目标，建立资金安排与绩效评价结果挂钩机制。",
]


def _unit(rng: random.Random) -> str:
    return rng.choice(DISTRICTS) + rng.choice(UNITS)[1:]


def _base(kind: str, year: int, unit: str, filled: str) -> dict:
    return {
        "schema": "jixiao.form/1",
        "kind": kind,
        "title": None,
        "year": year,
        "unit": unit,
        "project": None,
        "supervisor": None,
        "implementer": None,
        "filled_on": filled,
        "budget": None,
        "overall_goal": None,
        "goals": [],
        "total_score": None,
        "deviation_reason": None,
        "improvement": None,
        "extra": {},
    }


def _texts(form: dict, rng: random.Random) -> None:
    missed = [i["name"] for g in form["_goals"] for i in g["inds"] if not i["met"]]
    form["deviation_reason"] = (
        rng.choice(DEVIATIONS).format(x="、".join(missed[:2])) if missed else rng.choice(MET)
    )
    form["improvement"] = rng.choice(IMPROVE)


def _finish(form: dict, o: dict, error: str | None, rng: random.Random) -> list[dict]:
    """Plant the error, compute the total from the printed parts, fill the contract goals."""
    planted = []
    if error and error != "form.total_mismatch":
        p = plant(form, error, rng)
        p.pop("goal", None)
        planted.append(p)
    parts = form["budget"]["score"] + sum(i["score"] for g in form["_goals"] for i in g["inds"])
    if form["overall_goal"]:
        parts += form["overall_goal"]["score"]
    total = r2(parts)
    if error == "form.total_mismatch":
        total = r2(total + rng.choice([1, -1, 1.5]))
        planted.append({"code": error, "indicator": None, "why": "总分与各部分得分之和不符"})
    form["total_score"] = total
    form["goals"] = [
        {
            "name": g["name"],
            "text": g["text"],
            "weight": g["weight"],
            "indicators": [contract_indicator(i, o["ind_pts"]) for i in g["inds"]],
        }
        for g in form["_goals"]
    ]
    return planted


def project_form(rng: random.Random, year: int, unit: str, filled: str, o: dict, error: str | None):
    """A 项目支出绩效自评表: one 80-point goal, several goals, or 20 overall + 60."""
    sector = o.get("sector") or rng.choice(sorted(SECTORS))
    project = rng.choice(SECTORS[sector][0]) + o.get("suffix", "")
    f = _base("project_self_evaluation", year, unit, filled)
    f["project"] = project
    f["title"] = f"{year}{' ' if o['title_sp'] else ''}年度{project}项目自评表"
    f["supervisor"] = None if o.get("no_supervisor") else unit
    f["implementer"] = rng.choice([unit, unit[:3] + rng.choice(SUB_UNITS)])
    f["budget"] = budget(rng, rng.random() < 0.4)
    pool = sector_pool(sector)
    misses = o.get("misses", rng.choice([0, 1, 1, 2]))
    if o["arr"] == "overall":
        tgt = "完成" + project + "年度建设任务，保障项目按计划实施。"
        f["overall_goal"] = {
            "weight": 20,
            "target": tgt,
            "actual": tgt.replace("完成", "已完成", 1),
            "score": 20,
        }
        f["_goals"] = [{"name": "项目年度绩效指标", "text": None, "weight": 60}]
        f["_goals"][0]["inds"] = goal_indicators(pool, rng.randint(5, 8), 60, rng, misses, o["val_sp"])
    elif o["arr"] == "goals":
        n = rng.choice([2, 3])
        ws = split(80, n, rng, 4.0)
        f["_goals"] = []
        lines = list(pool)
        rng.shuffle(lines)
        chunk = len(lines) // n
        for k, w in enumerate(ws):
            part = lines[k * chunk : (k + 1) * chunk] if k < n - 1 else lines[k * chunk :]
            part.sort(key=pool.index)
            g = {"name": f"年度绩效目标{k + 1}", "text": None, "weight": w}
            g["inds"] = goal_indicators(part, len(part), w, rng, 1 if k < misses else 0, o["val_sp"])
            f["_goals"].append(g)
    else:
        f["_goals"] = [{"name": "年度绩效目标1", "text": None, "weight": 80}]
        f["_goals"][0]["inds"] = goal_indicators(pool, rng.randint(4, 9), 80, rng, misses, o["val_sp"])
    if o.get("permille"):
        permille(f, rng)
    _texts(f, rng)
    return f, _finish(f, o, error, rng)


def dept_form(rng: random.Random, year: int, unit: str, filled: str, o: dict, error: str | None):
    """A 部门整体绩效自评表: 年度目标N rows, each with its points and its own indicator block."""
    f = _base("department_self_evaluation", year, unit, filled)
    f["title"] = f"{year}年度{unit}{' ' if o['title_sp'] else ''}部门整体绩效自评表"
    f["budget"] = budget(rng, rng.random() < 0.3)
    n = o.get("n_goals", rng.randint(3, 5))
    goals = rng.sample(DEPT_GOALS, n)
    core = rng.choice(sorted(SECTORS))
    ws = split(80, n, rng, rng.choice([1.0, 2.0, 0.5]))
    f["_goals"] = []
    misses = o.get("misses", rng.choice([0, 1, 2]))
    for k, ((text, sector), w) in enumerate(zip(goals, ws, strict=True)):
        pool = sector_pool(core if sector == "core" else sector)
        g = {"name": f"年度目标{k + 1}", "text": text, "weight": w}
        g["inds"] = goal_indicators(pool, rng.randint(4, 7), w, rng, 1 if k < misses else 0, o["val_sp"])
        if o.get("placeholder"):
            add_placeholders(g["inds"])
        f["_goals"].append(g)
    if o.get("permille"):
        permille(f, rng)
    _texts(f, rng)
    return f, _finish(f, o, error, rng)


# ---------------------------------------------------------------- rendering


def _header_lines(f: dict, o: dict, date: str) -> list[str]:
    stamp = "单位名称(盖章)" if o.get("stamp") else "单位名称"
    colon = o.get("colon", ": ")
    if o["hdr"] == "one":
        line = f"{stamp}{colon}{f['unit']} 填报日期{colon}{date}"
        if o.get("score_in_header"):
            line += f" 自评得分{colon}{num(f['total_score'])}分"
        return [line]
    lines = [f"{stamp}{colon}{f['unit']}", f"填报日期{colon}{date}"]
    if o.get("score_in_header"):
        lines.append(f"总分{colon}{num(f['total_score'])}分")
    return lines


def _budget_rows(f: dict, o: dict, dept: bool) -> list[list[str]]:
    b = f["budget"]
    a = T.amount(b["planned"], o.get("sep", False)) + ("(压缩后)" if o.get("compressed") else "")
    label = (
        "项目执行情况 (万元) (20分)" if dept and o.get("alt_budget_label") else "预算执行情况 (万元) (20分)"
    )
    row_label = "部门整体支出总额" if dept else "年度财政资金总额"
    head = [label, "", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分 (20分*执行率)", ""]
    row = [
        "",
        "",
        row_label,
        a,
        T.amount(b["executed"], o.get("sep", False)),
        T.rate_text(b["rate"], o["rate"]),
        num(b["score"]),
    ]
    rows = [head, row]
    if o.get("budget_wrap"):  # 预算数 (or the row label) wrapped onto a line of its own
        if o.get("compressed"):
            row[3] = T.amount(b["planned"], o.get("sep", False))
            rows.append(["", "", "", "(压缩后)", "", "", ""])
        else:
            row[2] = row_label[:-2]
            rows.append(["", "", row_label[-2:], "", "", "", ""])
    if dept:
        rows[1:] = [r[1:] for r in rows[1:]]
    return rows


def _tail(f: dict, o: dict, total_row: bool, dept: bool) -> list[list[str]]:
    rows = []
    if total_row:
        rows.append(
            ["", "总分", "", "", "", "", num(f["total_score"])]
            if dept
            else ["总分", "", num(f["total_score"]), "", "", ""]
        )
    html = o.get("html", False)
    if o.get("split_label"):  # 改进措施及结 / 果应用方案: the label cell printed over two lines
        rows.append(["偏差大或目标未完", f["deviation_reason"], "", "", ""])
        rows.append(["成原因分析"])
        rows.append(["改进措施及结"])
        rows.append(["果应用方案"])
        rows.append([f["improvement"]])
        return rows
    rows.append(
        [T.para("偏差大或目标未完成原因分析", html), T.para(f["deviation_reason"], html)]
        + ([] if html else ["", "", ""])
    )
    rows.append([T.para("改进措施及结果应用方案", html), T.para(f["improvement"], html)])
    return rows


def render_project(f: dict, o: dict, rng: random.Random) -> list[str]:
    date = T.date_text(f["filled_on"], o["date"])
    o["title_line"] = ("## " if o.get("md") else "") + f["title"]
    o["header_lines"] = _header_lines(f, o, date)
    lines = (["附件 2:", ""] if o.get("annex") else []) + [o["title_line"], ""]
    for h in o["header_lines"]:
        lines += [h, ""]
    rows: list[list[str]] = [
        ["项目名称", "", f["project"], "", "", "", ""],
        ["主管部门", "", f["supervisor"] or "", "", "项目实施单位", "", f["implementer"]],
    ]
    if o.get("checkbox"):
        rows.append(
            [
                "项目类别",
                "",
                '1、部门预算项目 <input checked="" type="checkbox"/> 2、区级专项 <input type="checkbox"/>',
                "",
                "",
            ]
        )
        rows.append(
            [
                "项目属性",
                "",
                '1、持续性项目 <input type="checkbox"/> 2、新增性项目 <input checked="" type="checkbox"/>',
                "",
                "",
            ]
        )
    rows += _budget_rows(f, o, False)
    if f["overall_goal"]:
        og = f["overall_goal"]
        rows.append(["项目绩效总目标 (20分)", "年初设定目标", "", "", "全年实际完成情况", "", "得分"])
        rows.append(["", og["target"], "", "", og["actual"], "", num(og["score"])])
    for g in f["_goals"]:
        label = {"项目年度绩效指标": "项目年度 绩效指标"}.get(g["name"], g["name"])
        label = label.replace("年度绩效目标", rng.choice(["年度绩效目标", "年度 绩效 目标 "]))
        rows.append(
            [f"{label}{T.pts(g['weight'], rng, o['pts'])}", "一级指标", "二级指标", "三级指标"]
            + [""] * o.get("gap", 0)
            + ["年初目标值(A)", "实际完成值(B)", "得分"]
        )
        rows += T.indicator_rows(g, o, rng, "")
    rows += _tail(f, o, not o.get("score_in_header"), False)
    lines += T.render_rows(rows, o, f, rng)
    if o.get("beizhu"):
        lines += ["", *T.BEIZHU]
    return lines


def render_dept(f: dict, o: dict, rng: random.Random) -> list[str]:
    date = T.date_text(f["filled_on"], o["date"])
    o["title_line"] = f["title"]
    o["header_lines"] = _header_lines(f, o, date)
    o["col0"] = "年度 绩效 指标"
    lines = ["", o["title_line"], ""]
    for h in o["header_lines"]:
        lines += [h, ""]
    rows: list[list[str]] = []
    if o.get("full_unit"):  # 003: the table names the unit in full, the 盖章 line by its short name
        b = f["budget"]["executed"]
        basic = r2(b * 0.08)
        rows.append(["单位名称", o["full_unit"], "", "", "", ""])
        rows.append(
            ["基本支出总额", f"{num(basic)}万元", "", "项目支出总额", f"{num(r2(b - basic))}万元", ""]
        )
    if o.get("unit_row"):
        rows.append(
            [
                "单位名称:",
                "",
                f["unit"],
                "",
                "项目支出总额",
                T.amount(f["budget"]["planned"], o.get("sep", False)),
            ]
        )
    rows += _budget_rows(f, o, True)
    for g in f["_goals"]:
        w = T.pts(g["weight"], rng, o["pts"])
        if o["goal_row"] == "joined":  # 年度目标1（9分）：text in one cell
            rows.append([f"{g['name']}{w}：{g['text']}", "", "", "", "", ""])
            rows.append(
                ["年度绩效指标", "一级指标", "二级指标", "指标名称", "年初指标值", "实际完成值", "得分"]
            )
        else:
            rows.append([f"{g['name']}: {w.strip()}", g["text"], "", "", "", ""])
            rows.append(["一级指标", "二级指标", "三级指标", "", "年初目标值", "实际完成值", "得分"])
        rows += T.indicator_rows(g, o, rng, o["col0"] if o["goal_row"] != "joined" else "")
    rows += _tail(f, o, not o.get("score_in_header"), True)
    lines += T.render_rows(rows, o, f, rng)
    return lines


def narrative(f: dict, stated: float | None = None) -> list[str]:
    """A short 自评结果 (摘要版) narrative, as the seeds print after (or before) the tables;
    with ``stated``, the 20/80 version: budget and indicator points and a total of its own."""
    what = f["project"] or f["unit"]
    kind = "项目" if f["project"] else "整体绩效"
    score_line = f"{f['year']} 年度{what}按计划实施，自评得分 {num(f['total_score'])} 分。"
    if stated is not None:
        b = f["budget"]
        score_line = (
            f"{f['year']} 年度{what}预算执行率 {T.rate_text(b['rate'], 'pct2')}，预算执行得分 "
            f"{num(b['score'])} 分（20 分），绩效指标得分 {num(r2(stated - b['score']))} 分（80 分），"
            f"自评得分 {num(stated)} 分。"
        )
    return [
        "",
        f"## {f['year']} 年度{what}{kind}自评结果",
        "",
        "(摘要版)",
        "",
        "## 一、自评得分",
        "",
        score_line,
        "",
        "## 二、存在的问题和原因",
        "",
        f["deviation_reason"],
        "",
        "## 三、下一步拟改进措施",
        "",
        f["improvement"],
        "",
    ]


def target_lines(rng: random.Random, year: int, unit: str, kind: str, o: dict) -> list[str]:
    """A target table (001 style) as TAB lines; its record is kept in ``o['record']``."""
    if kind == "dtarget":
        f = dept_target(rng, year, unit, o)
        blocks = [dept_target_rows(f, o)]
    else:
        implementer = unit if rng.random() < 0.5 else unit[:3] + rng.choice(SUB_UNITS)
        f = project_target(rng, year, unit, implementer, o)
        blocks = project_target_rows(f, o)
    o["record"] = f
    out: list[str] = []
    for pre, rows in blocks:
        out += pre
        out += [T.tab(T.shift(r, rng, o.get("shift", 0.0))) for r in rows]
    return [*out, ""]


def _target_contract(lines: list[str], o: dict) -> dict:
    f = o["record"]
    f.pop("_goals")
    f.pop("_meta")
    return f


# ---------------------------------------------------------------- documents


def options(rng: random.Random, **kw) -> dict:
    o = {
        "arr": "one",
        "title_sp": rng.random() < 0.5,
        "hdr": rng.choice(["one", "two"]),
        "date": rng.choice(["cn", "cn_sp", "cn0", "iso"]),
        "rate": rng.choice(["plain", "pct2"]),
        "pts": rng.choice(["half", "half_sp", "full", "gap", "mix"]),
        "level_pts": False,
        "ind_pts": False,
        "val_sp": rng.random() < 0.4,
        "shift": 0.0,
        "wrap": 0.3,
        "gap": rng.choice([0, 1]),
        "goal_row": "split",
    }
    o.update(kw)
    return o


def document(name: str, plan: list[tuple[str, dict, str | None]], narr: str | None = None) -> dict:
    """Build, render and record one document from its forms' plans."""
    rng = random.Random(f"wuhan2:{name}")
    year = rng.choice([2020, 2021, 2022])
    unit = _unit(rng)
    filled = f"{year + 1}-{rng.randint(1, 6):02d}-{rng.randint(10, 28):02d}"
    forms, errors, lines, exercises = [], [], [], set()
    office: list[tuple[str, dict, dict]] = []  # (kind, record, options) for the office files
    said: list[list[str]] = []  # each form's narrative
    for k, (kind, kw, error) in enumerate(plan):
        o = options(rng, **kw)
        u = kw.get("unit_override") or unit
        if kw.get("short_unit"):
            o["full_unit"] = "武汉市" + unit
            u = unit[2:]  # 江岸区档案馆 → 区档案馆, as the 盖章 line abbreviates it
        if kind in ("dtarget", "ptarget"):
            lines += target_lines(rng, year + 1, u, kind, o)
            office.append((kind, copy.deepcopy(o["record"]), o))
            said.append([])
            forms.append(_target_contract(lines, o))
            exercises |= {key for key, v in kw.items() if v}
            continue
        if kind == "dept":
            f, planted = dept_form(rng, year, u, filled, o, error)
            body = render_dept(f, o, rng)
        else:
            f, planted = project_form(rng, year, u, filled, o, error)
            body = render_project(f, o, rng)
        stated = None
        if kw.get("narr_mismatch"):  # the narrative's own total, not the table's
            stated = r2(f["total_score"] + rng.choice([-3, -2, 1.5, 2]))
            planted.append(
                {
                    "code": "report.score_mismatch",
                    "indicator": None,
                    "why": "自评结果所述得分与自评表总分不符",
                }
            )
        if narr == "before":
            lines += narrative(f, stated)
        lines += [*body, ""]
        if narr == "after":
            lines += narrative(f, stated)
        office.append((kind, copy.deepcopy(f), o))
        said.append(narrative(f, stated) if narr else [])
        for p in planted:
            errors.append({"form": k, **p})
        exercises |= {
            key
            for key, v in kw.items()
            if v and key not in ("sector", "misses", "unit_override", "short_unit")
        } | ({"full_unit"} if kw.get("short_unit") else set())
        f.pop("_goals")
        forms.append(f)
    (OUT / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (OUT / f"{name}.answer.json").write_text(
        json.dumps(forms, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    (OUT / f"{name}.errors.json").write_text(
        json.dumps(errors, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    fams = sorted({FAMILY[p[0]] for p in plan})
    entry = {
        "file": f"{name}.txt",
        "families": fams,
        "layout": "tab",
        "forms": len(forms),
        "indicators": sum(len(g["indicators"]) for f in forms for g in f["goals"]),
        "errors": [e["code"] for e in errors],
        "exercises": sorted(exercises) + ([f"narrative_{narr}"] if narr else []),
    }
    files = write_office(name, office, said, OFFICE.get(name, []), OUT)
    return [entry] + [{**entry, "file": x, "layout": x.rsplit(".", 1)[1]} for x in files]


P, D, DT, PT = "project", "dept", "dtarget", "ptarget"
FAMILY = {P: "wp", D: "wd", DT: "wdt", PT: "wpt"}
LABELS = {"ind_pts": True, "level_pts": True}


# the office variants: which documents a unit sends as XLSX / DOCX / PDF (printed from the DOCX
# when there is one, else from the XLSX); narratives only where a DOCX can carry them
OFFICE: dict[str, list[str]] = {
    "p01_one_goal_plain": ["xlsx", "docx", "pdf"],
    "p06_one_goal_full_unmet": ["xlsx"],
    "g02_goals_labels": ["docx", "pdf"],
    "o02_overall_labels": ["xlsx", "pdf"],
    "o03_overall_total_row": ["docx"],
    "d01_dept_labels": ["xlsx", "docx"],
    "d03_dept_pages_col0": ["docx", "pdf"],
    "d08_dept_weight_error": ["xlsx"],
    "j01_dept_joined_goal": ["xlsx", "pdf"],
    "j05_dept_placeholders_slash": ["docx"],
    "m01_dept_and_projects": ["xlsx", "docx", "pdf"],
    "m05_project_then_dept": ["xlsx"],
    "p10_one_goal_narrative": ["docx"],
    "t01_dept_target": ["xlsx", "pdf"],
    "t03_project_targets": ["xlsx", "docx"],
    "t04_dept_and_project_targets": ["docx", "pdf"],
    "t05_project_target_history": ["xlsx"],
    "w01_budget_wrapped": ["xlsx"],
    "w03_dept_budget_wrapped": ["docx", "pdf"],
    "s01_split_labels": ["xlsx", "docx"],
    "k01_permille": ["xlsx"],
    "n01_narrative_mismatch": ["docx", "pdf"],
    "u01_dept_full_unit": ["xlsx", "docx"],
}


def plans() -> dict[str, tuple[list, str | None]]:
    """Every document: its forms (kind, options, planted error) and where a narrative goes."""
    return {
        "p01_one_goal_plain": (
            [(P, {"annex": True, "md": True, "checkbox": True, "beizhu": True}, None)],
            None,
        ),
        "p02_one_goal_compressed": ([(P, {"compressed": True, "md": True, "html": True}, None)], None),
        "p03_one_goal_labels": ([(P, {**LABELS, "beizhu": True}, "indicator.score_mismatch")], None),
        "p04_one_goal_level_pts": ([(P, {"level_pts": True, "ind_pts": True, "shift": 0.4}, None)], None),
        "p05_one_goal_no_supervisor": (
            [(P, {"no_supervisor": True, "rate": "pct2", "sep": True}, None)],
            None,
        ),
        "p06_one_goal_full_unmet": ([(P, {**LABELS, "misses": 2}, "indicator.full_score_unmet")], None),
        "p07_one_goal_budget_error": ([(P, {**LABELS, "checkbox": True}, "budget.score_mismatch")], None),
        "p08_one_goal_total_error": ([(P, {"compressed": True}, "form.total_mismatch")], None),
        "p09_one_goal_continuation": ([(P, {**LABELS, "continuation": True}, None)], None),
        "p10_one_goal_narrative": ([(P, {"annex": True, "md": True}, None)], "after"),
        "p11_one_goal_bare_rate": ([(P, {"rate": "bare", "ind_pts": True}, None)], None),
        "p12_one_goal_shifted": ([(P, {**LABELS, "shift": 0.6, "wrap": 0.6}, None)], None),
        "g01_goals_plain": ([(P, {"arr": "goals"}, None)], None),
        "g02_goals_labels": ([(P, {"arr": "goals", **LABELS}, "goal.weight_mismatch")], None),
        "g03_goals_html": ([(P, {"arr": "goals", "html": True, "md": True, "annex": True}, None)], None),
        "o01_overall": (
            [(P, {"arr": "overall", "score_in_header": True, "hdr": "one", "stamp": True}, None)],
            None,
        ),
        "o02_overall_labels": (
            [
                (
                    P,
                    {"arr": "overall", **LABELS, "score_in_header": True, "hdr": "one"},
                    "indicator.score_mismatch",
                )
            ],
            None,
        ),
        "o03_overall_total_row": ([(P, {"arr": "overall", "stamp": True}, None)], None),
        "o04_overall_narrative": (
            [(P, {"arr": "overall", "score_in_header": True, "hdr": "one"}, None)],
            "before",
        ),
        "d01_dept_labels": (
            [(D, {**LABELS, "unit_row": True, "alt_budget_label": True, "sep": True}, None)],
            None,
        ),
        "d02_dept_pages": ([(D, {**LABELS, "page": 14, "hdr": "two"}, None)], None),
        "d03_dept_pages_col0": (
            [(D, {**LABELS, "page": 11, "repeat_col0": True, "hdr": "two"}, "indicator.score_mismatch")],
            None,
        ),
        "d04_dept_shifted": ([(D, {**LABELS, "shift": 0.5, "wrap": 0.5, "n_goals": 5}, None)], None),
        "d05_dept_total_error": ([(D, {**LABELS, "colon": "："}, "form.total_mismatch")], None),
        "d06_dept_full_unmet": ([(D, {**LABELS, "misses": 3}, "indicator.full_score_unmet")], None),
        "d07_dept_continuation": ([(D, {**LABELS, "continuation": True, "page": 16}, None)], None),
        "d08_dept_weight_error": ([(D, {**LABELS}, "goal.weight_mismatch")], None),
        "j01_dept_joined_goal": (
            [(D, {"goal_row": "joined", "score_in_header": True, "hdr": "two", "stamp": True}, None)],
            None,
        ),
        "j02_dept_joined_budget_error": (
            [(D, {"goal_row": "joined", "colon": "："}, "budget.score_mismatch")],
            None,
        ),
        "j03_dept_joined_html": (
            [(D, {"goal_row": "joined", "html": True, "score_in_header": True, "hdr": "two"}, None)],
            None,
        ),
        "m01_dept_and_projects": (
            [
                (D, {**LABELS, "page": 18}, None),
                (P, {"md": True, "annex": True}, None),
                (P, {"md": True, "annex": True, "beizhu": True}, "budget.score_mismatch"),
                (P, {"arr": "goals"}, None),
            ],
            None,
        ),
        "m02_projects_only": (
            [
                (P, {"beizhu": True}, None),
                (P, {**LABELS, "beizhu": True}, None),
                (P, {"compressed": True, "beizhu": True}, "form.total_mismatch"),
            ],
            "after",
        ),
        "m03_overall_projects": (
            [(D, {"goal_row": "joined", "score_in_header": True, "hdr": "two"}, None)]
            + [
                (P, {"arr": "overall", "score_in_header": True, "hdr": "one", "stamp": True}, None)
                for _ in range(3)
            ],
            None,
        ),
        "m04_sub_units": (
            [(D, {**LABELS}, None)] + [(D, {**LABELS, "unit_override": "{sub}"}, None) for _ in range(2)],
            None,
        ),
        "m05_project_then_dept": (
            [(P, {**LABELS, "md": True}, None), (D, {**LABELS, "page": 15}, "indicator.full_score_unmet")],
            None,
        ),
        "d09_dept_cut_label": ([(D, {**LABELS, "page": 9, "cut_label": True, "hdr": "two"}, None)], None),
        "d10_dept_name_first": (
            [(D, {**LABELS, "name_first": True, "page": 13, "repeat_col0": True}, None)],
            None,
        ),
        "j04_dept_placeholders": (
            [(D, {"goal_row": "joined", "placeholder": "无", "score_in_header": True, "hdr": "two"}, None)],
            None,
        ),
        "j05_dept_placeholders_slash": (
            [(D, {"goal_row": "joined", "placeholder": "/", "colon": "："}, "form.total_mismatch")],
            None,
        ),
        "m07_dept_four_projects": (
            [(D, {"goal_row": "joined", "placeholder": "无", "score_in_header": True, "hdr": "two"}, None)]
            + [
                (P, {"arr": "overall", "score_in_header": True, "hdr": "one", "stamp": True}, None)
                for _ in range(2)
            ]
            + [(P, {"md": True, "annex": True, "beizhu": True}, None) for _ in range(2)],
            None,
        ),
        "m08_goal_projects": ([(P, {"arr": "goals", "md": True}, None) for _ in range(3)], None),
        "m09_projects_narratives_labels": (
            [
                (P, {**LABELS, "md": True, "annex": True, "beizhu": True, "name_first": True}, None)
                for _ in range(3)
            ],
            "after",
        ),
        "p13_continuation_shifted": ([(P, {**LABELS, "continuation": True, "shift": 0.3}, None)], None),
        "p14_continuation_no_points": ([(P, {"continuation": True, "md": True}, None)], None),
        "j06_dept_joined_continuation": (
            [(D, {"goal_row": "joined", "continuation": True, "placeholder": "无"}, None)],
            None,
        ),
        "d11_dept_continuation_pages": (
            [
                (
                    D,
                    {**LABELS, "continuation": True, "page": 12, "repeat_col0": True},
                    "indicator.score_mismatch",
                )
            ],
            None,
        ),
        "m06_mixed_narratives": (
            [
                (P, {"md": True, "annex": True}, None),
                (P, {"arr": "overall", "score_in_header": True, "hdr": "one"}, None),
            ],
            "after",
        ),
        # ○ variants of the seeds (000, 001, 003, 004)
        "t01_dept_target": ([(DT, {}, None)], None),
        "t02_dept_target_year_spaced": ([(DT, {"title_year": True, "val_sp": True}, None)], None),
        "t03_project_targets": ([(PT, {}, None), (PT, {"val_sp": True}, None)], None),
        "t04_dept_and_project_targets": (
            [(DT, {"val_sp": True}, None), (PT, {}, None), (PT, {}, None)],
            None,
        ),
        "t05_project_target_history": ([(PT, {"history": True}, None)], None),
        "w01_budget_wrapped": ([(P, {"budget_wrap": True, "compressed": True, "ind_pts": True}, None)], None),
        "w02_budget_label_wrapped": ([(P, {"budget_wrap": True, "arr": "goals"}, None)], None),
        "w03_dept_budget_wrapped": ([(D, {**LABELS, "budget_wrap": True}, None)], None),
        "s01_split_labels": ([(P, {"split_label": True, **LABELS}, None)], None),
        "s02_dept_split_labels": ([(D, {"split_label": True, "goal_row": "joined"}, None)], None),
        "k01_permille": ([(P, {"permille": True, "sector": "stats"}, None)], None),
        "k02_dept_permille": ([(D, {**LABELS, "permille": True}, None)], None),
        "n01_narrative_mismatch": ([(P, {"md": True, "narr_mismatch": True}, None)], "after"),
        "n02_narratives_one_mismatch": (
            [(P, {"md": True}, None), (P, {"arr": "overall", "narr_mismatch": True}, None)],
            "after",
        ),
        "u01_dept_full_unit": (
            [(D, {**LABELS, "short_unit": True, "stamp": True, "hdr": "two", "score_in_header": True}, None)],
            None,
        ),
        "u02_full_unit_and_projects": (
            [
                (D, {"goal_row": "joined", "short_unit": True, "stamp": True, "hdr": "two"}, None),
                (P, {"short_unit": True, "stamp": True, "hdr": "one", "score_in_header": True}, None),
            ],
            None,
        ),
    }


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*"):
        old.unlink()
    entries = []
    for name, (plan, narr) in plans().items():
        rng = random.Random(f"wuhan2-sub:{name}")
        base = rng.choice(DISTRICTS) + rng.choice(UNITS)[1:]
        resolved = []
        for kind, kw, err in plan:
            if kw.get("unit_override") == "{sub}":
                kw = {**kw, "unit_override": base + rng.choice(SUB_UNITS)}
            resolved.append((kind, kw, err))
        entries += document(name, resolved, narr)
    (OUT / "manifest.json").write_text(
        json.dumps(entries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    tab = [e for e in entries if e["layout"] == "tab"]
    print(
        f"{len(tab)} TAB documents ({len(entries) - len(tab)} office files), {sum(e['forms'] for e in tab)} forms, "
        f"{sum(e['indicators'] for e in tab)} indicators, {sum(len(e['errors']) for e in tab)} planted errors"
    )


if __name__ == "__main__":
    main()
