"""The grid every reader produces: rows of cell texts with their source."""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.model import Source


@dataclass(slots=True)
class Row:
    """One table row or one text line.

    ``cells`` are cleaned texts, ``""`` for an empty or merged-away cell (merged cells keep
    their text in the first cell only, as printed forms and PDF text dumps do).
    ``table`` is False for a line of running text (titles, header lines, narrative).
    """

    cells: list[str]
    source: Source
    table: bool = True
    heading: bool = False  # a Markdown heading or a title-styled paragraph
    after_gap: bool = False  # preceded by a blank line or page break (a row may continue there)
    # ``exact``: every cell stands in its true column (a grid: XLSX, DOCX, HTML, PDF, CSV);
    # ``sparse``: the layout dropped empty and merged-away cells, so only the order is known
    exact: bool = False
    sparse: bool = False
    merged_down: frozenset[int] = frozenset()  # columns whose cell is merged with the rows below
    # recognition confidence (0-1) per cell of a scanned page (OCR), 1.0 for an empty cell;
    # empty for every reader that reads text as stored
    confidence: tuple[float, ...] = ()
    _texts: list[str] | None = field(default=None, repr=False, compare=False)
    _text: tuple[list[str], str] | None = field(default=None, repr=False, compare=False)

    @property
    def texts(self) -> list[str]:
        """The non-empty cells (computed once: rows are not changed after reading)."""
        cached = self._texts
        if cached is None or len(cached) > len(self.cells):
            cached = self._texts = [c for c in self.cells if c]
        return cached

    @property
    def text(self) -> str:
        """The non-empty cells joined by spaces (made again only when ``texts`` is)."""
        texts = self.texts
        cached = self._text
        if cached is None or cached[0] is not texts:
            cached = self._text = (texts, " ".join(texts))
        return cached[1]
