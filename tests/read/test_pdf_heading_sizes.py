"""Title lines of a printed form: a long title wrapped over two lines of the same large type is
one title, but the line under it in another type (``单位：万元`` in the document's paragraph
size, larger than the table text only) is no part of it — joined, the title was no form title
and three target tables printed from one DOCX were read as one. Drawn by hand (Helvetica)."""

from __future__ import annotations

from pathlib import Path

from jixiao.read._pdf import pdf_rows
from tests._pdfobj import pdf_from_objects


def _pdf(lines: list[tuple[int, int, str]]) -> bytes:
    """(size, baseline, text) lines at x = 20 on one page."""
    content = "\n".join(f"BT /F1 {s} Tf 20 {y} Td ({t}) Tj ET" for s, y, t in lines).encode()
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 300] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


BODY = [(8, 200 - 12 * k, f"body line {k}") for k in range(8)]


def _texts(tmp_path: Path, lines: list[tuple[int, int, str]]) -> list[str]:
    path = tmp_path / "headings.pdf"
    path.write_bytes(_pdf(lines))
    return [r.cells[0] for r in pdf_rows(path)]


def test_a_line_in_another_type_stays_apart_from_the_title(tmp_path: Path) -> None:
    texts = _texts(tmp_path, [(14, 270, "Target Table"), (11, 250, "Unit: yuan"), *BODY])
    assert texts[:2] == ["Target Table", "Unit: yuan"]


def test_a_title_wrapped_in_one_type_is_one_title(tmp_path: Path) -> None:
    texts = _texts(tmp_path, [(14, 270, "Target Table of"), (14, 252, "the Year"), *BODY])
    assert texts[0] == "Target Table ofthe Year"


def test_a_narrative_in_one_large_type_stays_paragraphs(tmp_path: Path) -> None:
    """A 自评结果 printed from a DOCX in the paragraph size, larger than the table's text: its
    heading closes with a bracket (（摘要版）), sections are numbered, sentences end — each line
    stays its own, so the report's title is seen and its figures are read."""
    lines = ["Result (Summary)", "1. Scores", "The score is 94.6.", "2. Problems", "Funds were late."]
    texts = _texts(tmp_path, [(12, 270 - 16 * k, t) for k, t in enumerate(lines)] + BODY)
    assert texts[:5] == lines
