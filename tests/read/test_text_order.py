"""Text whose lines are not in the table's order (``pdftotext -raw`` of a spreadsheet printed to
PDF: one-line cells row by row, then the wrapped cells, the title and long labels after the
total row) is a read error naming the line, never a form whose values went to the wrong
labels (``jixiao/read/_order.py``). The fixtures are LibreOffice's PDFs of the project's own
spreadsheet fixtures through ``pdftotext -raw`` (``tests/read/data/tools/README.md``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.read import ReadError, read

DATA = Path(__file__).parent / "data" / "tools"


@pytest.mark.parametrize(
    ("name", "line"),
    [
        # 项目资金（万元 / ） and 全年预算数（A） print after 总分 100 95.07, their figures above
        ("pdftotext_raw_national_xlsx.txt", 28),
        # the title prints after 总分 100 99, then the goal texts and a row of bare values
        ("pdftotext_raw_xlsx.txt", 17),
        # no total row: bare values (15; ≥95% 96% 15) are the first row under the indicator header
        ("pdftotext_raw_wuhan_xlsx.txt", 4),
    ],
)
def test_text_out_of_the_tables_order_is_a_read_error(name: str, line: int) -> None:
    with pytest.raises(ReadError) as caught:
        read(DATA / name)
    assert "文本的顺序不是表格的顺序" in str(caught.value)
    assert f"第 {line} 行起" in str(caught.value)


def test_forms_in_reading_order_after_a_total_row_are_read(tmp_path: Path) -> None:
    # a second form after the first's total row: its title and labels head its own rows
    one = (DATA / "pdftotext_raw.txt").read_text(encoding="utf-8")
    two = tmp_path / "two.txt"
    two.write_text(one + one, encoding="utf-8")
    forms = read(two).forms
    assert len(forms) == 2
    assert (
        forms[0].total_score == forms[1].total_score == read(DATA / "pdftotext_raw.txt").forms[0].total_score
    )
