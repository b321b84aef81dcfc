"""Indicator rows of a grid, read by the role every header column names (and target tables
printing two tables side by side)."""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.model import Goal, Indicator, ReadIssue, Source
from jixiao.read._align import fit_in
from jixiao.read._clean import (
    compact,
    first_number,
    rate_value,
    score_value,
    split_weight,
    strip_enumerator,
    weight_value,
)
from jixiao.read._columns import cell_value
from jixiao.read._forms._common import _Orphan, _trimmed
from jixiao.read._forms._state import _State
from jixiao.read._grid import Row
from jixiao.read._headers import Schema
from jixiao.read._levels import parents
from jixiao.read._vocab import EMPTY_MARKS, GOAL_NUMBERED, is_goal_label, label_of

PLACEHOLDER_NAME = re.compile(r"^(指标\d*[:：]?|……|…|\.{2,}|。{2,}|X+|x+)$")


_SIGN = re.compile(r"^[≥≤<>=＞＜≧≦═﹦＝]")


_ENDS_BARE = re.compile(r"[\d.*]$")  # a bare number, or a placeholder value such as **


def _compose(values: dict[str, str]) -> tuple[str | None, str | None, str | None]:
    """Target, actual and the initial target of a row whose value is split over columns:
    指标性质 ``≥`` + 指标值 ``95`` + 度量单位 ``%`` → ``≥95%`` (定性/定量 are not signs); an adjusted
    target (调整指标值) replaces the initial one, which is returned as the third item."""
    sign = values.get("comparator", "")
    sign = sign if _SIGN.match(sign) else ""
    unit = values.get("unit", "")
    unit = "" if unit in EMPTY_MARKS else unit

    def joined(v: str | None, with_sign: bool) -> str | None:
        v = cell_value(v)
        if v is None:
            return None
        if with_sign and sign and not _SIGN.match(v):
            v = sign + v
        if unit and _ENDS_BARE.search(v):
            v = v + unit
        return v

    adjusted = cell_value(values.get("adjusted_target"))
    initial = joined(values.get("target"), True)
    target = joined(adjusted, True) if adjusted else initial
    return target, joined(values.get("actual"), False), initial if adjusted else None


class _SchemaRows(_State):
    """Reads grid rows by the role every header column names."""

    def _fits_schema(self, row: Row) -> bool:
        """A TAB row whose every cell fits the role of the header column it stands in: its
        columns are true (a table copied as text), so it is read by position. Rows a PDF
        conversion shifted do not fit and are read by the value roles from the right."""
        schema = self.table.schema if self.table is not None else None
        if schema is None or len(_trimmed(row.cells)) > len(schema.roles):
            return False
        if self.halves:
            return True
        placed = 0
        fits = self.bound.fits
        for i, cell in enumerate(row.cells):
            if not cell:
                continue
            role = schema.roles[i] if i < len(schema.roles) else None
            if role is None:
                if i < len(schema.labels) and schema.labels[i]:
                    continue  # a column the vocabulary does not know: kept aside, never shifts the rest
                return False
            value = fits.get((role, cell))  # read in place: most (role, text) pairs were judged
            if (fit_in(fits, role, cell) if value is None else value) < 0:
                return False
            placed += role in ("name", "target", "actual", "score", "weight")
        labelled = any(row.cells[: schema.first_value])
        return placed >= 2 and labelled  # values with nothing left of them: a shifted row

    def _twin_halves(self, schema: Schema, source: Source | None) -> None:
        """A target table printing two tables side by side (中期 | 年度): the columns from the
        second 二级/三级 block on are the second half; each half is a goal of its own."""
        roles = schema.roles
        names = [i for i, r in enumerate(roles) if r == "name"]
        start = names[1]
        while start - 1 > names[0] and roles[start - 1] in ("level1", "level2"):
            start -= 1
        first = [r if i < start else None for i, r in enumerate(roles)]
        second = [
            r if i >= start or (r == "level1" and "level1" not in roles[start:]) else None
            for i, r in enumerate(roles)
        ]
        titles = self.half_names or ["中期目标", "年度目标"]
        texts = self.half_texts or [None, None]
        self.halves = []
        for k, half in enumerate((first, second)):
            name = titles[k] if k < len(titles) else f"目标{k + 1}"
            term = "annual" if "年度" in label_of(name) else "long_term"
            goal = Goal(name=name, text=texts[k] if k < len(texts) else None, term=term, source=source)  # type: ignore[arg-type]
            self.form.goals.append(goal)
            self.halves.append((Schema(half), {"goal": goal}))

    def _twin_row(self, row: Row, header_checked: bool = False) -> None:
        assert self.table is not None and self.table.schema is not None
        cells = [*row.cells, *[""] * (len(self.table.schema.roles) - len(row.cells))]
        if not header_checked and self.table.schema.refine(cells, self.bound):
            return
        keys = ("goal", "level1", "level1_weight", "level2", "level2_weight", "last", "share")
        for schema, state in self.halves:
            saved = {k: getattr(self, k) for k in keys}
            for k in keys:
                setattr(self, k, state.get(k))
            self._schema_row(row, schema)
            for k in keys:
                state[k] = getattr(self, k)
                setattr(self, k, saved[k])

    def _schema_row(self, row: Row, schema: Schema | None = None, header_checked: bool = False) -> None:
        """An indicator row of a grid (or a sparse row placed under its header): every cell read
        in the role its header column names. ``header_checked``: the caller has just found the
        row is no second header row (a refusing ``refine`` changes nothing, so it is not asked twice)."""
        assert self.table is not None and self.table.schema is not None
        if schema is None:
            if self.halves:
                self._twin_row(row, header_checked)
                return
            schema = self.table.schema
            cells = [*row.cells, *[""] * (len(schema.roles) - len(row.cells))]
            if not header_checked and schema.refine(cells, self.bound):
                return  # the second row of a two-row header (指标性质 | 指标值 | 度量单位)
            # a refusing refine leaves the roles as they were: the cells stay padded to them
        else:
            cells = [*row.cells, *[""] * (len(schema.roles) - len(row.cells))]
        name: str | None = None
        printed_level1 = False
        level2_cell: str | None = None  # the 二级 label printed in this row, if any
        placing, valued = _column_plan(tuple(schema.roles))
        for i, role in placing:
            t = cells[i]
            if not t:
                continue
            if role == "goal":
                if is_goal_label(t) or GOAL_NUMBERED.match(label_of(t)):
                    self._goal_label(t, row.source)
            elif role == "level1":
                label, weight, _ = split_weight(t)
                new = compact(label)
                keep = self.level2 if new.startswith(parents(self.level2) or ("-",)) else None
                if keep is not None and not (self.level1 or "").startswith(parents(keep)):
                    # a merged 一级 cell printed in the middle of its span: the 二级 group above
                    # belongs to it, and this row continues that group
                    level2_weight = self.level2_weight
                else:
                    keep, level2_weight = None, None
                self.level1, self.level1_weight = new, weight
                self.level2, self.level2_weight = keep, level2_weight
                self.share = None
                printed_level1 = True
            elif role == "level2":
                label, weight, _ = split_weight(t)
                self.level2, self.level2_weight = compact(label), weight
                level2_cell = t if "name" in schema.roles[i + 1 :] else None
            elif name is None:
                name = t
        values: dict[str, str] = {}
        for i, role in valued:
            if cells[i]:
                values.setdefault(role, cells[i])
        if values.get("share") and rate_value(values["share"]) is not None:
            self.share = rate_value(values["share"])
        if name is None and row.exact and level2_cell is not None and _scored(values):
            # a 二级 cell merged across the empty 三级 column (服务对象满意度 | ≥90% | …): the
            # row's own label names the indicator, as the merge prints it, not a row to drop
            name = split_weight(level2_cell)[0]
        if name is None:
            if any(values.get(r) for r in ("target", "actual", "score")):
                issue = ReadIssue(message="指标行没有指标名称，已跳过", source=row.source)
                self.issues.append(issue)
                if self.goal is not None and self.goal.indicators:
                    target, actual, _ = _compose(values)
                    vals: dict[str, str | None] = {**values, "target": target, "actual": actual}
                    position = len(self.goal.indicators)
                    orphan = _Orphan(self.goal, position, vals, row.source, issue, self.is_target)
                    self.orphans.append(orphan)
            return
        label, weight, _ = split_weight(name)
        c = compact(label)
        if not c or c in EMPTY_MARKS or PLACEHOLDER_NAME.match(c):
            self._placeholder(row)
            return
        extra = self.form.extra
        label, starred = strip_enumerator(label)
        target, actual, initial = _compose(values)
        if (
            c.startswith("其中")
            and self.last is not None
            and not values.get("score")
            and not values.get("weight")
        ):
            extra.setdefault("sub_rows", []).append(
                {"parent": self.last.name, "name": label, "target": target, "actual": actual}
            )
            return
        if self.goal is None:
            levels = (self.level1, self.level1_weight, self.level2, self.level2_weight)
            self._open_goal(self.pending_goal or "绩效指标", None, None, row.source)
            self.level1, self.level1_weight, self.level2, self.level2_weight = levels
        assert self.goal is not None
        is_target = self.is_target
        ind = Indicator.of_values(
            level1=self.level1,
            level2=self.level2,
            name=label,
            weight=weight_value(values.get("weight"))
            if weight_value(values.get("weight")) is not None
            else weight,
            target=target,
            actual=None if is_target else actual,
            score=None if is_target else score_value(values.get("score")),
            basis=cell_value(values.get("basis")) if is_target else None,
            level1_weight=self.level1_weight,
            level2_weight=self.level2_weight,
            source=row.source,
        )
        if is_target and actual:
            ind.extra["actual"] = actual
        if ind.score is not None:
            ind.extra["printed_score"] = compact(values["score"])
        for i, role in enumerate(schema.roles):
            if role is None and cells[i] and i < len(schema.labels) and schema.labels[i]:
                ind.extra.setdefault("columns", {})[schema.labels[i]] = cells[i]
        for role in ("prev2", "prev1", "note", "audit_score"):
            if values.get(role):
                ind.extra[role] = values[role]
        if starred or compact(values.get("core", "")) in ("是", "★", "√"):
            extra.setdefault("core_indicators", []).append(label)
        if initial:
            extra.setdefault("initial_targets", {})[label] = initial
        if values.get("deviation") and not is_target:
            dev_col = schema.position("deviation")
            if dev_col in row.merged_down and not self.goal.indicators and self.form.deviation_reason is None:
                self.form.deviation_reason = values["deviation"]  # one merged cell beside all rows
            else:
                extra.setdefault("deviation_by_indicator", {})[label] = values["deviation"]
                ind.extra["deviation"] = values["deviation"]
        if values.get("value_note"):
            extra.setdefault("value_notes", {})[label] = values["value_note"]
        coefficient = first_number(values.get("coefficient"))
        if coefficient is not None:
            extra.setdefault("score_coefficients", {})[label] = round(coefficient / 100, 6)
        converted = score_value(values.get("converted_score"))
        if converted is not None:
            extra.setdefault("converted_scores", {})[label] = converted
        if self.share is not None and self.level1:
            extra.setdefault("share_by_level1", {})[self.level1] = self.share
        self.goal.indicators.append(ind)
        if printed_level1:
            self.printed_level1.add(id(ind))
        self.last = ind
        self.last_cols = {}


def _scored(values: dict[str, str]) -> bool:
    """A row holding an indicator's own figures: a target and a weight, score or basis."""
    return bool(values.get("target")) and any(values.get(r) for r in ("weight", "score", "basis"))


_PLACING = ("goal", "level1", "level2", "name")


@lru_cache(maxsize=4096)
def _column_plan(
    roles: tuple[str | None, ...],
) -> tuple[tuple[tuple[int, str], ...], tuple[tuple[int, str], ...]]:
    """A header's columns as (position, role), once per distinct header rather than per row:
    the columns that place a row (goal, 一级, 二级, name), then those holding its values."""
    placing = tuple((i, r) for i, r in enumerate(roles) if r in _PLACING)
    valued = tuple((i, r) for i, r in enumerate(roles) if r and r not in _PLACING)
    return placing, valued
