"""OCR confusions repaired only where the cell's role makes them certain (templates README §6)."""

from __future__ import annotations

from typing import Any

import pytest

from jixiao.read._ocr_fix import header_roles, repair, sub_header_roles


def test_roles_from_the_header_row() -> None:
    head = ["一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "分值", "得分", "指标值确定依据"]
    assert header_roles(head) == ["", "", "", "target", "actual", "weight", "score", ""]


def test_roles_of_a_budget_header_and_none_for_a_data_row() -> None:
    head = [
        "项目资金（万元）",
        "",
        "年初预算数",
        "全年预算数（A）",
        "全年执行数（B）",
        "分值",
        "执行率（B/A）",
        "得分",
    ]
    assert header_roles(head) == ["", "", "initial", "planned", "executed", "weight", "rate", "score"]
    assert header_roles(["年度资金总额", "100", "100", "90", "10", "90%", "9"]) is None
    assert header_roles(["培训人次", "得分", "10"]) is None  # one label word in a data row


def test_second_header_row_names_the_columns_under_its_group() -> None:
    lower = ["", "", "", "指标性质", "指标值", "度量单位", "", "", ""]
    assert sub_header_roles(lower) == ["", "", "", "comparator", "target", "", "", "", ""]
    assert sub_header_roles(["", "培训人次", "≥100"]) is None


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


@pytest.mark.parametrize(
    ("text", "role", "fixed"),
    [
        ("12。5", "score", "12.5"),
        ("8．5", "weight", "8.5"),
        ("1O0.5", "planned", "100.5"),
        ("95,6", "executed", "95.6"),
    ],
)
def test_number_cells_take_digits_and_a_decimal_point(text: str, role: str, fixed: str) -> None:
    got, why = repair(text, role)
    assert got == fixed and why and text in why


def test_text_and_thousands_in_number_cells_stay() -> None:
    assert repair("1,250", "planned") == ("1,250", None)  # a thousands separator, not a decimal
    assert repair("12。5", "") == ("12。5", None)  # no role: nothing is certain
    assert repair("IOO0", "planned")[0] == "1000"  # an amount may exceed 100
    assert repair("—", "score") == ("—", None)


def _cells(*texts: str) -> list[Any]:
    from jixiao.read._ocr import ScanCell

    return [ScanCell(1, 0, k, 1, 1, (0, 0, 1, 1), t, 0.99) for k, t in enumerate(texts)]


def test_a_score_above_its_weight_makes_both_cells_doubtful() -> None:
    from jixiao.read._ocr_check import row_doubts

    roles = ["", "target", "actual", "weight", "score"]
    row = _cells("培训人次", "≥100人次", "120人次", "10", "18")  # 18 is a misread 8, or the form is wrong
    row_doubts(row, roles)
    assert [c.doubt is not None for c in row] == [False, False, False, True, True]
    assert "18" in (row[4].doubt or "") and "10" in (row[4].doubt or "")
    fine = _cells("培训人次", "≥100人次", "120人次", "10", "8")
    row_doubts(fine, roles)
    assert all(c.doubt is None for c in fine)


def test_a_rate_that_is_not_executed_over_budget_makes_the_three_cells_doubtful() -> None:
    from jixiao.read._ocr_check import row_doubts

    roles = ["", "initial", "planned", "executed", "weight", "rate", "score"]
    row = _cells("年度资金总额", "100", "100", "60", "10", "90%", "9")  # 60 misread, or 90% wrong
    row_doubts(row, roles)
    assert [c.doubt is not None for c in row] == [False, False, True, True, False, True, False]
    fine = _cells("年度资金总额", "100", "120", "107.4", "10", "89.5%", "9")
    row_doubts(fine, roles)
    assert all(c.doubt is None for c in fine)


def test_quotation_marks_as_the_form_prints_them() -> None:
    from jixiao.read._ocr_fix import printed_marks

    assert printed_marks('落实"放管服"改革') == "落实“放管服”改革"
    assert printed_marks("落实「放管服」改革") == "落实“放管服”改革"
    assert printed_marks('"三公"经费与"两个"') == "“三公”经费与“两个”"
    assert printed_marks('a "b" c') == 'a "b" c'  # no Chinese: left as read
    assert printed_marks('只有一个"引号') == '只有一个"引号'  # unpaired: nothing is certain
    # the model closes a curly opening mark with a straight one
    assert printed_marks('“三公"经费控制率') == "“三公”经费控制率"
    assert printed_marks('开办“一网通办"流程，"两个"') == "开办“一网通办”流程，“两个”"
    assert printed_marks('“三公”与"两个') == '“三公”与"两个'  # left open: kept as read


def test_unreadable_header_label_puts_the_columns_below_in_doubt() -> None:
    from jixiao.read._ocr_check import header_doubt

    head = ["一级指标", "二级指标", "三级指标", "指标值", "度单", "晟", "自评分"]
    confs = [1.0, 1.0, 1.0, 1.0, 0.63, 0.68, 1.0]
    why = header_doubt(head, confs, 0.8)
    assert why and "度单" in why and "晟" in why
    assert header_doubt(head, [1.0] * len(head), 0.8) is None  # read with confidence: a label we do not know
    assert header_doubt(["培训人次", "≥100人次", "12O"], [1.0, 1.0, 0.5], 0.8) is None  # a data row


def test_a_cell_mixing_traditional_and_simplified_was_misread() -> None:
    from jixiao.read._ocr_check import mixed_script

    assert mixed_script("满意度指標")  # 满 simplified, 標 traditional: one of them was replaced
    assert not mixed_script("滿意度指標") and not mixed_script("满意度指标")
    assert not mixed_script("2023年6月底前")


def test_a_dropped_character_leaves_ink_the_text_does_not_explain() -> None:
    from jixiao.read._ocr_check import missing_glyphs

    h = 42  # a line of 10.5 pt print at 300 dpi
    ten = (0, 0, round(10 * h / 0.96), h)  # ink of ten characters
    assert abs(missing_glyphs("修缮文物保护单位数量", ten) or 0) < 0.25
    assert (missing_glyphs("修文物保护单位数量", ten) or 0) > 0.8  # 缮 is not in the model's alphabet
    assert missing_glyphs("≥95%", ten) is None  # digits and signs have no fixed width: not judged
