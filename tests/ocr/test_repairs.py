"""OCR confusions repaired only where the cell's role makes them certain (templates README §6)."""

from __future__ import annotations

import pytest

from jixiao.read._ocr_fix import column_roles, repair


def test_roles_from_the_header_row() -> None:
    head = ["一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "分值", "得分", "指标值确定依据"]
    assert column_roles(head) == ["", "", "", "target", "actual", "score", "score", ""]


@pytest.mark.parametrize(
    ("text", "fixed"),
    [("IO", "10"), ("lO", "10"), ("1O", "10"), ("1Z.5", "12.5"), ("O.5", "0.5")],
)
def test_letters_in_a_score_cell_are_digits(text: str, fixed: str) -> None:
    got, why = repair(text, "score")
    assert got == fixed and why and text in why


def test_a_score_that_is_not_a_number_stays() -> None:
    assert repair("满分", "score") == ("满分", None)
    assert repair("IOO0", "score") == ("IOO0", None)  # 1000 is no score: not certain
    assert repair("10", "score") == ("10", None)


def test_rate_target_above_100_percent_had_a_greater_equal_sign() -> None:
    assert repair("295%", "target")[0] == "≥95%"
    assert repair("2100%", "target")[0] == "≥100%"
    assert repair("200%", "target") == ("200%", None)  # "≥00%" is no target
    assert repair("25%", "target") == ("25%", None)  # a rate of 25% is plausible as printed
    assert repair("295%", "") == ("295%", None)  # only in a 指标值 cell


def test_count_target_needs_its_actual_as_evidence() -> None:
    assert repair("2350次", "target", positive=True, actual=360)[0] == "≥350次"
    assert repair("2350次", "target", positive=True, actual=None) == ("2350次", None)
    assert repair("2350次", "target", positive=False, actual=360) == ("2350次", None)
    assert repair("20人", "target", positive=True, actual=21) == ("20人", None)


def test_latin_w_before_digits_is_less_equal() -> None:
    assert repair("W5%", "target")[0] == "≤5%"
    assert repair("W5%", "actual") == ("W5%", None)
