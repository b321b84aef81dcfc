"""Cheap first tests of the text path give the answers of the full ones they stand before."""

from __future__ import annotations

import random

from jixiao.model import Source
from jixiao.read._forms._facts import row_facts
from jixiao.read._glued_header import _REMARK, _key_view
from jixiao.read._glued_header import header_cells as _header_cells
from jixiao.read._grid import Row
from jixiao.read._headers import _find_role, _index, label_key, simplified


def test_a_view_cut_short_is_the_start_of_the_whole_view() -> None:
    """Remarks are left out as the view is read, so a cut inside or after one changes nothing."""
    line = "指标名称（A）指标值（B）實際完成值（C）得分（20分*执行率）"
    whole = _key_view(line)[0]
    assert whole == "指标名称指标值实际完成值得分"  # traditional 實際 simplified, remarks left out
    for limit in range(len(whole) + 3):
        assert _key_view(line, limit)[0] == whole[:limit]


def _view_char_by_char(line: str) -> tuple[str, list[int]]:
    """The rule as stated: each character kept unless a remark starts there (not first)."""
    simple = simplified(line)
    view: list[str] = []
    pos: list[int] = []
    p = 0
    while p < len(simple):
        m = _REMARK.match(simple, p) if view else None
        if m:
            p = m.end()
            continue
        view.append(simple[p])
        pos.append(p)
        p += 1
    return "".join(view), [*pos, len(line)]


def test_the_view_read_by_stretches_is_the_view_read_char_by_char() -> None:
    parts = [*"（()）①②⑳=＝+／×*A1指标值實際完成得分 ", "（A）", "(20分)", "④=①+②", "（" + "长" * 13 + "）"]
    rng = random.Random(7)
    for _ in range(3000):
        line = "".join(rng.choice(parts) for _ in range(rng.randint(0, 24)))
        whole = _view_char_by_char(line)
        assert _key_view(line) == whole, line
        for limit in (0, 1, 5, 24):
            assert _key_view(line, limit)[0] == whole[0][:limit], (line, limit)


def test_glued_header_found_on_a_long_line_and_narrative_is_none() -> None:
    header = "一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"
    assert _header_cells(header) == [
        "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
    ]  # fmt: skip
    assert _header_cells("本项目按照计划完成了各项工作任务，资金使用规范，达到预期目标" * 8) is None


def test_dot_leaders_of_every_kind_are_no_lead() -> None:
    row = Row(cells=["。。。", " ……", "·", "1.5", "…a"], source=Source(file="f.txt", line=1))
    facts = row_facts(row, {})
    assert facts.texts == ["1.5", "…a"]
    assert facts.raw is not None and facts.raw.c == "。。。"


def _role_by_scan(index: tuple[tuple[str, str], ...], text: str, exact: bool) -> str | None:
    """The rule as stated: the first label, longest first, that is the key or is held in it."""
    key = label_key(text)
    if not key or len(key) > 24:
        return None
    for label, role in index:
        if key == label or (not exact and len(label) >= 2 and label in key):
            return role
    return None


def test_role_lookup_is_the_scan_of_the_labels() -> None:
    tables = ("indicator_columns", "budget_columns", "header_fields", "text_fields")
    labels = [label for t in tables for label, _ in _index(t)]
    chars = sorted({*"".join(labels), *"12 （）(分)"})
    rng = random.Random(3)
    for _ in range(4000):
        pick = rng.random()
        if pick < 0.3:
            text = rng.choice(labels)
        elif pick < 0.7:
            text = "".join(rng.choices(chars, k=rng.randint(0, 6))) + rng.choice(labels)
        else:
            text = "".join(rng.choices(chars, k=rng.randint(1, 30)))
        for table in tables:
            for exact in (False, True):
                assert _find_role(_index(table), text, exact) == _role_by_scan(_index(table), text, exact)
