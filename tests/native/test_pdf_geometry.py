"""The PDF reader's own geometry (pdfium characters and ruling segments → cells), on PDFs written
by hand so that every coordinate is known: borders drawn as thin filled rectangles (as Word and
WPS write them), merged cells, a turned page, a space set as its own text object, no table at all.
Expected rows are read off the drawing below, not from the reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.read import ReadError, read
from jixiao.read._pdf import pdf_rows
from tests._pdfobj import pdf_from_objects

REPO = Path(__file__).resolve().parents[2]
CORPUS_PDFS = sorted((REPO / "tests" / "corpus" / "files").glob("*.pdf"))

W, H = 300, 220  # page size (pt)
# columns at x = 20 | 120 | 220 | 280, rows at y = 180 | 150 | 120 | 90 (PDF y, from the bottom)
# row 1: "Name" | "Alpha Beta" over columns 2-3 (no border at x=220 in row 1)
# rows 2-3: "Money" in column 1 over both rows (no border at y=120 in column 1)
BORDERS = [  # (x0, y0, x1, y1) of each border line
    (20, 180, 280, 180),
    (20, 150, 280, 150),
    (120, 120, 280, 120),
    (20, 90, 280, 90),
    (20, 90, 20, 180),
    (120, 90, 120, 180),
    (220, 90, 220, 150),
    (280, 90, 280, 180),
]
TEXTS = [  # (x, baseline y, size, text)
    (20, 195, 16, "Report"),
    (24, 160, 10, "Name"),
    (124, 160, 10, "Alpha Beta"),
    (24, 115, 10, "Money"),
    (124, 130, 10, "100"),
    (224, 130, 10, "95"),
    (124, 100, 10, "90%"),
    (224, 100, 10, "80%"),
    (20, 60, 10, "Signed below the table"),
]


def _content(
    borders: list[tuple[float, float, float, float]], texts: list[tuple[float, float, float, str]]
) -> bytes:
    out = []
    for x0, y0, x1, y1 in borders:  # a 0.5 pt filled rectangle along each line, as Word draws borders
        if y0 == y1:
            out.append(f"{x0} {y0 - 0.25} {x1 - x0} 0.5 re f")
        else:
            out.append(f"{x0 - 0.25} {y0} 0.5 {y1 - y0} re f")
    for x, y, size, text in texts:
        out.append(f"BT /F1 {size} Tf {x} {y} Td ({text}) Tj ET")
    return "\n".join(out).encode()


def _pdf(content: bytes, rotate: int = 0, encrypt: bool = False) -> bytes:
    """A one-page PDF with Helvetica as /F1; ``rotate`` is the page's /Rotate."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {W if rotate % 180 == 0 else H} "
            f"{H if rotate % 180 == 0 else W}] /Rotate {rotate} /Contents 4 0 R "
            "/Resources << /Font << /F1 5 0 R >> >> >>"
        ).encode(),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if encrypt:  # the standard security handler with a user password the file does not open with
        objects.append(
            b"<< /Filter /Standard /V 1 /R 2 /O <" + b"41" * 32 + b"> /U <" + b"42" * 32 + b"> /P -4 >>"
        )
    extra = f" /Encrypt {len(objects)} 0 R /ID [<{'01' * 16}> <{'01' * 16}>]" if encrypt else ""
    return pdf_from_objects(objects, extra)


def _rows(tmp_path: Path, data: bytes, name: str = "t.pdf") -> list[tuple[list[str], bool, bool, str | None]]:
    path = tmp_path / name
    path.write_bytes(data)
    return [(r.cells, r.table, r.heading, r.source.cell) for r in pdf_rows(path)]


EXPECTED = [
    (["Report"], False, True, None),  # 16 pt over a 10 pt body: a title
    (["Name", "Alpha Beta"], True, False, "r1c1"),  # the merged cell in its first column
    (["Money", "100", "95"], True, False, "r2c1"),
    (["", "90%", "80%"], True, False, "r3c2"),  # column 1 is covered by "Money" above
    (["Signed below the table"], False, False, None),
]


def test_rectangle_borders_and_merged_cells(tmp_path: Path) -> None:
    assert _rows(tmp_path, _pdf(_content(BORDERS, TEXTS))) == EXPECTED


def test_turned_page_reads_as_shown(tmp_path: Path) -> None:
    """A landscape page stored portrait with /Rotate 90: the drawing is turned back in the
    content (``cm``), so the page shows the same table and must read the same."""
    turned = b"0 1 -1 0 %d 0 cm\n" % H + _content(BORDERS, TEXTS)
    # stored page: H wide, W high; the matrix maps the drawing onto it, /Rotate 90 shows it upright
    assert _rows(tmp_path, _pdf(b"q " + turned + b" Q", rotate=90)) == EXPECTED


def test_space_set_as_its_own_text_object(tmp_path: Path) -> None:
    """'ab' and 'cd' 2.8 pt apart with a space object between: two words, as the writer meant."""
    content = b"BT /F1 10 Tf 20 100 Td (ab) Tj ET\nBT /F1 10 Tf 31.1 100 Td ( ) Tj ET\nBT /F1 10 Tf 33.9 100 Td (cd) Tj ET"
    assert _rows(tmp_path, _pdf(content)) == [(["ab cd"], False, False, None)]
    # the same two runs without the space object: one word (the gap is under 3 pt)
    content = b"BT /F1 10 Tf 20 100 Td (ab) Tj ET\nBT /F1 10 Tf 33.9 100 Td (cd) Tj ET"
    assert _rows(tmp_path, _pdf(content)) == [(["abcd"], False, False, None)]


def test_text_only_page_is_running_text(tmp_path: Path) -> None:
    texts = [
        (20, 190, 16, "Annual report"),
        (20, 160, 10, "First line of text"),
        (20, 146, 10, "Second line"),
    ]
    assert _rows(tmp_path, _pdf(_content([], texts))) == [
        (["Annual report"], False, True, None),
        (["First line of text"], False, False, None),
        (["Second line"], False, False, None),
    ]


def test_lone_cell_is_no_table(tmp_path: Path) -> None:
    box = [(20, 150, 200, 150), (20, 120, 200, 120), (20, 120, 20, 150), (200, 120, 200, 150)]
    assert _rows(tmp_path, _pdf(_content(box, [(24, 130, 10, "boxed")]))) == [(["boxed"], False, False, None)]


def test_encrypted_pdf_is_named_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "加密.pdf"
    path.write_bytes(_pdf(_content(BORDERS, TEXTS), encrypt=True))
    with pytest.raises(ReadError) as e:
        read(path)
    assert "已加密" in str(e.value) and "加密.pdf" in str(e.value)


@pytest.mark.skipif(not CORPUS_PDFS, reason="no corpus PDFs")
@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.name[:3])
def test_tables_agree_with_pdfplumber(path: Path) -> None:
    """Every ruled table cell of the printed corpus forms holds the text pdfplumber's lines
    strategy (the engine before) finds there: the two implementations of one rule set agree.
    pdfplumber places each character where it lies, so the overflowing wrapped blocks of the
    LibreOffice-printed forms (tests/read/test_pdf_overflow.py) are compared without that rule."""
    pdfplumber = pytest.importorskip("pdfplumber")
    import pypdfium2 as pdfium

    from jixiao.read._pdf_page import page_chars, page_objects
    from jixiao.read._pdf_tables import find_tables
    from jixiao.read._pdf_text import cell_text

    doc = pdfium.PdfDocument(str(path))
    with pdfplumber.open(path) as plumber:
        for k, page in enumerate(plumber.pages):
            theirs = [t.extract() for t in page.find_tables({"snap_tolerance": 3})]
            ours_page = doc[k]
            segments, blanks = page_objects(ours_page.raw)
            chars = page_chars(ours_page.raw) + blanks
            ours = [t.texts(chars, cell_text, blocks=False) for t in find_tables(segments)]
            assert ours == theirs
            ours_page.close()
    doc.close()
