"""Database commands: ``import``, ``forms``, ``show``, ``stats`` and ``aliases``.

Every command takes ``--db`` (a URL or an SQLite file path; default ``$JIXIAO_DB`` or
``./jixiao.db``). Results go to stdout, the progress bar and warnings to stderr.
``jixiao.store`` (and with it SQLAlchemy) is imported only when one of these commands runs,
so that ``jixiao parse`` and friends start fast.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from jixiao.cli._common import err, fail, out
from jixiao.model import Document, FormKind

if TYPE_CHECKING:
    from jixiao.store import Database, ImportSummary

DB_HELP = (
    "数据库：SQLite 文件路径或 URL（如 postgresql+psycopg://用户@主机/库）；"
    "默认取环境变量 JIXIAO_DB，否则 ./jixiao.db"
)
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}

aliases_app = typer.Typer(
    help="查看和编辑单位别名（把同一单位的不同写法归为一个单位）。", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("import", help="读取、审核并把文件（或目录下全部文件）存入数据库。")(import_command)
    app.command("forms", help="列出数据库中的绩效表（可按单位、年度、类型、等级筛选）。")(forms_command)
    app.command("show", help="显示一张表的全部内容、评分卡和审核意见。")(show_command)
    app.command("stats", help="按单位和年度统计：表数、填报与重算平均分、各类审核意见数。")(stats_command)
    app.add_typer(aliases_app, name="aliases")


@contextmanager
def open_db(db: str | None, *, create: bool = False, readonly: bool = False) -> Iterator[Database]:
    """The database for one command; any database error ends it with one Chinese line.

    Queries pass ``readonly``: the file is opened read-only and never migrated. On a database
    error the file is checked (SQLite ``quick_check``) so that a damaged file is called so.
    """
    from jixiao.store import Database, DatabaseError, StoreError, explain

    try:
        database = Database(db, create=create, readonly=readonly)
    except StoreError as e:
        fail(str(e))
    try:
        yield database
    except StoreError as e:
        fail(str(e))
    except DatabaseError as e:
        fail(explain(e, database))
    finally:
        database.close()


_open = open_db


def _num(value: float | None, digits: int = 2) -> str:
    """12517.42 → "12517.42", 20.0 → "20", None → "—"."""
    if value is None:
        return "—"
    return f"{value:.{digits}f}".rstrip("0").rstrip(".")


KIND_SHORT = {
    FormKind.PROJECT_SELF_EVALUATION: "项目自评",
    FormKind.DEPARTMENT_SELF_EVALUATION: "部门自评",
    FormKind.DEPARTMENT_TARGET: "部门目标",
    FormKind.PROJECT_TARGET: "项目目标",
}


def import_command(
    paths: Annotated[list[Path], typer.Argument(help="文件或目录（目录递归查找 .txt/.md/.xlsx/.docx/.pdf）")],
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    workers: Annotated[int, typer.Option("--workers", "-j", min=1, help="并行读取和审核的进程数")] = 1,
    rules: Annotated[str | None, typer.Option("--rules", help="审核规则集（默认按表自动选择）")] = None,
) -> None:
    from jixiao.store import import_paths

    if rules is not None:
        _check_rules(rules)
    with _open(db, create=True) as database:
        progress = Progress(
            TextColumn("导入"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        )
        task = progress.add_task("", total=None)

        def on_file(done: int, total: int, path: str) -> None:
            progress.update(task, completed=done, total=total, description=escape(Path(path).name))

        try:
            with progress:
                summary = import_paths(paths, database, workers=workers, rules=rules, progress=on_file)
        except KeyboardInterrupt:
            fail("导入已中断：已导入的文件完整保留，未完成的文件均未写入", code=130)
        _print_summary(summary, database)
    if summary.stopped:
        fail(summary.stopped)
    if summary.failures:
        raise typer.Exit(2)  # any file not imported: the batch did not fully succeed


def _check_rules(rules: str) -> None:
    """An unknown rule set is the user's mistake: say so once, before reading anything."""
    from jixiao.review import review_document

    try:
        review_document(Document(path="-"), rules)
    except Exception as e:
        fail(f"无法使用审核规则集“{rules}”：{e}")


def _print_summary(summary: ImportSummary, database: Database) -> None:
    for u in summary.unchanged:
        out.print(f"未改动：{escape(u.path)}（与已导入的 {escape(u.same_as)} 内容相同）", highlight=False)
    for d in summary.imported:
        note = f"，其中 {d.revised} 张为新修订版" if d.revised else ""
        out.print(f"已导入：{escape(d.path)}：{d.forms} 张表{note}", highlight=False)
    findings = summary.findings
    by_severity = (
        "，".join(f"{SEVERITY_LABELS[s]} {findings[s]}" for s in ("error", "warning", "info")) or "无"
    )
    table = Table(title=f"导入结果（{escape(database.display_url)}）", show_header=False)
    table.add_column("项目")
    table.add_column("数量")
    table.add_row("新导入文件", str(len(summary.imported)))
    table.add_row("未改动文件（内容已导入）", str(len(summary.unchanged)))
    table.add_row("失败文件", str(len(summary.failures)))
    table.add_row("新导入表", str(summary.forms))
    table.add_row("其中新修订版", str(summary.revised))
    table.add_row("审核意见", by_severity)
    out.print(table)
    if summary.failures:
        failures = Table(title="未能导入的文件（均未写入数据库）")
        failures.add_column("文件", overflow="fold")
        failures.add_column("原因", overflow="fold")
        for f in summary.failures:
            failures.add_row(escape(f.path), escape(f.reason))
        out.print(failures)
    if not summary.imported and summary.unchanged and not summary.failures:
        out.print("数据库未改动：所有文件都已导入过。")


def _kind_option(kind: str | None) -> str | None:
    if kind is None:
        return None
    for k in FormKind:
        if kind in (k.value, k.label):
            return k.value
    choices = "、".join(f"{k.value}（{k.label}）" for k in FormKind)
    fail(f"未知的表类型“{kind}”，可选：{choices}")


def forms_command(
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="单位名称、别名或其中一段")] = None,
    year: Annotated[int | None, typer.Option("--year", help="年度，如 2020")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="表类型，如 project_self_evaluation")] = None,
    grade: Annotated[
        str | None, typer.Option("--grade", help="等级（重算等级，无则填报等级），如 优")
    ] = None,
    has_errors: Annotated[
        bool | None, typer.Option("--has-errors/--no-errors", help="只看有（或没有）错误级审核意见的表")
    ] = None,
    all_revisions: Annotated[bool, typer.Option("--all-revisions", help="包括已被新修订版取代的表")] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="最多显示多少行（0 为全部）")] = 50,
) -> None:
    from jixiao.store import FormFilter, list_forms

    filters = FormFilter(unit, year, _kind_option(kind), grade, has_errors, all_revisions)
    with _open(db, readonly=True) as database:
        rows, total = list_forms(database, filters, limit=limit or None)
    if unit and total == 0:
        err.print(
            f"没有与“{escape(unit)}”匹配的表（可用 jixiao aliases list 查看单位和别名）", highlight=False
        )
    title = f"共 {total} 张表" + (f"，显示前 {len(rows)} 张" if len(rows) < total else "")
    table = Table(title=title)
    table.add_column("编号", justify="right", no_wrap=True)
    table.add_column("类型", no_wrap=True)
    table.add_column("单位", ratio=2, overflow="fold")
    table.add_column("年度", no_wrap=True)
    table.add_column("项目或标题", ratio=3, overflow="fold")
    for col in ("填报", "重算"):
        table.add_column(col, justify="right", no_wrap=True)
    table.add_column("等级", no_wrap=True)
    table.add_column("错/警", justify="right", no_wrap=True)
    table.add_column("版本", no_wrap=True)
    for r in rows:
        table.add_row(
            str(r.id),
            KIND_SHORT[FormKind(r.kind)],
            escape(r.unit or "—"),
            str(r.year or "—"),
            escape(r.project or r.title),
            _num(r.total_score),
            _num(r.total_computed),
            r.grade or "—",
            f"{r.errors}/{r.warnings}",
            f"{r.revision}" + ("（已取代）" if r.superseded else ""),
        )
    out.print(table)


def show_command(
    form_id: Annotated[int, typer.Argument(help="表编号（见 jixiao forms）")],
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
) -> None:
    from jixiao.store import get_form

    with _open(db, readonly=True) as database:
        detail = get_form(database, form_id)
    if detail is None:
        fail(f"数据库中没有编号为 {form_id} 的表")
    s, form = detail.summary, detail.form
    out.print(f"[bold]{escape(form.title)}[/]（编号 {s.id}，{FormKind(s.kind).label}）", highlight=False)
    head = Table(show_header=False)
    head.add_column("项目")
    head.add_column("内容")
    head.add_row(
        "单位", escape(s.unit or "—") + (f"（表上印作 {escape(form.unit)}）" if form.unit != s.unit else "")
    )
    head.add_row("年度", str(form.year or "—"))
    if form.project:
        head.add_row("项目", escape(form.project))
    head.add_row("填报日期", form.filled_on or "—")
    head.add_row(
        "来源", f"{escape(s.file_name)} 第 {detail.position + 1} 张表（SHA-256 {detail.sha256[:12]}…）"
    )
    head.add_row(
        "导入",
        f"{detail.imported_at:%Y-%m-%d %H:%M}"
        + (f"，{escape(detail.imported_by)}" if detail.imported_by else ""),
    )
    head.add_row("修订关联", _link_note(detail.link_year, detail.year_source))
    head.add_row("版本", f"第{s.revision}版" + ("（已被新修订版取代）" if s.superseded else "（当前版本）"))
    if len(detail.history) > 1:
        head.add_row(
            "修订历史",
            "；".join(f"第{h.revision}版 编号{h.id} {escape(h.file_name)}" for h in detail.history),
        )
    if form.budget is not None:
        b = form.budget
        head.add_row(
            "预算执行",
            f"预算数 {_num(b.planned)} 万元，执行数 {_num(b.executed)} 万元，"
            f"执行率 {_num(None if b.rate is None else b.rate * 100)}%，"
            f"得分 {_num(b.score)}/{_num(b.weight)}",
        )
    head.add_row("填报总分", _num(form.total_score))
    card = detail.scorecard
    if card is not None:
        head.add_row("重算总分", _num(card.total_computed))
        head.add_row("等级", f"填报 {card.grade_printed or '—'}，重算 {card.grade_computed or '—'}")
    if detail.rule_set:
        head.add_row(
            "审核规则集", f"{escape(detail.rule_set)}（版本 {escape(detail.rule_set_version or '?')}）"
        )
    out.print(head)

    computed = {(i.goal, i.indicator): i for i in card.indicators} if card else {}
    table = Table(title="指标")
    for col in ("目标", "一级", "二级", "三级指标", "分值", "目标值", "实际值", "填报得分", "重算得分"):
        table.add_column(col, overflow="fold")
    for goal, ind in form.indicators():
        score = computed.get((goal.name, ind.name))
        table.add_row(
            escape(goal.name),
            escape(ind.level1 or "—"),
            escape(ind.level2 or "—"),
            escape(ind.name),
            _num(ind.weight),
            escape(ind.target or "—"),
            escape(ind.actual or "—"),
            _num(ind.score),
            _num(score.computed) if score else "—",
        )
    out.print(table)
    if detail.findings:
        findings = Table(title=f"审核意见（{len(detail.findings)} 条）")
        for col in ("级别", "代码", "位置", "说明"):
            findings.add_column(col, overflow="fold")
        for f in detail.findings:
            where = " / ".join(x for x in (f.goal, f.indicator) if x) or "整表"
            findings.add_row(SEVERITY_LABELS[f.severity], f.code, escape(where), escape(f.message))
        out.print(findings)
    else:
        out.print("无审核意见。" if detail.rule_set else "尚未审核。")


def _link_note(year: int | None, source: str | None) -> str:
    """Where the year that links this form to its revisions came from (its provenance)."""
    if year is None:
        return "表上未印年度，不与其他表关联为修订版"
    how = {
        "printed": "按表上印的年度",
        "document": "表上未印年度，按同一文件中其他表或报告的年度",
        "file_name": "表上未印年度，按文件名中的年度",
    }.get(source or "", "按年度")
    return f"{how} {year}"


def stats_command(
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="单位名称、别名或其中一段")] = None,
    year: Annotated[int | None, typer.Option("--year", help="年度")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="表类型")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="最多显示多少组（0 为全部）")] = 50,
) -> None:
    from jixiao.store import FormFilter, stats

    with _open(db, readonly=True) as database:
        rows, total = stats(
            database, FormFilter(unit=unit, year=year, kind=_kind_option(kind)), limit=limit or None
        )
    shown = f"，显示前 {len(rows)} 组" if len(rows) < total else ""
    table = Table(title=f"按单位和年度统计（共 {total} 组{shown}，仅当前版本）")
    table.add_column("单位", ratio=1, overflow="fold")
    for col in ("年度", "表数", "填报平均分", "重算平均分"):
        table.add_column(col, justify="right", no_wrap=True)
    table.add_column("审核意见（按代码）", no_wrap=True)
    for r in rows:
        table.add_row(
            escape(r.unit or "（未标明单位）"),
            str(r.year or "—"),
            str(r.forms),
            _num(r.printed_average),
            _num(r.computed_average),
            "\n".join(f"{code} {n}" for code, n in r.findings.items()) or "—",
        )
    out.print(table)


@aliases_app.command("list", help="列出全部单位、别名和当前表数。")
def aliases_list(db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None) -> None:
    from jixiao.store import list_units

    with _open(db, readonly=True) as database:
        units = list_units(database)
    table = Table(title=f"单位（{len(units)} 个）")
    for col in ("编号", "单位", "别名", "表数"):
        table.add_column(col, overflow="fold")
    for u in units:
        table.add_row(str(u.id), escape(u.name), escape("、".join(u.aliases) or "—"), str(u.forms))
    out.print(table)


@aliases_app.command("add", help="把 ALIAS 记为单位 UNIT 的别名；以 ALIAS 为名导入的表归入 UNIT。")
def aliases_add(
    alias: Annotated[str, typer.Argument(help="别名，如 政务和大数据局")],
    unit: Annotated[str, typer.Argument(help="单位名称（或其已有别名），如 政务服务和大数据管理局")],
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
) -> None:
    from jixiao.store import AliasError, add_alias

    with _open(db, create=True) as database:
        try:
            change = add_alias(database, alias, unit)
        except AliasError as e:
            fail(str(e))
    message = f"已把“{escape(change.alias)}”记为“{escape(change.unit)}”的别名"
    if change.created_unit:
        message += "（该单位尚无表，已新建）"
    if change.moved_from:
        message += f"（原指向“{escape(change.moved_from)}”）"
    if change.merged_forms:
        message += f"，{change.merged_forms} 张表已归入该单位"
    out.print(message + "。", highlight=False)


@aliases_app.command("remove", help="删除一个别名（已归入的表仍留在原单位下）。")
def aliases_remove(
    alias: Annotated[str, typer.Argument(help="要删除的别名")],
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
) -> None:
    from jixiao.store import AliasError, remove_alias

    with _open(db) as database:
        try:
            unit = remove_alias(database, alias)
        except AliasError as e:
            fail(str(e))
    out.print(f"已删除别名“{escape(alias)}”（原指向“{escape(unit)}”）。", highlight=False)
