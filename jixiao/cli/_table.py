"""Tables to a pipe or a file without Rich (issue 11: start-up): ``Table`` takes what the
commands give ``rich.table.Table`` and prints the very lines Rich prints when every cell fits
its column — the usual case of ``forms`` (its wide columns are cut with "…"), ``aliases list``
and short ``show`` heads. A table that needs Rich's column shrinking or folding, markup the
stand-in is unsure of, or a terminal (styles) is handed to a real ``rich.table.Table``.
``tests/cli/test_table.py`` compares the two on generated tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jixiao.cli._console import _RICH_CHANGES, LazyConsole, plain_markup

__all__ = ["Table", "print_table"]

# (top, header row, under the header, row, bottom): left, fill, between columns, right
_BOXES = {
    "simple_head": ("    ", "    ", " ── ", "    ", "    "),
    "heavy_head": ("┏━┳┓", "┃ ┃┃", "┡━╇┩", "│ ││", "└─┴┘"),
    "square": ("┌─┬┐", "│ ││", "├─┼┤", "│ ││", "└─┴┘"),  # heavy_head without a header row
}


@dataclass
class _Column:
    header: str
    justify: str = "left"
    width: int | None = None
    no_wrap: bool = False
    overflow: str = "ellipsis"  # Rich's default


@dataclass
class Table:
    """The part of ``rich.table.Table`` the commands use (no styles: a pipe shows none)."""

    title: str | None = None
    box: str = "heavy_head"  # or "simple_head"
    show_header: bool = True
    padding: int = 1  # spaces either side of a cell (Rich's ``padding=(0, n)``)
    columns: list[_Column] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)

    def add_column(self, header: str = "", **options: Any) -> None:
        self.columns.append(_Column(header, **options))

    def add_row(self, *cells: str) -> None:
        self.rows.append(list(cells))

    def rich(self) -> Any:
        """The same table as a ``rich.table.Table``."""
        from rich import box
        from rich.table import Table as RichTable

        table = RichTable(
            title=self.title,
            box=box.SIMPLE_HEAD if self.box == "simple_head" else box.HEAVY_HEAD,
            show_header=self.show_header,
            padding=(0, self.padding),
        )
        for c in self.columns:
            table.add_column(
                c.header, justify=c.justify, width=c.width, no_wrap=c.no_wrap, overflow=c.overflow
            )  # type: ignore[arg-type]
        for row in self.rows:
            table.add_row(*row)
        return table

    def lines(self, width: int) -> list[str] | None:
        """Rich's lines for this table at console ``width``; None when only Rich can tell."""
        from rich.cells import cell_len, set_cell_size

        texts = [[plain_markup(c.header) for c in self.columns]] if self.show_header else []
        texts += [[plain_markup(cell) for cell in row] for row in self.rows]
        if any(t is None or "\n" in t or _RICH_CHANGES.search(t) for row in texts for t in row):
            return None
        if any(len(row) != len(self.columns) for row in texts):
            return None
        cells: list[list[str]] = texts  # type: ignore[assignment]
        widths = []
        for i, c in enumerate(self.columns):
            natural = max((cell_len(row[i]) for row in cells), default=0)
            if c.width is not None:
                if natural > c.width and not (c.no_wrap and c.overflow == "ellipsis"):
                    return None
                widths.append(c.width)
            else:
                widths.append(natural)
        pad = self.padding
        total = sum(widths) + 2 * pad * len(widths) + len(widths) + 1
        if total > width or not self.rows or 0 in widths:  # Rich's rules for empty columns are its own
            return None
        kind = self.box if self.show_header or self.box == "simple_head" else "square"
        top, head, under, row_box, bottom = _BOXES[kind]

        def rule(chars: str) -> str:
            left, fill, between, right = chars
            return left + between.join(fill * (w + 2 * pad) for w in widths) + right

        def line(chars: str, row: list[str]) -> str:
            left, _fill, between, right = chars
            parts = []
            for text, w, c in zip(row, widths, self.columns, strict=True):
                if cell_len(text) > w:
                    text = set_cell_size(text, w - 1) + "…"
                gap = " " * (w - cell_len(text))
                body = gap + text if c.justify == "right" else text + gap
                parts.append(" " * pad + body + " " * pad)
            return left + between.join(parts) + right

        out = []
        if self.title is not None:
            title = self.title  # with markup (an escaped "[") Rich lays a title out its own way
            if "[" in title or "\\" in title or cell_len(title) > total or _RICH_CHANGES.search(title):
                return None
            out.append(title)  # as the commands' console prints it (``soft_wrap``: not centred)
        out.append(rule(top))
        body = cells
        if self.show_header:
            out.append(line(head, cells[0]))
            out.append(rule(under))
            body = cells[1:]
        out.extend(line(row_box, row) for row in body)
        out.append(rule(bottom))
        return out


def print_table(console: LazyConsole, table: Table) -> None:
    """The table's lines to a pipe or a file, else (a terminal, a table only Rich can lay out)
    Rich's rendering of it."""
    lines = table.lines(console.width) if console.plain() else None
    if lines is None:
        console.rich().print(table.rich())
        return
    file = console.file
    file.write("".join(f"{line}\n" for line in lines))
    file.flush()
