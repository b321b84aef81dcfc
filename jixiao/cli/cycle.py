"""The yearly cycle on the command line: ``link`` (targets ↔ self-evaluations), ``rollup`` (汇总),
``history`` and ``compare``. ``library`` and ``report`` (摘要版) live in their own modules.

Every command works on files; ``link``, ``history`` and ``compare`` also on the database
(``--db``), where units are matched through the alias table. The work is done by
``jixiao.cycle``; this module only reads arguments and prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jixiao.cli._common import fail, note, out
from jixiao.cli._console import escape, new_table

if TYPE_CHECKING:
    from jixiao.cycle import FormRecord, Linkage, Rollup
    from jixiao.model import Form

from jixiao.cli._cycle_io import (
    DB_HELP,
    DbOption,
    Output,
    canonical,
    load_stored,
    print_findings,
    read_files,
    write_text,
)


def register(app: typer.Typer) -> None:
    app.command("link", help=LINK_HELP)(link_command)
    app.command("rollup", help=ROLLUP_HELP)(rollup_command)
    app.command("history", help=HISTORY_HELP)(history_command)
    app.command("compare", help="跨单位比较：填报与重算平均分、差距、重算等级、错误数。")(compare_command)


# --- link ----------------------------------------------------------------------------------------

LINK_HELP = (
    "对照绩效目标表检查自评表：指标缺失、新增、目标值调低、分值改动。\n\n"
    "为每张自评表找到同一单位、项目、年度的目标表（显示匹配置信度和理由），"
    "逐项比较指标，列出目标表有而自评表缺失的指标、自评表新增的指标、被调低或改变方向的目标值、被改动的分值。\n\n"
    "给出文件时在这些文件的全部表单中匹配；不给文件时从数据库中匹配（--id 指定一张自评表，"
    "或用 --unit/--year 筛选），单位按别名表归并。"
)


def link_command(
    files: Annotated[list[Path] | None, typer.Argument(help="含自评表和目标表的文件，可多个")] = None,
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    form_id: Annotated[int | None, typer.Option("--id", help="数据库中自评表的编号")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="按单位筛选（数据库）")] = None,
    year: Annotated[int | None, typer.Option("--year", help="按年度筛选（数据库）")] = None,
    format: Annotated[Output, typer.Option("--format", "-f", help="text 或 json")] = Output.text,
    show_all: Annotated[bool, typer.Option("--all", "-a", help="低置信度的匹配也逐项列出")] = False,
) -> None:
    from jixiao.contract import dumps, findings_to_json
    from jixiao.cycle import link_evaluation

    pairs: list[
        tuple[str, Form, int, list[Form], list[str]]
    ] = []  # label, evaluation, index, candidates, where
    if files:
        forms: list[tuple[str, Form]] = [
            (f"{path.name}#{n + 1}", f) for path, doc in read_files(files) for n, f in enumerate(doc.forms)
        ]
        candidates = [f for _, f in forms if f.kind.is_target]
        where = [label for label, f in forms if f.kind.is_target]
        for index, (label, f) in enumerate(forms):
            if not f.kind.is_target:
                pairs.append((label, f, index, candidates, where))
    else:
        pairs = _stored_pairs(db, form_id, unit, year)
    if not pairs:
        fail("没有自评表可对照")
    report = []
    for label, evaluation, index, candidates, where in pairs:
        linkage = link_evaluation(evaluation, index, candidates)
        entry: dict[str, object] = {"evaluation": label, "title": evaluation.title, "target": None}
        if linkage is not None:
            target = candidates[linkage.match.index]
            entry.update(
                target=where[linkage.match.index],
                target_title=target.title,
                confidence=linkage.match.confidence,
                reasons=list(linkage.match.reasons),
                matched=linkage.matched,
                findings=findings_to_json(linkage.findings),
            )
        report.append(entry)
        if format is Output.text:
            _print_link(label, evaluation, linkage, candidates, where, show_all)
    if format is Output.json:
        write_text(dumps(report), None)


def _stored_pairs(
    db: str | None, form_id: int | None, unit: str | None, year: int | None
) -> list[tuple[str, Form, int, list[Form], list[str]]]:
    from jixiao.store import Database, FormFilter, StoreError, list_forms, targets_for

    pairs = []
    try:
        with Database(db, create=False, readonly=True) as database:
            if form_id is not None:
                ids = [form_id]
            else:
                rows, _ = list_forms(database, FormFilter(unit=unit, year=year))
                ids = [r.id for r in rows if not r.kind.endswith("_target")]
            for fid in ids:
                evaluation, candidates = targets_for(database, fid)
                if evaluation is None:
                    fail(f"数据库中没有编号为 {fid} 的表")
                if evaluation.form.kind.is_target:
                    fail(f"编号 {fid} 是绩效目标表，请给出自评表的编号")
                pairs.append(
                    (
                        f"#{fid}",
                        canonical(evaluation.form, evaluation.unit),
                        evaluation.position,
                        [canonical(c.form, c.unit) for c in candidates],
                        [f"#{c.id}" for c in candidates],
                    )
                )
    except StoreError as e:
        fail(str(e))
    return pairs


def _print_link(
    label: str,
    evaluation: Form,
    linkage: Linkage | None,
    candidates: list[Form],
    where: list[str],
    show_all: bool,
) -> None:
    out.print(f"[bold]{escape(label)} {escape(evaluation.title)}[/]", highlight=False)
    if linkage is None:
        out.print("  未找到同一单位、项目、年度的绩效目标表。", highlight=False)
        return
    m = linkage.match
    target = candidates[m.index]
    out.print(
        f"  对照目标表：{escape(where[m.index])} {escape(target.title)}"
        f"（匹配置信度 {m.confidence:.0%}：{escape('；'.join(m.reasons))}）",
        highlight=False,
    )
    dropped = sum(1 for x in linkage.links if x.evaluation is None)
    added = sum(1 for x in linkage.links if x.target is None)
    out.print(
        f"  对应指标 {linkage.matched} 项，目标表有而自评表缺失 {dropped} 项，自评表新增 {added} 项。",
        highlight=False,
    )
    if m.confident or show_all:
        print_findings(linkage.findings)
    elif linkage.findings:
        out.print(
            f"  匹配置信度低，{len(linkage.findings)} 条差异未逐项列出（加 --all 显示）。", highlight=False
        )


FORMS_HELP = "只汇总其中几张：jixiao parse --format table 所列的序号 #（多个文件依次连续编号），如 0,1,3"


# --- rollup --------------------------------------------------------------------------------------

ROLLUP_HELP = (
    "汇总：把二级项目（或下属单位）的自评表合成一张一级项目自评表，并重新计分。\n\n"
    "绝对值直接累加；比率各子表都给出"
    "分子/分母（如“96%（48/50）”）时按合计的分子分母计算，否则按资金额度加权；定性指标得分按资金额度加权；"
    "然后按评分规则重新计分。屏幕上列出各子表资金、权重和每项汇总过程，无法对应的指标单独列出。\n\n"
    "-o 写出汇总后的表：.json 为 form-v1，.xlsx/.docx/.pdf 为规范版式表格。"
)


def rollup_command(
    files: Annotated[list[Path], typer.Argument(help="含待汇总自评表的文件，可多个")],
    select: Annotated[str | None, typer.Option("--forms", help=FORMS_HELP)] = None,
    rules: Annotated[str | None, typer.Option("--rules", help="评分与汇总规则：名称或规则文件路径")] = None,
    project: Annotated[str | None, typer.Option("--project", help="汇总后的项目名称")] = None,
    title: Annotated[str | None, typer.Option("--title", help="汇总后的表名")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写出汇总表（.json/.xlsx/.docx/.pdf）")
    ] = None,
) -> None:
    from jixiao.cycle import RollupError, rollup
    from jixiao.score.rules import RuleSetError, choose_rule_set, load_rule_set

    forms = [f for _, doc in read_files(files) for f in doc.forms]
    if select:
        try:
            picks = [int(x) for x in select.replace("，", ",").split(",") if x.strip()]
        except ValueError:
            fail(f"--forms 应为逗号分隔的序号，如 0,1,3：{select}")
        bad = [p for p in picks if not 0 <= p < len(forms)]
        if bad:
            fail(f"--forms 中的序号 {bad[0]} 超出范围（共 {len(forms)} 张表，序号 0–{len(forms) - 1}）")
        forms = [forms[p] for p in picks]
    else:
        forms = [f for f in forms if not f.kind.is_target]
    try:
        rule_set = load_rule_set(rules or (choose_rule_set(forms[0]) if forms else "wuhan"))
        result = rollup(forms, rule_set, title=title, project=project)
    except (RuleSetError, RollupError) as e:
        fail(str(e))
    _print_rollup(result)
    if output is not None:
        _write_form(result.form, output)


def _print_rollup(result: Rollup) -> None:
    from jixiao.review.catalogue import fmt
    from jixiao.vocabulary import rule_set_title

    out.print(
        f"[bold]{escape(result.form.title)}[/]（规则：{escape(rule_set_title(result.rule_set))}；"
        f"{escape(result.basis)}）",
        highlight=False,
    )
    subs = new_table("序号", "子表（项目）", "资金额度（万元）", "权重", title="子表与资金权重")
    for s in result.subforms:
        subs.add_row(
            str(s.position + 1), escape(s.label), fmt(s.funds), "—" if s.share is None else f"{s.share:.2%}"
        )
    out.print(subs)
    values = new_table("指标", "方法", "目标值", "实际完成值", "分值", "得分", title="汇总指标")
    for v in result.values:
        values.add_row(
            escape(v.name), v.method, escape(v.target or "—"), escape(v.actual or "—"), fmt(v.weight),
            fmt(v.score),
        )  # fmt: skip
    out.print(values)
    if result.values:
        out.print("计算过程：", highlight=False)
    for n, v in enumerate(result.values, start=1):
        out.print(f"  {n}. {escape(v.name)}：{escape(v.working)}", highlight=False)
    b = result.form.budget
    if b is not None:
        out.print(
            f"预算执行：预算数 {fmt(b.planned)} 万元，执行数 {fmt(b.executed)} 万元，"
            f"执行率 {fmt(round((b.rate or 0) * 100, 2))}%，得分 {fmt(b.score)}",
            highlight=False,
        )
    if result.complete:
        grade = result.scorecard.grade_computed or "—"
        out.print(f"汇总后总分 {fmt(result.form.total_score)} 分，等级 {grade}", highlight=False)
    else:
        out.print(
            f"[yellow]有 {len(result.unaligned)} 项指标未能汇总，总分不完整[/]："
            f"已汇总部分（预算执行与可对应的指标）得分 {fmt(result.partial_total)} 分，不计总分和等级。",
            highlight=False,
        )
    if result.unaligned:
        un = new_table("指标", "出现于", "原因", title="未汇总的指标（各子表不能一一对应）")
        for u in result.unaligned:
            un.add_row(escape(u.name), escape("、".join(u.present_in)), escape(u.reason))
        out.print(un)


def _write_form(form: Form, output: Path) -> None:
    from jixiao.contract import dumps, form_to_contract

    suffix = output.suffix.lower()
    try:
        if suffix == ".json":
            write_text(dumps([form_to_contract(form)]), output)
            return
        from jixiao.write import write_docx, write_pdf, write_xlsx
        from jixiao.write.pdf import PdfError

        writer = {".xlsx": write_xlsx, ".docx": write_docx, ".pdf": write_pdf}.get(suffix)
        if writer is None:
            fail(f"不支持的输出格式“{suffix or output.name}”：请用 .json、.xlsx、.docx 或 .pdf")
        try:
            writer([form], output)
        except PdfError as e:
            fail(str(e))
    except OSError as e:
        fail(f"无法写入 {output}：{e.strerror or e}")
    note(f"已写入 {output}")


# --- history and compare -------------------------------------------------------------------------

HISTORY_HELP = (
    "历年比较：一个单位各年度的得分、等级和审核发现；一个项目各年度的指标值。\n\n"
    "不加 --project 时列出单位各年度自评表的平均得分（填报与按规则重算）、等级和审核发现；"
    "加 --project 时列出该项目各年度的指标目标值，并指出预算增加而目标值下降的指标。"
)


def _records(files: Sequence[Path] | None, db: str | None, unit: str | None = None) -> list[FormRecord]:
    from jixiao.cycle.history import FormRecord, record_of

    if files:
        from jixiao.review import review_document

        records = []
        for _, doc in read_files(files):
            result = review_document(doc)
            for n, f in enumerate(doc.forms):
                records.append(
                    record_of(f, result.scorecards[n], [x for x in result.findings if x.form == n])
                )
        return records
    return [
        FormRecord(s.form, s.unit, s.form.total_score, s.total_computed, s.grade, s.findings, s.errors, s.id)
        for s in load_stored(db, unit)
    ]


def _grade_text(grades: dict[str, int], printed: dict[str, int]) -> str:
    """重算等级 counts; those of forms without a 重算总分 follow, named 填报等级."""
    text = "、".join(f"{g}{n}" for g, n in grades.items())
    if printed:
        text += f"（填报等级 {'、'.join(f'{g}{n}' for g, n in printed.items())}）"
    return text


def history_command(
    files: Annotated[list[Path] | None, typer.Argument(help="表单文件；省略则从数据库读取")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="单位名称（或别名）")] = None,
    project: Annotated[
        str | None, typer.Option("--project", help="项目名称：列出该项目各年度的指标值")
    ] = None,
    db: DbOption = None,
) -> None:
    from jixiao.cycle.history import project_history, unit_history
    from jixiao.review.catalogue import fmt

    if not unit and not project:
        fail("请给出 --unit 或 --project")
    records = _records(files, db, unit if not files else None)
    if project:
        h = project_history([r.form for r in records], project, None)
        if not h.years:
            fail(f"没有找到项目“{project}”的表")
        table = new_table("指标", *[str(y) for y in h.years], title=f"“{escape(project)}”各年度目标值")
        table.add_row("预算数（万元）", *[fmt(h.budgets[y]) for y in h.years])
        for row in h.indicators:
            table.add_row(escape(row.name), *[escape(row.targets.get(y) or "—") for y in h.years])
        out.print(table)
        print_findings(h.findings)
        return
    assert unit is not None
    if files:  # printed names: the one the user's text is part of
        name = next((r.unit for r in records if r.unit and unit in r.unit), unit)
    else:  # the store matched the text (aliases included): its canonical name
        names = sorted({r.unit for r in records if r.unit})
        if len(names) > 1:
            fail(f"“{unit}”对应多个单位：{'、'.join(names)}，请给出完整名称")
        name = names[0] if names else unit
    rows = unit_history(records, name)
    if not rows:
        fail(f"没有找到单位“{unit}”的自评表")
    table = new_table(
        "年度",
        "表数",
        "填报平均分",
        "重算平均分",
        "重算等级",
        "错误数",
        "主要审核发现",
        title=f"{escape(name)} 历年自评",
    )
    for r in rows:
        top = "；".join(f"{c}×{n}" for c, n in list(r.findings.items())[:4])
        grades = _grade_text(r.grades, r.grades_printed)
        table.add_row(
            str(r.year or "—"),
            str(r.forms),
            fmt(r.printed_average),
            fmt(r.computed_average),
            grades,
            str(r.errors),
            escape(top),
        )
    out.print(table)


def compare_command(
    files: Annotated[list[Path] | None, typer.Argument(help="表单文件；省略则从数据库读取")] = None,
    year: Annotated[int | None, typer.Option("--year", help="只比较该年度")] = None,
    db: DbOption = None,
) -> None:
    from jixiao.cycle.history import compare_units
    from jixiao.review.catalogue import fmt

    rows = compare_units(_records(files, db), year)
    if not rows:
        fail("没有可比较的自评表")
    table = new_table(
        "单位", "表数", "填报平均分", "重算平均分", "差距", "重算等级", "错误数", title="各单位自评比较"
    )
    for r in rows:
        grades = _grade_text(r.grades, r.grades_printed)
        table.add_row(
            escape(r.unit or "（未印单位）"),
            str(r.forms),
            fmt(r.printed_average),
            fmt(r.computed_average),
            fmt(r.gap),
            grades,
            str(r.errors),
        )
    out.print(table)
