"""Shared CLI plumbing: consoles and the one way bad input ends a command.

Every path and message is escaped before Rich sees it: a file named ``[/x]`` or ``[final]``
is printed as named, never read as markup.
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


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


TEMPLATES_HELP = "补充表头词表的 YAML 文件（栏目名称 → 角色，格式见 jixiao/read/vocabulary.yaml），可多次给出"


def use_template_files(paths: list[Path]) -> None:
    """Check the user's header-vocabulary files and put them in force for this run (and, through
    the environment, for its worker processes); a bad file is one Chinese line."""
    import os

    from jixiao.read import ReadError
    from jixiao.read._headers import TEMPLATES_ENV, load_templates

    for p in paths:
        try:
            load_templates(p)
        except ReadError as e:
            fail(str(e))
    os.environ[TEMPLATES_ENV] = os.pathsep.join(str(p.resolve()) for p in paths)
