"""Database upkeep: ``upgrade``, ``verify``, ``original``, ``backup``, ``restore`` and
``prune-cache``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jixiao.cli._common import fail, note, out
from jixiao.cli.store import DB_HELP, open_db


def register(app: typer.Typer) -> None:
    app.command("upgrade", help="把数据库结构升级到当前版本（导入时也会自动升级）。")(upgrade_command)
    app.command("verify", help="检查数据库：文件结构、每个原件的 SHA-256、当前版本唯一、统计一致。")(
        verify_command
    )
    app.command("original", help="按表编号（或 --document 文档编号）原样取回导入的原始文件。")(
        original_command
    )
    app.command("backup", help="备份数据库到一个文件（SQLite 在线备份；PostgreSQL 用 pg_dump）。")(
        backup_command
    )
    app.command("restore", help="用 jixiao backup 生成的备份替换数据库的全部内容。")(restore_command)
    app.command(
        "prune-cache",
        help="清理扫描件缓存：删除旧版识别程序的结果、已不在数据库中的文件的结果；可限定缓存大小。",
    )(prune_cache_command)


def upgrade_command(db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None) -> None:
    with open_db(db) as database:
        note(f"数据库 {database.display_url} 的结构已是最新版本")


def verify_command(db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None) -> None:
    from jixiao.store import Reader

    with open_db(db, readonly=True) as database:
        if isinstance(database, Reader):  # an SQLite file: the same checks on sqlite3
            from jixiao.store._lite_verify import verify
        else:
            from jixiao.store._maintain import verify  # type: ignore[assignment]
        report = verify(database)  # type: ignore[arg-type]
    for problem in report.problems:
        out.print(f"问题：{problem}", markup=False, highlight=False)
    if not report.ok:
        fail(f"数据库检查发现 {len(report.problems)} 个问题（共 {report.documents} 个文件）")
    out.print(f"数据库完好：{report.documents} 个文件的原件均与导入时一致。", markup=False, highlight=False)


def original_command(
    form_id: Annotated[int | None, typer.Argument(help="表编号（见 jixiao forms）")] = None,
    document: Annotated[int | None, typer.Option("--document", help="文档编号（代替表编号）")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写入的文件（默认为原文件名）")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已有文件")] = False,
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
) -> None:
    from jixiao._atomic import write_bytes
    from jixiao._oserror import os_reason
    from jixiao.store._maintain import original

    if (form_id is None) == (document is None):
        fail("请给出表编号，或用 --document 给出文档编号（二者取一）")
    with open_db(db, readonly=True) as database:
        doc = original(database, form_id=form_id, document_id=document)
    target = output or Path(Path(doc.file_name).name)
    if target.exists() and not force:
        fail(f"文件 {target} 已存在（用 --force 覆盖，或用 -o 另给文件名）")
    try:
        write_bytes(target, doc.content)
    except OSError as e:
        fail(f"无法写入 {target}：{os_reason(e)}（未留下不完整的文件）")
    note(f"已取回原件 {target}（{len(doc.content)} 字节，SHA-256 {doc.sha256[:12]}…，与导入时一致）")


def backup_command(
    target: Annotated[Path, typer.Argument(help="备份文件")],
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已有的备份文件")] = False,
) -> None:
    from jixiao._oserror import os_reason
    from jixiao.store._maintain import backup

    if target.exists() and not force:
        fail(f"备份文件 {target} 已存在（用 --force 覆盖）")
    with open_db(db, readonly=True) as database:
        try:
            backup(database, target)
        except OSError as e:
            fail(f"无法写入备份 {target}：{os_reason(e)}（未留下不完整的文件）")
        note(f"已备份 {database.display_url} 到 {target}")


def restore_command(
    source: Annotated[Path, typer.Argument(help="jixiao backup 生成的备份文件")],
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="确认替换数据库的全部内容")] = False,
) -> None:
    from jixiao.store import DatabaseError, StoreError, explain, resolve_url
    from jixiao.store._maintain import restore

    if not yes:
        fail("恢复会替换数据库的全部内容；确认请加 --yes")
    try:
        restore(db or resolve_url(None), source)
    except StoreError as e:
        fail(str(e))
    except DatabaseError as e:
        fail(explain(e))
    except OSError as e:
        from jixiao._oserror import os_reason

        fail(f"恢复失败：{os_reason(e)}")
    with open_db(db, readonly=True) as database:
        note(f"已用 {source} 恢复数据库 {database.display_url}")


_UNITS = {"": 1, "B": 1, "K": 1024, "KB": 1024, "M": 1024**2, "MB": 1024**2, "G": 1024**3, "GB": 1024**3}


def _size(text: str) -> int:
    """``500MB``, ``2G``, ``1048576`` as bytes; a clear error otherwise."""
    import re

    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]?B?)\s*", text.upper())
    if m is None:
        fail(f"无法理解缓存大小“{text}”：请写成如 500MB、2GB 或字节数")
    return int(float(m[1]) * _UNITS[m[2]])


def _mb(n: int) -> str:
    return f"{n / 1024**2:.1f} MB"


def prune_cache_command(
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    scan_cache: Annotated[
        Path | None,
        typer.Option(
            "--scan-cache", help="扫描件缓存目录（与 jixiao serve --scan-cache 相同；默认在数据库文件旁）"
        ),
    ] = None,
    max_size: Annotated[
        str | None, typer.Option("--max-size", help="缓存的最大大小（如 500MB）：超出时删除最久未用的条目")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只列出会删除的内容，不删除")] = False,
) -> None:
    from jixiao.read._ocr_cache import prune
    from jixiao.store._maintain import stored_hashes
    from jixiao.web._scan import CACHE_VERSION, cache_dir

    bound = _size(max_size) if max_size is not None else None
    with open_db(db, readonly=True) as database:
        root = cache_dir(database, scan_cache)
        stored = stored_hashes(database)
    if not root.is_dir():
        note(f"扫描件缓存目录 {root} 不存在，无需清理")
        return
    report = prune(root, stored, bound, views=CACHE_VERSION, dry_run=dry_run)
    verb = "将删除" if dry_run else "已删除"
    for path in report.removed:
        out.print(f"{verb}：{path}", markup=False, highlight=False)
    for path in report.skipped:
        out.print(f"未动（符号链接或非本缓存所建）：{path}", markup=False, highlight=False)
    note(
        f"扫描件缓存 {root}：{verb} {len(report.removed)} 项（{_mb(report.freed)}），"
        f"保留 {report.kept} 个文件的识别结果（{_mb(report.kept_bytes)}）"
    )
