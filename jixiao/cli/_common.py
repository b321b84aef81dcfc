"""Shared CLI plumbing: consoles, reading an input file, writing an output, ending on bad input.

Every path and message is escaped before Rich sees it: a file named ``[/x]`` or ``[final]``
is printed as named, never read as markup.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

import typer

from jixiao.cli._console import LazyConsole, escape
from jixiao.vocabulary import kind_choices, parse_kind

if TYPE_CHECKING:
    from jixiao.model import Document

out = LazyConsole()
err = LazyConsole(stderr=True)

# What the readers read; anything else is answered before reading (the text reader would try it)


def fail(message: str, code: int = 2) -> NoReturn:
    """Print a one-line Chinese error and exit; never a traceback."""
    err.print(f"[bold red]错误[/]：{escape(one_line(message))}", markup=True, highlight=False)
    raise typer.Exit(code)


def warn(where: str, message: str) -> None:
    """A reader's warning about one place of a file."""
    err.print(f"[yellow]警告[/]：{escape(where)}：{escape(one_line(message))}", highlight=False)


def note(message: str) -> None:
    """A plain progress message on stderr (paths in it are not markup)."""
    err.print(message, markup=False, highlight=False)


def one_line(message: str) -> str:
    return " ".join(str(message).split())


def shipped_rule_sets() -> tuple[str, ...]:
    """``jixiao.score.rule_set_names()`` without importing the scoring (for help texts)."""
    import importlib.util

    spec = importlib.util.find_spec("jixiao.score")
    folders = list(spec.submodule_search_locations or []) if spec else []
    names = {p.stem for folder in folders for p in (Path(folder) / "rulesets").glob("*.yaml")}
    return tuple(sorted(names))


def read_file(path: Path, *, spooled: bool = False) -> Document:
    """Read one input file; unreadable input ends the command with one Chinese line.

    A file of a type no reader declares is still tried as text (the readers' rule), but when
    that finds nothing it is answered as an unsupported type, not as a form-less document.
    ``spooled``: a text dump's forms are kept on disk, for a command going form by form.
    """
    from jixiao.read import ReadError, read

    try:
        doc = read(path, spooled=spooled)
    except ReadError as e:
        fail(unreadable(path, e))
    warn_issues(path, doc)
    return doc


def unreadable(path: Path, e: Exception) -> str:
    """Why ``path`` could not be read (a ``ReadError``), as the one line the user sees."""
    from jixiao.read._registry import supported_suffixes

    suffixes = supported_suffixes()
    if path.is_file() and path.suffix.lower() not in suffixes:
        kinds = "、".join(s.lstrip(".") for s in suffixes)
        shown = path.suffix or "无扩展名"
        return f"不支持的文件类型：{path}（{shown}）；可读取 {kinds} 文件（{getattr(e, 'reason', e)}）"
    return str(e)


def warn_issues(path: Path, doc: Document) -> None:
    """The reader's warnings about a document, one line each."""
    for issue in doc.issues:
        where = issue.source.where() if issue.source else str(path)
        warn(where, issue.message)


def kind_option(kind: str | None) -> str | None:
    """A ``--kind`` value (Chinese name or English code) as the stored code."""
    if kind is None:
        return None
    found = parse_kind(kind)
    if found is None:
        fail(f"未知的表类型“{kind}”，可选：{kind_choices()}")
    return found.value


def emit(text: str, output: Path | None, *, force: bool = False, done: str | None = None) -> None:
    """Write all at once to ``output`` (never over an existing file without ``--force``), else stdout."""
    from jixiao.write._files import OutputExistsError, write_text

    if output is None:
        out.file.write(text)
        out.file.flush()
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        write_text(output, text, overwrite=force)
    except OutputExistsError as e:
        fail(str(e))
    except OSError as e:
        from jixiao._oserror import os_reason

        fail(f"无法写入 {output}：{os_reason(e)}（未留下不完整的文件）")
    note(done or f"已写入 {output}")


@contextmanager
def emitting(output: Path | None, *, force: bool = False, done: str | None = None) -> Iterator[TextIO]:
    """``emit`` piece by piece, in bounded memory: into a temporary file that replaces ``output``
    at the end, or for stdout into a buffer that spills to disk and is copied out at the end — so a
    command that fails midway leaves no partial output either way."""
    import shutil
    import tempfile

    from jixiao.write._files import OutputExistsError, atomic_output

    if output is None:
        with tempfile.SpooledTemporaryFile(max_size=16 << 20, mode="w+", encoding="utf-8") as buf:
            yield buf
            buf.seek(0)
            shutil.copyfileobj(buf, out.file)
            out.file.flush()
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(output, overwrite=force) as tmp, tmp.open("w", encoding="utf-8") as fh:
            yield fh
    except OutputExistsError as e:
        fail(str(e))
    except OSError as e:
        from jixiao._oserror import os_reason

        fail(f"无法写入 {output}：{os_reason(e)}（未留下不完整的文件）")
    note(done or f"已写入 {output}")


TEMPLATES_HELP = "补充表头词表的 YAML 文件（栏目名称 → 角色，格式见 jixiao/read/vocabulary.yaml），可多次给出"


def use_template_files(paths: list[Path]) -> None:
    """Check the user's header-vocabulary files and put them in force for this run (and, through
    the environment, for its worker processes); a bad file is one Chinese line."""
    from jixiao.read import ReadError
    from jixiao.read._headers import load_templates, set_template_files

    for p in paths:
        try:
            load_templates(p)
        except ReadError as e:
            fail(str(e))
    set_template_files([str(p.resolve()) for p in paths])
