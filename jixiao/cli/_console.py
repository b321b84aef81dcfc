"""Consoles that import Rich only when Rich has something to do (issue 11: start-up < 0.3 s).

Rich costs about a third of the CLI's start. Most of what the commands print is one line of
text to a pipe or a file — messages, errors, progress notes — where Rich writes the line as
given (styles dropped, markup tags removed). ``LazyConsole`` writes such a line itself and
hands anything else (tables, styled text on a terminal, progress bars, a line Rich would
change: emoji codes, tabs, control characters) to a real ``rich.console.Console`` made on
first use. ``escape`` is Rich's own rule, so that callers need not import Rich for it.
"""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rich.console import Console

_ESCAPE = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])")
_TAGS = re.compile(r"((\\*)\[([a-z#/@][^[]*?)])")
# what Rich would rewrite in a plain line: emoji codes (``:name:``: two colons with no space
# between, a superset of Rich's ``:\S*?(-emoji|-text)?:``; a clock time such as 17:15 is no
# code), tabs, the control codes ``Text`` strips, and escape sequences
_RICH_CHANGES = re.compile(r":\S*?:|[\t\x07\x08\x0b\x0c\r\x1b]")


def escape(markup: str) -> str:
    """Text made safe to put into Rich markup (the same result as ``rich.markup.escape``)."""
    markup = _ESCAPE.sub(lambda m: f"{m[1]}{m[1]}\\{m[2]}", markup)
    if markup.endswith("\\") and not markup.endswith("\\\\"):
        return markup + "\\"
    return markup


def plain_markup(markup: str) -> str | None:
    """The text Rich prints for ``markup`` with styles dropped, or None when unsure (a tag
    Rich might reject or treat specially, such as an ``@`` handler or an unmatched close)."""
    if "[" not in markup:
        return markup
    parts: list[str] = []
    opened: list[str] = []
    position = 0
    for match in _TAGS.finditer(markup):
        full, escapes, tag = match.groups()
        start, end = match.span()
        if start > position:
            parts.append(markup[position:start].replace("\\[", "["))
        position = end
        if escapes:
            backslashes, escaped = divmod(len(escapes), 2)
            parts.append("\\" * backslashes)
            if escaped:
                parts.append(full[len(escapes) :].replace("\\[", "["))
                continue
        name = tag.partition("=")[0]
        if name.startswith("@"):
            return None
        if not name.startswith("/"):
            opened.append(" ".join(name.split()).lower())
        elif name[1:].strip():
            closing = " ".join(name[1:].strip().split()).lower()
            if closing not in opened:
                return None
            del opened[len(opened) - 1 - opened[::-1].index(closing)]
        elif opened:
            opened.pop()
        else:
            return None
    if position < len(markup):
        parts.append(markup[position:].replace("\\[", "["))
    return "".join(parts)


class LazyConsole:
    """A stand-in for ``rich.console.Console(soft_wrap=True)`` on stdout or stderr."""

    def __init__(self, *, stderr: bool = False) -> None:
        self.__dict__["_stderr"] = stderr
        self.__dict__["_rich"] = None

    @property
    def file(self) -> TextIO:
        """Where output goes now (looked up on each write, as Rich does: tests swap it)."""
        if self._rich is not None:
            return self._rich.file  # type: ignore[no-any-return]
        return sys.stderr if self._stderr else sys.stdout

    def rich(self) -> Console:
        """The real console, made on first need."""
        if self._rich is None:
            from rich.console import Console

            console = Console(stderr=self._stderr, soft_wrap=True)
            # Rich pins COLUMNS/LINES as found when a console is made; made lazily (inside a
            # test runner's environment, say) that would outlive it: read them live instead,
            # as a console made at import time did (its ``size`` reads the environment)
            console._width = console._height = None
            self.__dict__["_rich"] = console
        return self._rich  # type: ignore[return-value]

    @property
    def width(self) -> int:
        """Rich's width rule (``COLUMNS``, else the first standard stream that is a terminal,
        else 80), so that a command wrapping its own lines need not make a Rich console."""
        if self._rich is not None or sys.platform == "win32":
            return self.rich().width
        columns = os.environ.get("COLUMNS")
        if columns is not None and columns.isdigit():
            return int(columns)
        if not self.plain() and os.environ.get("TERM", "").lower() in ("dumb", "unknown"):
            return 80
        width = 0
        for fd in (0, 1, 2):
            try:
                width = os.get_terminal_size(fd).columns
            except (AttributeError, ValueError, OSError):
                continue
            break
        return width or 80

    def plain(self) -> bool:
        """True when Rich would print no styles: not a terminal, nothing forcing one."""
        if self._rich is not None:
            return not self._rich.is_terminal
        tty = os.environ.get("TTY_COMPATIBLE", "")
        if tty in ("0", "1"):
            return tty == "0"
        if os.environ.get("FORCE_COLOR") is not None:
            return os.environ["FORCE_COLOR"] == ""
        isatty = getattr(self.file, "isatty", None)
        try:
            return isatty is None or not isatty()
        except ValueError:
            return True

    def print(self, *objects: Any, markup: bool | None = None, **options: Any) -> None:
        """``Console.print``; one string to a pipe or file is written without Rich."""
        line = self._plain_line(objects, markup, options)
        if line is None:
            self.rich().print(*objects, markup=markup, **options)
            return
        file = self.file
        file.write(line + "\n")
        file.flush()

    def styled(self, text: str, style: str = "") -> None:
        """``print(rich.text.Text(text, style=style))``: text taken as is, never as markup."""
        if self.plain() and not _RICH_CHANGES.search(text):
            file = self.file
            file.write(text + "\n")
            file.flush()
            return
        from rich.text import Text

        self.rich().print(Text(text, style=style), highlight=False)

    def _plain_line(
        self, objects: tuple[Any, ...], markup: bool | None, options: dict[str, Any]
    ) -> str | None:
        if len(objects) != 1 or type(objects[0]) is not str or set(options) - {"highlight"}:
            return None
        if not self.plain():
            return None
        text = objects[0] if markup is False else plain_markup(objects[0])
        if text is None or _RICH_CHANGES.search(text):
            return None
        return text

    def __getattr__(self, name: str) -> Any:
        return getattr(self.rich(), name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self.rich(), name, value)


class _NoProgress:
    """What a progress bar does where nobody sees it: nothing (Rich's would print a blank line)."""

    def __enter__(self) -> _NoProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def add_task(self, description: str, **fields: Any) -> int:
        return 0

    def update(self, task: int, **fields: Any) -> None:
        return None

    def advance(self, task: int, advance: float = 1) -> None:
        return None


def progress_bar(console: LazyConsole, label: str, *, remaining: bool, disable: bool = False) -> Any:
    """A transient Rich progress bar on ``console`` when it is a terminal, else a silent stand-in
    (same ``add_task``/``update``/``advance``); ``remaining``: time left, else time taken."""
    if disable or console.plain():
        return _NoProgress()
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeRemainingColumn() if remaining else TimeElapsedColumn(),
        console=console.rich(),
        transient=True,
    )


def new_table(*headers: Any, **options: Any) -> Any:
    """``rich.table.Table(*headers, **options)``, Rich imported only when a table is printed;
    ``box`` by name (``box="SIMPLE_HEAD"``)."""
    from rich import box
    from rich.table import Table

    if isinstance(options.get("box"), str):
        options["box"] = getattr(box, options["box"])
    return Table(*headers, **options)
