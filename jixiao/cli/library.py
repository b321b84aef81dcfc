"""``jixiao library build|suggest|export|check``: the 指标库 from files or the database."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jixiao.cli._common import err, fail, note, out
from jixiao.cli._console import escape, new_table

if TYPE_CHECKING:
    from jixiao.cycle import IndicatorLibrary

from jixiao.cli._cycle_io import (
    DbOption,
    Output,
    load_stored,
    print_findings,
    read_files,
    write_text,
)

library_app = typer.Typer(
    help="指标库：生成、推荐指标、导出 Excel、比较目标值。\n\n"
    "由已读入的全部表单生成，同一指标的不同写法归为一组。",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(library_app, name="library")


# --- library -------------------------------------------------------------------------------------


def _library(paths: Sequence[Path] | None, db: str | None, library: Path | None) -> IndicatorLibrary:
    from jixiao.cycle import IndicatorLibrary, build_library

    if library is not None:
        try:
            return IndicatorLibrary.from_json(json.loads(library.read_text(encoding="utf-8")))
        except OSError as e:
            fail(f"无法读取指标库 {library}：{e.strerror or e}")
        except (ValueError, KeyError, TypeError) as e:
            fail(f"{library}：不是有效的指标库文件（{e}）")
    if paths:
        forms = [f for _, doc in read_files(paths) for f in doc.forms]
        return build_library(forms)
    stored = load_stored(db)
    return build_library([s.form for s in stored], [s.unit for s in stored])


SourcePaths = Annotated[list[Path] | None, typer.Argument(help="表单文件；省略则用 --library 或数据库")]
LibraryFile = Annotated[
    Path | None, typer.Option("--library", help="jixiao library build 生成的指标库（.json）")
]


@library_app.command(
    "build", help="由文件或数据库中的全部表单生成指标库（.json），供 suggest/export/check 使用。"
)
def library_build(
    paths: SourcePaths = None,
    db: DbOption = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="指标库文件")] = Path("library.json"),
) -> None:
    from jixiao.contract import dumps

    lib = _library(paths, db, None)
    write_text(dumps(lib.to_json()), output)
    err.print(
        f"指标库共 {len(lib.groups)} 组指标（{sum(g.count for g in lib.groups)} 次使用）", highlight=False
    )


@library_app.command(
    "suggest", help="为新填报的绩效目标表推荐指标：同类项目常用的指标、二级分类和常见目标值。"
)
def library_suggest(
    project: Annotated[str, typer.Argument(help="项目名称")],
    paths: SourcePaths = None,
    db: DbOption = None,
    library: LibraryFile = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="推荐条数")] = 12,
) -> None:
    from jixiao.cycle import suggest

    found = suggest(_library(paths, db, library), project, limit)
    if not found:
        out.print(f"指标库中没有与“{escape(project)}”相近的项目。", highlight=False)
        return
    table = new_table(
        "一级指标", "二级指标", "指标名称", "常见指标值", "依据", title=f"“{escape(project)}”可参考的指标"
    )
    for s in found:
        level2 = next(iter(s.group.level2), "")
        table.add_row(
            escape(s.group.level1 or ""),
            escape(level2),
            escape(s.group.name),
            escape(s.typical or "—"),
            escape(s.why),
        )
    out.print(table)


@library_app.command("export", help="把指标库导出为 Excel 工作簿（指标分组一页、使用明细一页）。")
def library_export(
    paths: SourcePaths = None,
    db: DbOption = None,
    library: LibraryFile = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="输出 .xlsx")] = Path("指标库.xlsx"),
) -> None:
    from jixiao.write.library_xlsx import write_library_xlsx

    lib = _library(paths, db, library)
    try:
        write_library_xlsx(lib, output)
    except OSError as e:
        fail(f"无法写入 {output}：{e.strerror or e}")
    note(f"已写入 {output}（{len(lib.groups)} 组指标）")


@library_app.command(
    "check", help="把目标表的目标值与指标库中其他单位的同一指标比较，指出明显偏低（过易完成）的目标。"
)
def library_check(
    file: Annotated[Path, typer.Argument(help="要检查的目标表或自评表文件")],
    library: LibraryFile = None,
    db: DbOption = None,
    format: Annotated[Output, typer.Option("--format", "-f", help="text 或 json")] = Output.text,
) -> None:
    from jixiao.contract import dumps, findings_to_json
    from jixiao.cycle import peer_findings

    lib = _library(None, db, library)
    [(_, doc)] = read_files([file])
    findings = [f for n, form in enumerate(doc.forms) for f in peer_findings(lib, form, n)]
    if format is Output.json:
        write_text(dumps(findings_to_json(findings)), None)
        return
    if not findings:
        out.print("未发现明显低于同类单位的目标值。", highlight=False)
    print_findings(findings)
