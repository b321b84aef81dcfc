"""Shared plumbing of the cycle commands: reading files (form-v1 JSON too), stored forms, printing."""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jixiao.cli._common import err, fail, note, out
from jixiao.cli._console import escape
from jixiao.vocabulary import severity_name

if TYPE_CHECKING:
    from jixiao.model import Document, Finding, Form
    from jixiao.store import StoredForm

DB_HELP = "数据库：SQLite 文件路径或 URL；默认 $JIXIAO_DB 或 ./jixiao.db"
_STYLE = {"error": "red", "warning": "yellow", "info": "dim"}
SEVERITY = {k: f"[{style}]{severity_name(k)}[/]" for k, style in _STYLE.items()}  # the one vocabulary
DbOption = Annotated[str | None, typer.Option("--db", help=DB_HELP)]


class Output(StrEnum):
    text = "text"
    json = "json"


def read_json(path: Path) -> Document:
    """A form-v1 JSON file (one form or an array, e.g. a roll-up written by ``jixiao rollup -o``)."""
    from jixiao.contract import form_from_contract
    from jixiao.model import Document

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        fail(f"{path}：无法读取（{e.strerror or e}）")
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        fail(f"{path}：不是有效的 JSON（{e}）")
    items = data if isinstance(data, list) else [data]
    forms = []
    for n, item in enumerate(items, start=1):
        try:
            forms.append(form_from_contract(item))
        except (ValueError, KeyError, TypeError) as e:
            fail(f"{path}：第 {n} 张表不是有效的 jixiao.form/1 表单（{e}）")
    return Document(path=str(path), reader="form-v1", forms=forms)


def read_files(paths: Sequence[Path]) -> list[tuple[Path, Document]]:
    from jixiao.read import ReadError, read

    docs = []
    for path in paths:
        if path.suffix.lower() == ".json" and path.is_file():
            docs.append((path, read_json(path)))
            continue
        try:
            doc = read(path)
        except ReadError as e:
            fail(str(e))
        for issue in doc.issues:
            where = issue.source.where() if issue.source else str(path)
            err.print(f"[yellow]警告[/]：{escape(where)}：{escape(issue.message)}", highlight=False)
        docs.append((path, doc))
    return docs


def load_stored(db: str | None, unit: str | None = None, year: int | None = None) -> list[StoredForm]:
    from jixiao.store import Database, FormFilter, StoreError, stored_forms

    try:
        with Database(db, create=False, readonly=True) as database:
            return stored_forms(database, FormFilter(unit=unit, year=year))
    except StoreError as e:
        fail(str(e))


def canonical(form: Form, unit: str | None) -> Form:
    return form.model_copy(update={"unit": unit}) if unit and unit != form.unit else form


def print_findings(findings: Sequence[Finding]) -> None:
    for f in findings:
        where = "、".join(x for x in (f.goal, f.indicator) if x)
        out.print(
            f"  {SEVERITY[f.severity]} {escape(f.code)}  "
            f"{escape(where + '：' if where else '')}{escape(f.message)}",
            highlight=False,
        )


def write_text(text: str, output: Path | None) -> None:
    if output is None:
        out.file.write(text if text.endswith("\n") else text + "\n")
        out.file.flush()
        return
    try:
        from jixiao._atomic import write_text

        write_text(output, text)
    except OSError as e:
        fail(f"无法写入 {output}：{e.strerror or e}")
    note(f"已写入 {output}")
