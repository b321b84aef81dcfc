"""Shared CLI plumbing: consoles and the one way bad input ends a command."""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def fail(message: str, code: int = 2) -> NoReturn:
    """Print a one-line Chinese error and exit; never a traceback."""
    err.print(f"[bold red]错误[/]：{message}", markup=True, highlight=False)
    raise typer.Exit(code)
