"""The row record the form builder's dispatcher reads (``_forms/_facts.py``)."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

from jixiao.model import Source
from jixiao.read import read
from jixiao.read._forms._facts import lead_of, row_facts
from jixiao.read._grid import Row
from jixiao.read._headers import use_templates

FORM = (
    "2023年度项目支出绩效自评表\n项目名称\t校园安保\n"
    "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
    "\t产出指标\t数量指标\t配备安保人员\t≥20人\t22人\t50\t50\n"
    "整改情况说明\t加强巡查\n"
)


def test_first_cell_answers_follow_the_vocabulary_in_force(tmp_path: Path) -> None:
    """A user file naming a narrative field label is seen by the row record, and the built-in
    vocabulary's answers are not reused under it (nor the user's after it)."""
    doc = tmp_path / "f.txt"
    doc.write_text(FORM, encoding="utf-8")
    mine = tmp_path / "my.yaml"
    mine.write_text("text_fields:\n  improvement: [整改情况说明]\n", encoding="utf-8")
    assert read(doc).forms[0].improvement is None
    with use_templates(mine):
        assert read(doc).forms[0].improvement == "加强巡查"
    assert read(doc).forms[0].improvement is None


def test_lead_of_a_first_cell() -> None:
    memo: dict = {}
    total = lead_of(memo, "合 計")  # traditional 計: a total row in any spelling
    assert total.total and not total.total_as_printed and total.c == "合計"
    assert lead_of(memo, "总分").total_as_printed
    assert lead_of(memo, "偏差原因分析").field == "deviation_reason"
    assert lead_of(memo, "备注：无").notes
    assert lead_of(memo, "年度目标1：保障运转").goal
    assert lead_of(memo, "绩效指标").generic == "绩效指标"
    assert lead_of(memo, "单位名称").head == "单位名称"
    assert lead_of(memo, "配备安保人员") == lead_of({}, "配备安保人员")
    name = memo["配备安保人员"]  # an indicator's name answers no structural test
    assert not any((name.total, name.notes, name.field, name.goal, name.generic, name.head, name.overall))


def test_a_leading_dot_leader_is_no_lead_but_stays_the_printed_first() -> None:
    row = Row(cells=["……", "年度目标1", "x"], source=Source(file="f.txt", line=1))
    facts = row_facts(row, {})
    assert facts.texts == ["年度目标1", "x"]
    assert facts.lead is not None and facts.lead.goal
    assert facts.raw is not None and facts.raw.c == "......" and not facts.raw.goal  # NFKC


def test_only_zhi_itself_normalises_to_zhi() -> None:
    """The budget-header test skips compacting (NFKC) a row without 执: valid only while no
    other code point normalises to a text containing 执."""
    others = [
        c for c in range(sys.maxunicode + 1) if c != 0x6267 and "执" in unicodedata.normalize("NFKC", chr(c))
    ]
    assert others == []
