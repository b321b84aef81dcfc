"""Wrapped cell text taller than its row (a spreadsheet printed with fixed row heights): the
block is drawn vertically centred on its cell and its lines stand over the rows above and below.
The PDF is drawn by hand so every coordinate is known; expected rows are read off the drawing."""

from __future__ import annotations

from pathlib import Path

from jixiao.read._pdf import pdf_rows
from tests._pdfobj import pdf_from_objects

# columns at x = 20 | 120 | 220; rows 10 pt high at PDF y = 150 | 140 | 130 | 120 | 110
# Helvetica 8 pt, wrapped lines 11 pt apart. A 2-line block spans baseline-11 .. baseline+8, so
# centred on a row's centre c its baselines are c + 1.5 and c - 9.5: the first line's box lies
# mostly in the row above, the second's mostly in the row below (or below the table).
ROWS = [150, 140, 130, 120, 110]
SINGLE = [  # (x, baseline, text): one line each, centred (box centre = row centre)
    (24, 141, "One"),
    (124, 141, "1"),
    (124, 131, "2"),
    (24, 121, "Three"),
    (124, 121, "3"),
    (124, 111, "4"),
]
WRAPPED = [  # drawn after the single lines, each block's lines one after the other
    (24, 136.5, "Gamma"),  # row 2 (centre 135)
    (24, 125.5, "Delta"),
    (24, 116.5, "Epsilon"),  # row 4 (centre 115); its second line's box is below the table
    (24, 105.5, "Zeta"),
]


def _pdf(texts: list[tuple[float, float, str]]) -> bytes:
    lines = [f"20 {y - 0.25} 200 0.5 re f" for y in ROWS]
    lines += [f"{x - 0.25} 110 0.5 40 re f" for x in (20, 120, 220)]
    lines += [f"BT /F1 8 Tf {x} {y} Td ({t}) Tj ET" for x, y, t in texts]
    content = "\n".join(lines).encode()
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 260 180] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def _cells(tmp_path: Path, data: bytes) -> list[list[str]]:
    path = tmp_path / "overflow.pdf"
    path.write_bytes(data)
    return [r.cells for r in pdf_rows(path)]


def test_overflowing_centred_block_belongs_to_its_cell(tmp_path: Path) -> None:
    assert _cells(tmp_path, _pdf(SINGLE + WRAPPED)) == [
        ["One", "1"],
        ["Gamma Delta", "2"],
        ["Three", "3"],
        ["Epsilon Zeta", "4"],
    ]


def test_lines_that_fit_their_rows_stay_line_by_line(tmp_path: Path) -> None:
    """Single lines one row apart in one column (same x, constant step) are no block."""
    names = [(24, 141, "One"), (24, 131, "Two"), (24, 121, "Three"), (24, 111, "Four")]
    values = [(124, 141, "1"), (124, 131, "2"), (124, 121, "3"), (124, 111, "4")]
    assert _cells(tmp_path, _pdf(names + values)) == [
        ["One", "1"],
        ["Two", "2"],
        ["Three", "3"],
        ["Four", "4"],
    ]
