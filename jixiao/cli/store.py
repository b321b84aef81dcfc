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

from jixiao._wrap import wrap_items, wrap_text
from jixiao.cli._common import err, fail, kind_option, out
from jixiao.cli._console import escape, progress_bar
from jixiao.cli._engine import ADDRESS_HELP, ENGINE_HELP, engine_or_fail
from jixiao.cli._help import ChineseCommand, ChineseGroup
from jixiao.kinds import FormKind
from jixiao.vocabulary import (
    INPUT_TYPES,
    finding_title,
    kind_choices,
    kind_name,
    rule_set_title,
    severity_name,
)

if TYPE_CHECKING:
    from jixiao.store import Database, ImportSummary, Reader

DB_HELP = (
    "数据库：SQLite 文件路径或 URL（如 postgresql+psycopg://用户@主机/库）；"
    "默认取环境变量 JIXIAO_DB，否则 ./jixiao.db"
)

KIND_HELP = f"表类型：{kind_choices()}（也可用英文代码，如 project_self_evaluation）"

aliases_app = typer.Typer(
    help="查看和编辑单位别名（把同一单位的不同写法归为一个单位）。", no_args_is_help=True, cls=ChineseGroup
)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("import", cls=ChineseCommand, help="读取、审核并把文件（或目录下全部文件）存入数据库。")(
        import_command
    )
    app.command("forms", cls=ChineseCommand, help="列出数据库中的绩效表（可按单位、年度、类型、等级筛选）。")(
        forms_command
    )
    app.command("show", cls=ChineseCommand, help="显示一张表的全部内容、评分卡和审核发现。")(show_command)
    app.command(
        "stats",
        cls=ChineseCommand,
        help="按单位、年度和表类型统计：表数、预算数合计、按资金加权的填报与重算平均分、各类审核发现数。"
        "部门整体表与项目表分开统计；分值结构不合计的表不计入重算平均分。",
    )(stats_command)
    app.add_typer(aliases_app, name="aliases")


@contextmanager
def open_db(
    db: str | None, *, create: bool = False, readonly: bool = False, lite: bool = True
) -> Iterator[Database | Reader]:
    """The database for one command; any database error ends it with one Chinese line.

    Queries pass ``readonly``: the file is opened read-only and never migrated (an SQLite file
    through ``sqlite3`` alone, ``store.Reader``, unless ``lite=False``: a command that needs the
    full ``Database`` opens it directly). On a database error the file is checked
    (SQLite ``quick_check``) so that a damaged file is called so.
    """
    from jixiao.store import StoreError, explain, is_database_error, open_database

    try:
        database = open_database(db, create=create, readonly=readonly, lite=lite)
    except StoreError as e:
        fail(str(e))
    try:
        yield database
    except StoreError as e:
        fail(str(e))
    except Exception as e:
        if not is_database_error(e):
            raise
        fail(explain(e, database))
    finally:
        database.close()


_open = open_db


def _num(value: float | None, digits: int = 2) -> str:
    """12517.42 → "12517.42", 20.0 → "20", None → "—"."""
    if value is None:
        return "—"
    return f"{value:.{digits}f}".rstrip("0").rstrip(".")


def import_command(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="路径", help=f"文件或目录（目录中递归查找{INPUT_TYPES}）"),
    ],
    db: Annotated[str | None, typer.Option("--db", metavar="数据库", help=DB_HELP)] = None,
    workers: Annotated[
        int, typer.Option("--workers", "-j", min=1, metavar="进程数", help="并行读取和审核的进程数")
    ] = 1,
    rules: Annotated[
        str | None, typer.Option("--rules", metavar="规则", help="评分规则（默认按表自动选择）")
    ] = None,
    engine: Annotated[str, typer.Option("--engine", metavar="引擎", help=ENGINE_HELP)] = "local",
    address: Annotated[str | None, typer.Option("--address", metavar="地址", help=ADDRESS_HELP)] = None,
) -> None:
    from jixiao.batch import EngineError
    from jixiao.store import import_paths

    spec = engine_or_fail(engine, address)
    if rules is not None:
        _check_rules(rules)
    with _open(db, create=True) as database:
        progress = progress_bar(err, "导入", remaining=True)
        task = progress.add_task("", total=None)

        def on_file(done: int, total: int, path: str) -> None:
            progress.update(task, completed=done, total=total, description=escape(Path(path).name))

        try:
            with progress:
                summary = import_paths(
                    paths, database, workers=workers, rules=rules, progress=on_file, engine=spec
                )
        except EngineError as e:
            fail(f"{e}；未导入任何文件")
        except KeyboardInterrupt:
            fail("导入已中断：已导入的文件完整保留，未完成的文件均未写入", code=130)
        _print_summary(summary, database)
    if summary.stopped:
        fail(summary.stopped)
    if summary.failures:
        raise typer.Exit(2)  # any file not imported: the batch did not fully succeed


def _check_rules(rules: str) -> None:
    """An unknown rule set is the user's mistake: say so once, before reading anything."""
    from jixiao.model import Document
    from jixiao.review import review_document

    try:
        review_document(Document(path="-"), rules)
    except Exception as e:
        fail(f"无法使用评分规则“{rules}”：{e}")


def _print_summary(summary: ImportSummary, database: Database) -> None:
    for u in summary.unchanged:
        out.print(f"未改动：{escape(u.path)}（与已导入的 {escape(u.same_as)} 内容相同）", highlight=False)
    for d in summary.imported:
        note = f"，其中 {d.revised} 张为新修订版" if d.revised else ""
        out.print(f"已导入：{escape(d.path)}：{d.forms} 张表{note}", highlight=False)
    findings = summary.findings
    by_severity = "，".join(f"{severity_name(s)} {findings[s]}" for s in ("error", "warning", "info")) or "无"
    from rich.table import Table

    table = Table(title=f"导入结果（{escape(database.display_url)}）", show_header=False)
    table.add_column("项目")
    table.add_column("数量")
    table.add_row("新导入文件", str(len(summary.imported)))
    table.add_row("未改动文件（内容已导入）", str(len(summary.unchanged)))
    table.add_row("失败文件", str(len(summary.failures)))
    table.add_row("新导入表", str(summary.forms))
    table.add_row("其中新修订版", str(summary.revised))
    table.add_row("审核发现", by_severity)
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


def forms_command(
    db: Annotated[str | None, typer.Option("--db", metavar="数据库", help=DB_HELP)] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", metavar="单位", help="单位名称、别名或其中一段")
    ] = None,
    year: Annotated[int | None, typer.Option("--year", metavar="年度", help="年度，如 2020")] = None,
    kind: Annotated[str | None, typer.Option("--kind", metavar="类型", help=KIND_HELP)] = None,
    grade: Annotated[
        str | None, typer.Option("--grade", metavar="等级", help="等级（重算等级，无则填报等级），如 优")
    ] = None,
    has_errors: Annotated[
        bool | None, typer.Option("--has-errors/--no-errors", help="只看有（或没有）错误级审核发现的表")
    ] = None,
    all_revisions: Annotated[bool, typer.Option("--all-revisions", help="包括已被新修订版取代的表")] = False,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=0, metavar="数量", help="最多显示多少行（0 为全部）")
    ] = 50,
) -> None:
    from jixiao.store import FormFilter, list_forms

    filters = FormFilter(unit, year, kind_option(kind), grade, has_errors, all_revisions)
    with _open(db, readonly=True) as database:
        rows, total = list_forms(database, filters, limit=limit or None)
    if unit and total == 0:
        err.print(
            f"没有与“{escape(unit)}”匹配的表（可用 jixiao aliases list 查看单位和别名）", highlight=False
        )
    title = f"共 {total} 张表" + (f"，显示前 {len(rows)} 张" if len(rows) < total else "")
    from jixiao.cli._table import Table, print_table

    table = Table(title=title, box="simple_head", padding=0)
    fixed = (("编号", "right"), ("类型", "left"), ("年度", "left"))
    for col, justify in fixed:
        table.add_column(col, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    # names are cut at the column end (…) rather than folded into 2 characters a line;
    # ``jixiao show 编号`` prints them whole
    unit_w, name_w = _name_widths(out.width, rows)
    table.add_column("单位", width=unit_w, no_wrap=True, overflow="ellipsis")
    table.add_column("项目或标题", width=name_w, no_wrap=True, overflow="ellipsis")
    for col in ("填报", "重算"):
        table.add_column(col, justify="right", no_wrap=True)
    table.add_column("等级", no_wrap=True)
    table.add_column("错/警", justify="right", no_wrap=True)
    for r in rows:
        table.add_row(
            str(r.id),
            kind_name(r.kind),
            str(r.year or "—"),
            escape(r.unit or "—"),
            escape(r.project or r.title) + (f"（第{r.revision}版，已取代）" if r.superseded else ""),
            _num(r.total_score),
            _num(r.total_computed) if r.sound else "不计",
            (r.grade or "—") if r.sound else "—",
            f"{r.errors}/{r.warnings}",
        )
    print_table(out, table)
    if any(not r.sound for r in rows):
        note = "重算“不计”：该表分值结构不合计 100 分，重算分不可比，不评等级（详见 jixiao show 编号）。"
        for line in wrap_text(note, max(out.width, 40) - 1):
            out.styled(line)


def _name_widths(width: int, rows: list) -> tuple[int, int]:  # type: ignore[type-arg]
    """Cells left for the unit and project columns once the short columns have theirs (2 : 3)."""
    from rich.cells import cell_len

    def widest(values: list[str], head: str) -> int:
        return max([cell_len(head), *(cell_len(v) for v in values)])

    short = [
        widest([str(r.id) for r in rows], "编号"),
        widest([kind_name(r.kind) for r in rows], "类型"),
        4,
        widest([_num(r.total_score) for r in rows], "填报"),
        widest([_num(r.total_computed) if r.sound else "不计" for r in rows], "重算"),
        4,
        widest([f"{r.errors}/{r.warnings}" for r in rows], "错/警"),
    ]
    left = max(width - sum(short) - (len(short) + 3) - 1, 20)  # column gaps and edges
    units = widest([r.unit or "—" for r in rows], "单位")
    unit_w = min(units, max(8, left * 2 // 5))
    return unit_w, max(left - unit_w, 10)


def show_command(
    form_id: Annotated[int, typer.Argument(metavar="编号", help="表编号（见 jixiao forms）")],
    db: Annotated[str | None, typer.Option("--db", metavar="数据库", help=DB_HELP)] = None,
) -> None:
    from jixiao.store import get_form

    with _open(db, readonly=True) as database:
        detail = get_form(database, form_id, models=False)
    if detail is None:
        fail(f"数据库中没有编号为 {form_id} 的表")
    s, form = detail.summary, detail.form
    out.print(f"[bold]{escape(form.title)}[/]（编号 {s.id}，{kind_name(s.kind)}）", highlight=False)
    from jixiao.cli._table import Table, print_table

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
    if card is not None and s.sound:
        head.add_row("重算总分", _num(card.total_computed))
        head.add_row("等级", f"填报 {card.grade_printed or '—'}，重算 {card.grade_computed or '—'}")
    elif card is not None:  # a total re-scored over weights that do not add up is no score
        head.add_row("重算总分", f"{_num(card.total_computed)}（分值结构不合计 100 分，仅供核对，不可比）")
        head.add_row("等级", f"填报 {card.grade_printed or '—'}，重算 不评（分值结构不合计）")
    if detail.rule_set:
        head.add_row(
            "评分规则",
            f"{escape(rule_set_title(detail.rule_set))}（{escape(detail.rule_set)}，"
            f"版本 {escape(detail.rule_set_version or '?')}）",
        )
    print_table(out, head)

    computed = {(i.goal, i.indicator): i for i in card.indicators} if card else {}
    # records, one indicator a line or two: nine columns fold every cell at 80 columns
    out.print("[bold]指标[/]", highlight=False)
    width = max(out.width, 40)
    current = None
    for goal, ind in form.indicators():
        if goal.name != current:
            current = goal.name
            weight = f"（{_num(goal.weight)}分）" if goal.weight is not None else ""
            out.styled(f"  {goal.name}{weight}", "bold")
        score = computed.get((goal.name, ind.name))
        levels = "/".join(x for x in (ind.level1, ind.level2) if x)
        parts = [f"{levels}：{ind.name}" if levels else ind.name]
        parts.append(f"分值 {_num(ind.weight)}")
        parts.append(f"目标值 {ind.target or '—'}")
        parts.append(f"实际值 {ind.actual or '—'}")
        parts.append(f"填报得分 {_num(ind.score)}")
        parts.append(f"重算得分 {_num(score.computed) if score else '—'}")
        for line in wrap_items(parts, width - 5, hang="　"):
            out.styled("    " + line)
    if detail.findings:
        out.print(f"[bold]审核发现（{len(detail.findings)} 条）[/]", highlight=False)
        width = max(out.width, 40)
        for f in detail.findings:
            where = " / ".join(x for x in (f.goal, f.indicator) if x) or "整表"
            label = severity_name(f.severity)
            text = f"{label}　{finding_title(f.code)}　{where}：{f.message}"
            for line in wrap_text(text, width - 3, hang="　" * (len(label) + 1)):
                out.styled("  " + line)
    else:
        out.print("无审核发现。" if detail.rule_set else "尚未审核。")


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
    db: Annotated[str | None, typer.Option("--db", metavar="数据库", help=DB_HELP)] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", metavar="单位", help="单位名称、别名或其中一段")
    ] = None,
    year: Annotated[int | None, typer.Option("--year", metavar="年度", help="年度")] = None,
    kind: Annotated[str | None, typer.Option("--kind", metavar="类型", help=KIND_HELP)] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=0, metavar="数量", help="最多显示多少组（0 为全部）")
    ] = 50,
) -> None:
    from jixiao.store import FormFilter, stats

    with _open(db, readonly=True) as database:
        rows, total = stats(
            database, FormFilter(unit=unit, year=year, kind=kind_option(kind)), limit=limit or None
        )
    shown = f"，显示前 {len(rows)} 组" if len(rows) < total else ""
    title = f"按单位、年度和表类型统计（共 {total} 组{shown}，仅当前版本；平均分以预算数为权重）"
    # records, one block per row: a table of nine columns is unreadable at 80 columns
    width = max(out.width, 40)
    for line in wrap_text(title, width - 1):
        out.styled(line, "bold")
    for r in rows:
        head = f"{r.unit or '（未标明单位）'}　{r.year or '年度不详'}年度　{kind_name(r.kind)}　{r.forms} 张"
        out.styled(head, "bold")
        lines = []
        if r.funds is not None:
            lines.append(f"预算数合计 {_num(r.funds)} 万元")
        if not FormKind(r.kind).is_target:
            lines.append(_average("填报总分", r.printed_average, r.printed_forms, r.forms))
            if r.computed_forms or not r.unsound:
                computed = _average("重算总分", r.computed_average, r.computed_forms, r.forms - r.unsound)
            else:
                computed = "重算总分：不计平均"
            if r.unsound:
                computed += f"（{r.unsound} 张表分值结构不合计 100 分，重算分不可比）"
            lines.append(computed)
        for line in lines:
            for part in wrap_text(line, width - 3, hang="　　"):
                out.styled("  " + part)
        titles = [f"{finding_title(code)} {n}" for code, n in r.findings.items()] or ["无"]
        titles[0] = "审核发现：" + titles[0]
        for part in wrap_items(titles, width - 3, sep="；", hang="　　"):
            out.styled("  " + part)


def _average(label: str, value: float | None, n: int, forms: int) -> str:
    """ "填报总分 按资金加权平均 97.59（18 张）"; which forms are in the mean when not all are."""
    if value is None:
        return f"{label}：无可加权的表（缺总分或预算数）"
    part = "" if n == forms else f"，{forms - n} 张缺总分或预算数未计入"
    return f"{label}按资金加权平均 {_num(value)}（{n} 张{part}）"


@aliases_app.command("list", cls=ChineseCommand, help="列出全部单位、别名和当前表数。")
def aliases_list(
    db: Annotated[str | None, typer.Option("--db", metavar="数据库", help=DB_HELP)] = None,
) -> None:
    from jixiao.store import list_units

    with _open(db, readonly=True) as database:
        units = list_units(database)
    from jixiao.cli._table import Table, print_table

    table = Table(title=f"单位（{len(units)} 个）")
    for col in ("编号", "单位", "别名", "表数"):
        table.add_column(col, overflow="fold")
    for u in units:
        table.add_row(str(u.id), escape(u.name), escape("、".join(u.aliases) or "—"), str(u.forms))
    print_table(out, table)


@aliases_app.command(
    "add",
    cls=ChineseCommand,
    help="把“别名”记为“单位”的别名；以该别名为单位名导入的表归入该单位。",
)
def aliases_add(
    alias: Annotated[str, typer.Argument(metavar="别名", help="别名，如 政务和大数据局")],
    unit: Annotated[
        str, typer.Argument(metavar="单位", help="单位名称（或其已有别名），如 政务服务和大数据管理局")
    ],
    db: Annotated[str | None, typer.Option("--db", metavar="数据库", help=DB_HELP)] = None,
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


@aliases_app.command("remove", cls=ChineseCommand, help="删除一个别名（已归入的表仍留在原单位下）。")
def aliases_remove(
    alias: Annotated[str, typer.Argument(metavar="别名", help="要删除的别名")],
    db: Annotated[str | None, typer.Option("--db", metavar="数据库", help=DB_HELP)] = None,
) -> None:
    from jixiao.store import AliasError, remove_alias

    with _open(db) as database:
        try:
            unit = remove_alias(database, alias)
        except AliasError as e:
            fail(str(e))
    out.print(f"已删除别名“{escape(alias)}”（原指向“{escape(unit)}”）。", highlight=False)
