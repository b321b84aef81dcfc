"""Goals: the overall-goal block, goal labels and descriptions, and the 一级/二级 labels
carried down."""

from __future__ import annotations

import re

from jixiao.model import FormKind, Goal, OverallGoal, Source
from jixiao.read._clean import compact, is_score_like, is_weight_only, score_value, split_weight
from jixiao.read._forms._state import _State
from jixiao.read._grid import Row
from jixiao.read._headers import overall_role, simplified
from jixiao.read._vocab import (
    GOAL_GENERIC,
    GOAL_NUMBERED,
    goal_key,
    goal_term,
    is_level1,
    is_level1_strict,
    label_of,
)

_TOTAL_CHARS = re.compile("[总總縂緫摠]")  # the characters traditional → simplified turns into 总

_POINTS_LABELS = ("分值", "权重")  # a label cell before the goal's points in a goal row


def _points_and_score(others: list[str]) -> float | None:
    """The points of a goal row printing ``text | 分值 | 得分`` (the score within the points)."""
    if len(others) != 3 or score_value(others[0]) is not None:
        return None
    w, s = score_value(others[1]), score_value(others[2])
    return w if w is not None and s is not None and 0 <= s <= w <= 100 else None


class _GoalRows(_State):
    """Reads goals: the overall goal, goal labels and texts, 一级/二级 labels carried down."""

    def _overall_header(self, row: Row) -> bool:
        texts = row.texts
        if (
            not self.is_target
            and len(texts) == 3
            and overall_role(texts[1]) == "target"
            and overall_role(texts[2]) == "actual"
        ):
            self.form.overall_goal = OverallGoal(source=row.source)  # 年度目标 | 预期目标 | 实际完成情况
            self.state = "overall"
            return True
        if self.is_target and len(texts) == 2 and GOAL_GENERIC.match(goal_key(texts[0]) or "-"):
            self.pending_goal, self.pending_text = label_of(texts[0]), texts[1]  # 年度绩效目标 | …
            return True
        raw = row.text
        if not _TOTAL_CHARS.search(raw):
            return False  # no 总 in any spelling: the row's text need not be converted
        c = compact(simplified(raw))
        if "总目标" not in c and "总体目标" not in c:
            return False
        if self.is_target and len(texts) == 3:
            self.half_names, self._await_half_texts = texts[1:], True
        if self.is_target and len(texts) == 2:
            self.pending_text = texts[1]  # 年度总体目标 | … : the text of the goal whose table follows
            return True
        if not any(k in c for k in ("年初设定目标", "预期目标", "实际完成", "设定目标")):
            if self.is_target or self.state == "head":
                self.state = "goal_descriptions" if self.kind == FormKind.PROJECT_TARGET else self.state
                if self.kind != FormKind.PROJECT_TARGET:
                    self.other_rows.append(row.texts)
                return True
            return False
        _, weight, _ = split_weight(row.texts[0])
        self.form.overall_goal = OverallGoal(weight=weight, source=row.source)
        self.state = "overall"
        return True

    def _overall_data(self, row: Row) -> None:
        og = self.form.overall_goal
        assert og is not None
        texts = row.texts
        if texts and is_score_like(texts[-1]) and len(texts) >= 2:
            og.score = score_value(texts[-1])
            texts = texts[:-1]
        if not texts:
            return
        if og.target is None:
            og.target = texts[0]
            if len(texts) > 1:
                og.actual = "\n".join(texts[1:])
        else:  # wrapped continuation of the two text cells
            og.target = f"{og.target}{texts[0]}" if len(texts) > 1 else og.target
            og.actual = f"{og.actual or ''}{texts[-1]}"

    def _goal_description(self, row: Row) -> bool:
        texts = row.texts
        c = compact(texts[0])
        if c in ("名称", "目标名称") or "目标说明" in compact(row.text):
            return True
        m = GOAL_NUMBERED.match(c)
        if m and len(texts) >= 2:
            self._last_description = compact(m.group("label"))
            self.goal_descriptions[self._last_description] = "".join(texts[1:])
            return True
        if m and m.group("rest"):
            self._last_description = compact(m.group("label"))
            self.goal_descriptions[self._last_description] = m.group("rest").strip("：: ")
            return True
        if len(texts) == 1 and self._last_description:  # the description runs on after a page break
            self.goal_descriptions[self._last_description] += texts[0]
            return True
        return False

    def _goal_label(self, text: str, source: Source | None) -> None:
        label, weight, printed = split_weight(text)
        c = compact(label)
        m = GOAL_NUMBERED.match(simplified(c))  # same length: the printed characters are kept
        if printed and weight is None:  # "(XX 分)": a weight printed as a placeholder
            self.placeholder_goals.append(c[: m.end("label")] if m else c)
        if m:
            name = c[: m.end("label")]
            rest = c[m.start("rest") :].strip("：:，, ")
        elif GOAL_GENERIC.match(goal_key(c)):
            if self.goal is not None and not self._other_term(c):
                if weight is not None and self.goal.weight is None:
                    self.goal.weight = weight
                return
            name, rest = c, ""
        else:
            name, rest = c, ""
        if self.goal is not None and compact(self.goal.name) == compact(name):
            if weight is not None and self.goal.weight is None:
                self.goal.weight = weight
            if rest and not self.goal.text:
                self.goal.text = rest
            return
        self._open_goal(name, rest or None, weight, source)

    def _other_term(self, label: str) -> bool:
        """A generic label naming another term than the goal being read (年度目标 after 中期目标):
        the next goal block of the table, not a repeat of the current goal's label."""
        assert self.goal is not None
        new, current = goal_term(label), goal_term(self.goal.name)
        return new is not None and current is not None and new != current

    def _open_goal(self, name: str, text: str | None, weight: float | None, source: Source | None) -> None:
        self._level2_sum = 0.0
        key = simplified(name)
        term = "long_term" if key.startswith("长期") else ("annual" if "年度" in key else self.term)
        if text is None and self.pending_text:
            text, self.pending_text = self.pending_text, None
        self.goal = Goal(name=name, text=text, weight=weight, term=term, source=source)  # type: ignore[arg-type]
        self.form.goals.append(self.goal)
        self.level1 = self.level2 = None
        self.level1_weight = self.level2_weight = None
        self.last = None

    def _goal_row(self, row: Row, probe: bool = False) -> bool:
        """``年度目标1: (9分) | 维持部门日常工作开展`` and its variants."""
        texts = row.texts
        label, weight, _ = split_weight(texts[0])
        c = compact(label)
        m = GOAL_NUMBERED.match(simplified(c))  # same length: the printed characters are kept
        if not m:
            return False
        rest = c[m.start("rest") :].strip("：:，, ")
        # ``年度目标1 | text | 分值 | 50``: the goal's points labelled in its own row
        others = [t for t in texts[1:] if compact(t) not in _POINTS_LABELS]
        points = _points_and_score(others) if not rest else None
        # a data row that merely starts with the goal label carries level labels or values
        if any(is_level1(t) for t in others) or (len(others) >= 3 and points is None):
            return False
        if probe:
            return True
        if points is not None:  # 年度目标1 | text | 分值 | 得分: the goal's points, then its score
            others = others[:2]
        text = rest or " ".join(t for t in others if not is_weight_only(t)) or None
        if weight is None:
            for t in others:
                if is_weight_only(t):
                    weight = split_weight(t)[1]
        name = c[m.start("label") : m.end("label")]
        if weight is None and len(others) >= 2 and score_value(others[-1]) is not None and not rest:
            weight = score_value(others[-1])  # the goal's points in the 分值 column
            text = " ".join(t for t in others[:-1] if not is_weight_only(t)) or None
        if self.goal is not None and compact(self.goal.name) == compact(name) and not self.goal.indicators:
            self.goal.text = self.goal.text or text
            self.goal.weight = self.goal.weight if self.goal.weight is not None else weight
        else:
            self._open_goal(name, text, weight, row.source)
        self.state = "table"
        return True

    def _goal_text(self, text: str) -> None:
        label, weight, _ = split_weight(text)
        if self.goal is None or compact(label).startswith(("分", ")", "）")) or len(compact(label)) < 2:
            return
        if weight is not None and self.goal.weight is None:
            self.goal.weight = weight
        if label:
            self.goal.text = f"{self.goal.text or ''}{compact(label)}"

    def _set_levels(self, labels: list[str], columns: list[int] | None = None) -> dict[int, str]:
        """Carry 一级/二级 labels down: a 一级 label resets the 二级 one."""
        cols: dict[int, str] = {}
        seen_level1 = False
        for k, t in enumerate(labels):
            label, weight, _ = split_weight(t)
            cost_under_output = (
                len(labels) == 1
                and compact(label).startswith("成本")
                and (self.level1 or "").startswith("产出")
                and self.level2 is not None
            )
            fits_in_parent = (
                len(labels) == 1
                and self.level1_weight is not None
                and weight is not None
                and self.level2 is not None
                and self._level2_sum + weight <= self.level1_weight + 1e-9
            )
            in_level2_column = (
                columns is not None
                and len(labels) == 1
                and self.level1 is not None
                and self._l2_col is not None
                and columns[k] == self._l2_col
                and columns[k] != self._l1_col
            )
            if cost_under_output or fits_in_parent or in_level2_column:
                self.level2, self.level2_weight = compact(label), weight
                self._level2_sum += weight or 0
                role = "level2"
            elif (
                is_level1(t)
                and "level1" not in cols.values()
                and not (self.level1 and len(labels) == 1 and not is_level1_strict(t))
                and not (k > 0 and seen_level1)
            ):
                self.level1, self.level1_weight = compact(label), weight
                self.level2, self.level2_weight = None, None
                self._level2_sum = 0.0
                role = "level1"
                seen_level1 = True
            else:
                self.level2, self.level2_weight = compact(label), weight
                self._level2_sum += weight or 0
                role = "level2"
            if columns is not None:
                cols[columns[k]] = role
                if role == "level1":
                    self._l1_col = columns[k]
                else:
                    self._l2_col = columns[k]
        return cols
