"""The indicator table read right to left: its header's value roles, then each row's
labels and name, and cells wrapped onto the next line."""

from __future__ import annotations

import itertools
import re

from jixiao.model import Indicator, ReadIssue
from jixiao.read._clean import (
    compact,
    is_weight_only,
    score_value,
    split_weight,
    strip_enumerator,
    weight_value,
)
from jixiao.read._columns import cell_value, columns_of, join_wrapped, split_values
from jixiao.read._forms._common import _Orphan, _Table
from jixiao.read._forms._facts import Lead
from jixiao.read._forms._state import _State
from jixiao.read._grid import Row
from jixiao.read._headers import indicator_schema, level_ranks, simplified
from jixiao.read._vocab import (
    EMPTY_MARKS,
    GOAL_NUMBERED,
    HEADER_WORD,
    NAME_HEADER,
    VALUE_NAME,
    is_goal_label,
    is_level1,
    label_of,
    looks_level,
    role_of,
    value_like,
)

_OPEN_POINTS = re.compile(r"[（(]\s*\d+(?:\.\d*)?\s*分?$")  # a name's points bracket left open


class _IndicatorRows(_State):
    """Reads an indicator table right to left by the value roles its header names."""

    def _indicator_header(self, row: Row) -> None:
        if self.state == "tail":
            return
        self.state = "table"
        self.field_target = None
        cells = row.cells
        roles: list[str] = []
        positions: list[int] = []
        seen_name = False
        goal_label: str | None = None
        for i, cell in enumerate(cells):
            if not cell:
                continue
            label, _, _ = split_weight(cell)
            c = compact(simplified(label))
            if c.startswith(("一级指", "二级指")) or NAME_HEADER.match(c):
                seen_name = seen_name or bool(NAME_HEADER.match(c)) or c.startswith("二级指")
                continue
            role = role_of(c)
            if role and seen_name:
                if role == "history":
                    continue
                roles.append(role)
                positions.append(i)
            elif (
                role != "aside"
                and (i == 0 or (not roles and not seen_name and goal_label is None and not role))
                and c
                not in (
                    "目标名称",
                    "名称",
                    "目标",
                )
            ):
                goal_label = cell
        if not roles:
            roles = ["target", "basis"] if self.is_target else ["target", "actual", "score"]
        if "target" not in roles and roles and roles[0] in ("actual",):
            roles.insert(0, "target")
        if not self.is_target and "score" not in roles:
            roles.append("score")  # a self-evaluation always scores; the header cell was cut off
        gaps = [b - a for a, b in itertools.pairwise(positions)]
        step = gaps[0] if len(gaps) >= 2 and gaps[0] > 1 and len(set(gaps)) == 1 else 1
        previous = self.table
        self._keep_headers(row.texts)
        schema = indicator_schema(cells, self.bound)
        self.table = _Table(roles=roles, goal_column=goal_label is not None, step=min(step, 3), schema=schema)
        self.halves = []
        repeated = previous is not None and previous.schema is not None and self.table.schema is not None
        if repeated and previous.schema.labels == self.table.schema.labels and self.goal is not None:  # type: ignore[union-attr]
            return  # the header printed again at the top of a new page: the labels carry on
        if self.is_target and self.table.schema is not None and self.table.schema.roles.count("name") == 2:
            self._twin_halves(self.table.schema, row.source)
            return
        self.level1 = self.level2 = None
        self.level1_weight = self.level2_weight = None
        self._l1_col = self._l2_col = None
        if goal_label is not None:
            self._goal_label(goal_label, row.source)

    def _refine_header(self, row: Row) -> None:
        """A second header line such as 近两年指标值/预期当年实现值 or 前年/上年."""
        if self.table is None:
            return
        extra = [role_of(compact(t)) for t in row.texts]
        prev = [r for r in extra if r in ("prev2", "prev1")]
        if prev and "target" in self.table.roles and "prev2" not in self.table.roles:
            i = self.table.roles.index("target")
            self.table.roles[i:i] = prev

    def _indicator_row(self, row: Row, lead: Lead | None = None) -> None:
        """An indicator row; ``lead``: the record of its first text cell, if known."""
        texts = row.texts
        if self.table is None:
            self.table = _Table(
                roles=["target", "basis"] if self.is_target else ["target", "actual", "score"]
            )
        if (lead is None or lead.goal) and self._goal_row(row):
            return
        if self.table.schema is not None and not row.sparse:
            padded = [*row.cells, *[""] * (len(self.table.schema.roles) - len(row.cells))]
            if self.table.schema.refine(padded, self.bound):
                self._keep_headers(row.texts)
                self._refine_header(row)  # the value roles read from the right learn 前年/上年 too
                return  # the second row of a two-row header
        if self._name_tail(row):
            return
        if row.exact and row.after_gap and self.last is not None and self._split_rest(row):
            return  # a grid row split by the page break: the rest of its wrapped cells
        if self.table.schema is not None and (row.exact or self._fits_schema(row)):
            self._schema_row(row, header_checked=not row.sparse)
            return
        if all(HEADER_WORD.match(compact(t)) for t in texts):
            self._refine_header(row)
            return
        if row.after_gap and self.last is not None and self._continuation(row):
            return
        core = [t for t in texts if not is_weight_only(t) and not is_goal_label(t)]
        if core and (compact(core[-1]) in EMPTY_MARKS or all(looks_level(t) for t in core)):
            # a placeholder row (指标名称 "无") or a row of 一级/二级 labels only
            for t in texts:
                if GOAL_NUMBERED.match(label_of(t)):
                    self._goal_label(t, row.source)
            levels = core[:-1] if compact(core[-1]) in EMPTY_MARKS else core
            self._set_levels(levels, columns_of(row.cells, levels))
            return
        values, left = split_values(row.cells, self.table.roles, self.table.step)
        left_texts = [(i, t) for i, t in enumerate(left) if t]
        if (
            len(left_texts) >= 2
            and re.search(r"指标\d*$", compact(split_weight(left_texts[-1][1])[0]))
            and not looks_level(texts[-1])
            and values.get(self.table.roles[-1])
        ):
            # the name column came out as a 二级 label: the last column (依据/得分) is blank
            values, left = split_values(row.cells, self.table.roles[:-1], self.table.step)
            values[self.table.roles[-1]] = None
            left_texts = [(i, t) for i, t in enumerate(left) if t]
        # goal labels and goal text running down the first column
        parts: list[tuple[int, str]] = []
        for i, t in left_texts:
            if is_weight_only(t):
                continue
            if is_goal_label(t):
                self._goal_label(t, row.source)
                continue
            parts.append((i, t))
        if (
            parts
            and len(parts) >= 2
            and self.table.goal_column
            and parts[0][0] == 0
            and not is_level1(parts[0][1])
        ):
            n_levels = sum(1 for _, t in parts[1:-1])
            if (
                len(parts) >= 4
                or (len(parts) == 3 and n_levels == 1 and is_level1(parts[1][1]))
                or (len(parts) == 3 and not looks_level(parts[0][1]))
            ):
                self._goal_text(parts[0][1])
                parts = parts[1:]
        has_values = any(values.get(r) for r in ("target", "actual", "score", "weight"))
        if not parts:
            if has_values and self.goal is not None and self.goal.indicators:
                issue = ReadIssue(message="指标行没有指标名称，已跳过", source=row.source)
                self.issues.append(issue)
                self.orphans.append(
                    _Orphan(self.goal, len(self.goal.indicators), values, row.source, issue, self.is_target)
                )
            elif has_values:
                self.issues.append(ReadIssue(message="指标行没有指标名称，已跳过", source=row.source))
            return
        if (
            len(parts) >= 2
            and not values.get("target")
            and (VALUE_NAME.match(compact(parts[-1][1])) or value_like(parts[-1][1]))
            and not looks_level(parts[-2][1])
            and not GOAL_NUMBERED.match(compact(parts[-2][1]))
        ):
            # the target slid into the name column: "年度工作总结 | =1份 | | 计划标准"
            values["target"] = parts[-1][1]
            parts = parts[:-1]
        name_col, name_text = parts[-1]
        level_parts = parts[:-1]
        if not has_values and all(looks_level(t) for _, t in parts):
            level_parts, name_text = parts, ""
        cols = self._set_levels([t for _, t in level_parts], [i for i, _ in level_parts])
        if not name_text:
            return
        label, weight, _ = split_weight(name_text)
        c = compact(label)
        if not c or c in EMPTY_MARKS:
            return  # a placeholder row naming no indicator
        if self.goal is None:
            self._open_goal("年度绩效指标", None, None, row.source)
        assert self.goal is not None
        ind = Indicator.of_values(
            level1=self.level1,
            level2=self.level2,
            name=strip_enumerator(label)[0],
            weight=weight,
            target=cell_value(values.get("target")),
            actual=None if self.is_target else cell_value(values.get("actual")),
            score=None if self.is_target else score_value(values.get("score")),
            basis=cell_value(values.get("basis")) if self.is_target else None,
            level1_weight=self.level1_weight,
            level2_weight=self.level2_weight,
            source=row.source,
        )
        if values.get("weight") and weight_value(values["weight"]) is not None:
            ind.weight = weight_value(values["weight"])
        if ind.score is not None:
            ind.extra["printed_score"] = compact(values["score"] or "")
        for key in ("prev2", "prev1", "deviation", "note"):
            if values.get(key):
                ind.extra[key] = values[key]
        if self.is_target and values.get("actual"):
            ind.extra["actual"] = values["actual"]
        self.goal.indicators.append(ind)
        if "level1" in cols.values():
            self.printed_level1.add(id(ind))
        self.last = ind
        cols[name_col] = "name"
        self.last_cols = cols

    def _split_rest(self, row: Row) -> bool:
        """The rest of the row above cut by the page break: each cell in the name column (便利程度)
        or in a level column whose label above is no label yet and becomes a known one (服务对象满意
        | 度指标). A cell in any other column is no such rest: the row is read as it stands."""
        last = self.last
        assert last is not None
        roles = self.table.schema.roles if self.table.schema is not None else []
        joined: dict[str, str] = {}
        for i, cell in enumerate(row.cells):
            if not cell:
                continue
            role = roles[i] if i < len(roles) else None
            if role not in ("level1", "level2", "name") or role in joined:
                return False
            before = getattr(last, role)
            if not before:
                return False
            text = join_wrapped(before, split_weight(cell)[0] if role == "name" else cell)
            if role != "name" and (level_ranks(before) or not level_ranks(text)):
                return False
            joined[role] = text
        for role, text in joined.items():
            setattr(last, role, text)
            if role != "name":
                setattr(self, role, text)
        return bool(joined)

    def _continuation(self, row: Row) -> bool:
        """Cells wrapped onto the next page: fragments appended to the row above."""
        texts = row.texts
        if len(texts) > 3 or any(value_like(t) or compact(t) in EMPTY_MARKS or is_level1(t) for t in texts):
            return False
        if all(looks_level(t) for t in texts) and not any(len(compact(t)) <= 2 for t in texts):
            return False
        last = self.last
        assert last is not None
        for i, cell in enumerate(row.cells):
            if not cell:
                continue
            role = self.last_cols.get(i)
            if role is None:
                # nearest column to the left that the row above used
                left = [c for c in self.last_cols if c <= i]
                role = self.last_cols[max(left)] if left else "name"
            complete = re.compile(r"指标\d*$")
            if role in ("level1", "level2") and complete.search(compact(getattr(last, role) or "")):
                role = "name"  # a finished label does not run on; the long name does
            if role == "level1" and last.level1:
                last.level1 = join_wrapped(last.level1, cell)
                self.level1 = last.level1
            elif role == "level2" and last.level2:
                last.level2 = join_wrapped(last.level2, cell)
                self.level2 = last.level2
            else:
                last.name = join_wrapped(last.name, split_weight(cell)[0])
        return True

    def _name_tail(self, row: Row) -> bool:
        """The rest of a long name wrapped onto a line of its own, carrying the points the name
        above lacks: ``依申请公开答 | ≥100% | 100% | 4`` then ``复及时率(4分)`` alone, on the next
        line or at the top of the next page; in a table without points, a lone cell exactly
        under the name above, with no values."""
        last = self.last
        goal = self.goal
        if last is None or goal is None or not goal.indicators or goal.indicators[-1] is not last:
            return False
        if last.weight is not None or not (last.target or last.actual):
            return False
        # the block's vertical label (年度绩效指标) printed again in column 0 of a new page
        texts = [t for t in row.texts if not (is_goal_label(t) and not GOAL_NUMBERED.match(label_of(t)))]
        if len(texts) != 1:
            return False
        if _OPEN_POINTS.search(last.name) and len(compact(texts[0])) <= 4:
            # the points themselves cut (``湖泊水质达标率（3.5`` | then ``分）`` on the next page)
            name, weight, _ = split_weight(last.name + compact(texts[0]))
            if weight is not None and name:
                last.name, last.weight = name, weight
                return True
        label, weight, _ = split_weight(texts[0])
        c = compact(label)
        if not c or c in EMPTY_MARKS or looks_level(label) or is_goal_label(texts[0]):
            return False
        if weight is None:
            # without points: only in a table that prints no points beside its names, and only
            # a fragment standing exactly under the name above
            col = next(i for i, t in enumerate(row.cells) if t == texts[0])
            schema = self.table.schema if self.table is not None else None
            by_header = schema is not None and col < len(schema.roles) and schema.roles[col] == "name"
            if not (self.last_cols.get(col) == "name" or by_header) or len(row.texts) != 1:
                return False
            if any(i.weight is not None for i in goal.indicators):
                return False
        if value_like(label) or GOAL_NUMBERED.match(c):
            return False
        last.name = join_wrapped(last.name, label)
        if weight is not None:
            last.weight = weight
        return True
