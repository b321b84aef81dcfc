"""Forms written as they print, for the cycle tests.

Header lines ``key: value`` (kind, title, unit, project, year, total, budget, goal), then one
line per indicator: 一级 | 二级 | 三级 | 分值 | 目标值 | 实际完成值 | 得分 [| 指标值确定依据],
``-`` for an empty cell. ``budget: 分值 | 预算数 | 执行数 | 执行率 | 得分``; ``goal: 名称 | 分值``
(a name with 长期 or 年度 gives the goal its term, as the reader does).
"""

from __future__ import annotations

from jixiao.model import Budget, Form, FormKind, Goal, Indicator


def _num(cell: str) -> float | None:
    cell = cell.strip()
    if cell in ("", "-"):
        return None
    if cell.endswith("%"):
        return float(cell[:-1]) / 100
    return float(cell)


def _text(cell: str) -> str | None:
    cell = cell.strip()
    return None if cell in ("", "-") else cell


def form(text: str) -> Form:
    fields: dict = {"kind": FormKind.PROJECT_SELF_EVALUATION, "title": "测试自评表", "goals": []}
    for raw in text.strip().splitlines():
        line = raw.strip()
        if not line:
            continue
        key, sep, rest = line.partition(":")
        cells = [c.strip() for c in rest.split("|")]
        if sep and key in ("kind", "title", "unit", "project", "year", "total", "budget", "goal"):
            if key == "kind":
                fields["kind"] = FormKind(rest.strip())
            elif key in ("title", "unit", "project"):
                fields[key] = rest.strip()
            elif key == "year":
                fields["year"] = int(rest)
            elif key == "total":
                fields["total_score"] = _num(rest)
            elif key == "budget":
                w, a, b, r, s = [*cells, "-", "-", "-", "-", "-"][:5]
                fields["budget"] = Budget(
                    weight=_num(w), planned=_num(a), executed=_num(b), rate=_num(r), score=_num(s)
                )
            else:
                name, w = [*cells, "-"][:2]
                term = "long_term" if "长期" in name else ("annual" if "年度" in name else None)
                fields["goals"].append(Goal(name=name, weight=_num(w), term=term))
            continue
        cells = [c.strip() for c in line.split("|")]
        l1, l2, name, w, t, a, s, basis = [*cells, *["-"] * 8][:8]
        if not fields["goals"]:
            fields["goals"].append(Goal(name="年度绩效目标", term="annual"))
        fields["goals"][-1].indicators.append(
            Indicator(
                level1=_text(l1),
                level2=_text(l2),
                name=name,
                weight=_num(w),
                target=_text(t),
                actual=_text(a),
                score=_num(s),
                basis=_text(basis),
            )
        )
    return Form(**fields)
