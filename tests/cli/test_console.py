"""The CLI's consoles write plain lines without Rich, byte for byte as Rich would (issue 11).

A user piping ``jixiao`` into a file or another program must see the same text whether a
line went through Rich or not; on a terminal Rich still styles it.
"""

from __future__ import annotations

import io
import random
from contextlib import redirect_stdout

import pytest
from rich.console import Console
from rich.markup import escape as rich_escape
from rich.text import Text

from jixiao.cli._console import LazyConsole, escape, plain_markup

PIECES = ["[", "]", "\\", "[bold]", "[/]", "[/bold]", "[red]", "[bold red]", "[/red]", "[@click]",
          "[link=x]", "[b]", "错误", "：", "路径/a b", " ", "x", ":smile:", "\t", "\r", "\x1b[1m", "[0]",
          "[/x]", "[final]", "\\[bold]", "\\\\[red]", "文件[1].txt", "\n", ":", "17:15", ":x", "a:"]  # fmt: skip


def _rich(text: object, **options: object) -> str:
    buf = io.StringIO()
    Console(file=buf, soft_wrap=True).print(text, **options)  # type: ignore[arg-type]
    return buf.getvalue()


def _lazy(text: str, **options: object) -> str:
    buf = io.StringIO()
    with redirect_stdout(buf):
        LazyConsole().print(text, **options)  # type: ignore[arg-type]
    return buf.getvalue()


def _samples(n: int) -> list[str]:
    rng = random.Random(11)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 8))) for _ in range(n)]


@pytest.mark.parametrize("markup", [True, False])
def test_plain_lines_are_what_rich_prints(markup: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    for sample in _samples(3000):
        for text in (sample, f"[bold red]错误[/]：{escape(sample)}"):
            try:
                expected = _rich(text, markup=markup, highlight=False)
            except Exception:  # Rich rejects the markup: so must the stand-in (through Rich)
                with pytest.raises(Exception):  # noqa: B017
                    _lazy(text, markup=markup, highlight=False)
                continue
            assert _lazy(text, markup=markup, highlight=False) == expected, repr(text)


def test_a_lone_colon_is_written_without_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    """A clock time (``show``'s 导入 line) is no emoji code: written as Rich writes it, Rich
    never made; two colons with no space between may be one, so they still go to Rich."""
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    for text, plain in (
        ("导入 2026-12-03 17:15，root", True),
        ("比例 1:2 : 3", True),
        ("a :smile: b", False),
    ):
        console = LazyConsole()
        buf = io.StringIO()
        with redirect_stdout(buf):
            console.print(text, highlight=False)
        assert buf.getvalue() == _rich(text, highlight=False)
        assert (console._rich is None) is plain, text


def test_escape_is_richs() -> None:
    for sample in _samples(3000):
        assert escape(sample) == rich_escape(sample), repr(sample)


def test_markup_the_stand_in_is_unsure_of_goes_to_rich() -> None:
    assert plain_markup("[@click]x[/]") is None
    assert plain_markup("x[/]") is None
    assert plain_markup("[bold]x[/red]") is None
    assert plain_markup("[bold]错误[/]：a\\[b]") == "错误：a[b]"


def test_styled_text_is_never_markup(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    buf = io.StringIO()
    monkeypatch.setattr("sys.stdout", buf)
    LazyConsole().styled("[bold]不是样式[/]", "bold")
    assert buf.getvalue() == _rich(Text("[bold]不是样式[/]", style="bold"))


def test_a_terminal_still_gets_richs_styles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    buf = io.StringIO()
    monkeypatch.setattr("sys.stdout", buf)
    LazyConsole().print("[bold red]错误[/]：x", highlight=False)
    assert "\x1b[" in buf.getvalue() and "错误" in buf.getvalue()


@pytest.mark.parametrize("columns", [None, "57", "0", "x"])
def test_width_is_richs(columns: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert LazyConsole().width == Console(soft_wrap=True).width


def test_width_follows_columns_after_rich_is_made(monkeypatch: pytest.MonkeyPatch) -> None:
    """A console made while COLUMNS had one value must not keep it (the test runner sets it per run)."""
    console = LazyConsole()
    monkeypatch.setenv("COLUMNS", "57")
    console.rich()
    monkeypatch.setenv("COLUMNS", "99")
    assert console.width == 99
