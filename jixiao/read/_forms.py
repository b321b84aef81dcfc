"""The structural form builder: rows of cells in, forms and narrative reports out.

Every reader (text dump, XLSX, DOCX, PDF) produces ``Row``s and calls ``build_forms``.
The rules are structural, never keyed to a unit or title:

- a form starts at a title line ending in 自评表/目标表; its kind comes from the title and
  from the header cells the form prints (项目名称 → project, 部门整体支出总额 → department);
- a title printed again with no new form header is a page header: the form goes on;
- block headers are found by their header cells (预算数/执行数, 年初设定目标, 一级指标 …);
- indicator rows are read right to left by the value columns the table header names, and the
  cells left of them by role: goal label, 一级指标 (a closed national vocabulary), 二级指标,
  then the indicator's name (always the last text cell);
- weights printed in labels ("(7分)") become weights; merged 一级/二级 cells carry down.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from jixiao.model import (
    Budget,
    Document,
    Form,
    FormKind,
    Goal,
    Indicator,
    OverallGoal,
    ReadIssue,
    Source,
)
from jixiao.read._align import align, fit
from jixiao.read._clean import (
    amount,
    compact,
    first_number,
    is_score_like,
    is_weight_only,
    iso_date,
    rate_value,
    score_value,
    split_weight,
    year_in,
)
from jixiao.read._columns import cell_value, columns_of, join_wrapped, split_values
from jixiao.read._grid import Row
from jixiao.read._headers import (
    Schema,
    budget_schema,
    field_of,
    indicator_schema,
    is_budget_total,
    level_ranks,
    overall_role,
    simplified,
    text_field_of,
)
from jixiao.read._levels import backfill_level1, parents, regroup
from jixiao.read._report import attach_reports, read_report
from jixiao.read._segment import SUBTABLE_TITLE, form_title_kind, refine_kind, segments
from jixiao.read._vocab import (
    DOTS,
    EMPTY_MARKS,
    FIELD_DEVIATION,
    GOAL_GENERIC,
    GOAL_NUMBERED,
    HEADER_WORD,
    NAME_HEADER,
    NOTES,
    TOTAL,
    VALUE_NAME,
    head_key,
    head_line,
    is_goal_label,
    is_head_key,
    is_indicator_header,
    is_level1,
    is_level1_strict,
    label_of,
    looks_level,
    role_of,
    value_like,
)

__all__ = ["build_forms", "form_title_kind"]


@dataclass
class _Orphan:
    """A row with values but no name: its name may have wrapped into the name cell above."""

    goal: Goal
    position: int
    values: dict[str, str | None]
    source: Source | None
    issue: ReadIssue
    is_target: bool


@dataclass
class _Table:
    """What the current indicator table's header says about its columns."""

    roles: list[str]
    goal_column: bool = False
    step: int = 1  # 2 when the dump spreads every column over two cells
    schema: Schema | None = None  # every column's role, by position, from the header vocabulary


@dataclass
class _Builder:
    """Reads one form's rows; keeps what it could not place as read issues."""

    kind: FormKind
    title: str
    rows: list[Row]
    path: str
    issues: list[ReadIssue] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.form = Form(kind=self.kind, title=self.title, source=self.rows[0].source if self.rows else None)
        self.state = "head"
        self.table: _Table | None = None
        self.goal: Goal | None = None
        self.goal_descriptions: dict[str, str] = {}
        self._last_description: str | None = None
        self.term: str | None = None
        self.level1: str | None = None
        self.level2: str | None = None
        self.level1_weight: float | None = None
        self.level2_weight: float | None = None
        self._level2_sum = 0.0  # weights of the 二级 labels seen under the current 一级 label
        self._l1_col: int | None = None  # the columns 一级 and 二级 labels were last printed in
        self._l2_col: int | None = None
        self.last: Indicator | None = None
        self.last_cols: dict[int, str] = {}
        self.field_target: str | None = None  # "deviation_reason" / "improvement" / "notes"
        self._label_tail = ""  # the rest of a field label wrapped onto the next line
        self.placeholder_goals: list[str] = []  # goals whose weight prints as "(XX 分)"
        self.printed_level1: set[int] = set()  # indicators whose own row prints a 一级 label
        self.orphans: list[_Orphan] = []  # value rows whose name cell was fused into the row above
        self.budget_roles: list[str] = []
        self.budget_schema: Schema | None = None
        self._budget_label = ""
        self.money_scale = 1.0
        self.pending_goal: str | None = None  # a section label printed above a list (绩效指标)
        self.pending_text: str | None = None  # its description, printed before the table
        self.half_names: list[str] | None = None  # 总体目标 | 中期目标 | 年度目标: two tables side by side
        self.half_texts: list[str] | None = None
        self._await_half_texts = False
        self.halves: list[tuple[Schema, dict[str, object]]] = []
        self.share: float | None = None  # 权重占比 printed once per 一级 block
        self.header_total: float | None = None
        self.fields: dict[str, str] = {}
        self.other_rows: list[list[str]] = []
        self.notes: list[str] = []

    # ------------------------------------------------------------ entry

    def build(self) -> Form:
        for row in self.rows:
            try:
                if row.table:
                    self._table_row(row)
                else:
                    self._text_row(row)
            except Exception as exc:  # a garbled row must not lose the form
                self.issues.append(
                    ReadIssue(message=f"无法解析此行（{type(exc).__name__}），已跳过", source=row.source)
                )
        return self._finish()

    def _finish(self) -> Form:
        f = self.form
        if f.total_score is None:
            f.total_score = self.header_total
        f.year = year_in(f.title) or _int(self.fields.get("起始年度")) or _int(self.fields.get("年度"))
        for g in f.goals:
            if g.text is None:
                g.text = self.goal_descriptions.get(compact(g.name))
            if g.term is None:
                g.term = (
                    "long_term" if g.name.startswith("长期") else ("annual" if "年度" in g.name else None)
                )
        for g in f.goals:
            backfill_level1(g)
        regroup(f.goals, self.printed_level1)
        if f.kind.is_target:
            f.budget = None
        if self.fields:
            f.extra["fields"] = self.fields
        if self.other_rows:
            f.extra["rows"] = self.other_rows
        if self.notes:
            f.extra["notes"] = "\n".join(self.notes)
        if self.placeholder_goals:
            f.extra["placeholder_weights"] = list(dict.fromkeys(self.placeholder_goals))
        recovered = _recover_lost_score(f) + _recover_lost_basis(f)
        if recovered:
            f.extra["recovered"] = recovered
        return f

    # ------------------------------------------------------------ text lines

    def _text_row(self, row: Row) -> None:
        text = row.cells[0]
        c = compact(text)
        if len(c) <= 8 and GOAL_GENERIC.match(label_of(text)) and self.state != "tail":
            self.pending_goal = label_of(text)  # a section label above a list that has no goal column
        if SUBTABLE_TITLE.match(c):
            self._subtable(c)
            return
        if re.fullmatch(r"附件[0-9一二三四五六七八九十]*[:：]?", c):
            return  # the next attachment's label, printed above its title
        if NOTES.match(c):
            self.field_target = "notes"
            rest = NOTES.sub("", text.strip()).strip()
            if rest:
                self.notes.append(rest)
            return
        if self.field_target == "notes":
            self.notes.append(text)
            return
        if c in ("项目绩效总目标", "绩效总目标", "项目绩效目标") and self.kind == FormKind.PROJECT_TARGET:
            self.state = "goal_descriptions"
            return
        if self.state == "goal_descriptions" and c in ("项目支出明细测算", "项目采购"):
            self.state = "head"
            return
        if self.state == "goal_descriptions" and self._goal_description(row):
            return
        if head_line().search(simplified(text)):
            self._head_line(text)
            return
        if self.state != "tail" and self._goal_row(row, probe=True):
            self._goal_row(row)
            return
        if c.startswith(("单位：", "单位:", "金额单位")) and len(c) < 12:
            if re.search(r"[:：]\s*元$", c):
                self._set_money_unit("元")
            return
        m = re.match(r"^[(（]?(\d{4})年度?[)）]?$", c)
        if m and self.state == "head":
            self.fields.setdefault("年度", m.group(1))
            return
        if self._label_tail:
            tail, self._label_tail = self._label_tail, ""
            if c.startswith(tail):  # the second line of a label wrapped in its cell
                if c == tail:
                    return
                text = _drop_chars(text, len(tail))
                c = compact(text)
        label = self._field_label(c)
        if label:
            self.field_target = label
            full = next((f for f in _FIELD_LABELS if f.startswith(c) and f != c), None)
            if full is not None:
                self._label_tail = full[len(c) :]
                return
            rest = _strip_label(text)
            if rest:
                self._append_field(label, rest)
            return
        if self.field_target in ("deviation_reason", "improvement"):
            self._append_field(self.field_target, text)

    def _subtable(self, title: str) -> None:
        """长期绩效目标表 / 年度绩效目标表 inside a project target form: goals of that term follow."""
        self.term = "long_term" if title.startswith("长期") else "annual"
        self.state = "table"
        self.field_target = None

    def _field_label(self, c: str) -> str | None:
        if len(c) > 40:
            return None
        role = text_field_of(c)
        if role is not None:
            return role
        if FIELD_DEVIATION.match(c) and "原因" in c:
            return "deviation_reason"
        if c.startswith("改进措施及") or c.startswith("结果应用方案") or c == "改进措施":
            return "improvement"
        return None

    def _append_field(self, name: str, text: str) -> None:
        if name == "notes":
            self.notes.append(text)
            return
        if name == "conclusion":
            old = self.form.extra.get("conclusion")
            self.form.extra["conclusion"] = f"{old}\n{text}" if old else text
            return
        current = getattr(self.form, name)
        setattr(self.form, name, text if not current else f"{current}\n{text}")

    def _head_line(self, text: str) -> None:
        matches = list(head_line().finditer(simplified(text)))  # same length: positions hold
        for i, m in enumerate(matches):
            end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
            value = text[m.end() : end].strip(" ：:")
            self._set_head(compact(m.group("key")), value, from_line=True)

    def _set_head(self, key: str, value: str, from_line: bool = False) -> None:
        value = value.strip()
        f = self.form
        if not value or compact(value) in EMPTY_MARKS:
            return
        role = field_of(key)
        if role in ("project_code", "project_attribute", "project_period"):
            f.extra.setdefault(role, value)
            self.fields.setdefault(key, value)
            return
        if role == "unit":
            if f.unit is None:
                f.unit = value
            elif compact(value) != compact(f.unit):
                self.fields.setdefault("单位全称", value)
        elif role == "filled_on":
            f.filled_on = f.filled_on or iso_date(value)
        elif role == "total":
            self.header_total = score_value(value) if self.header_total is None else self.header_total
        elif role == "project":
            if f.kind.is_department:
                self.fields.setdefault(key, value)
            else:
                f.project = f.project or value
        elif role == "supervisor":
            f.supervisor = f.supervisor or value
        elif role == "implementer":
            f.implementer = f.implementer or value
        else:
            self.fields.setdefault(key, value)

    # ------------------------------------------------------------ table rows

    def _table_row(self, row: Row) -> None:
        if self._await_half_texts:
            self._await_half_texts = False
            if len(row.texts) == 2:
                self.half_texts = list(row.texts)
        if row.sparse:
            row = self._placed(row)
        texts = [t for t in row.texts if not DOTS.match(t)]
        if not texts:
            if row.exact and self.state == "table" and any(row.cells):
                self._placeholder(row)
            return
        first = compact(texts[0])
        if len(texts) == 1 and SUBTABLE_TITLE.match(first):  # 长期/年度绩效目标表 in a table cell
            self._subtable(first)
            return
        # 备注 and the two narrative fields close the indicator table
        if NOTES.match(first) and len(texts) <= 2:
            self.field_target = "notes"
            rest = NOTES.sub("", texts[0]).strip()
            for t in [rest, *texts[1:]]:
                if t:
                    self.notes.append(t)
            return
        label = self._field_label(first)
        if label and self.state != "head":
            self.state = "tail"
            self.field_target = label
            value = "\n".join(texts[1:]) or _strip_label(texts[0])
            if value:
                self._append_field(label, value)
            return
        grade = texts[-1] if compact(texts[-1]) in _GRADES and len(texts) > 2 else None
        if (
            TOTAL.match(compact(simplified(texts[0])))
            and len(texts) <= (4 if grade else 3)
            and self.state != "head"
        ):
            if grade:
                texts = texts[:-1]
                self.form.extra["grade"] = grade
            printed = next((t for t in reversed(texts) if score_value(t) is not None), None)
            value = score_value(printed)
            if value is None:
                printed = TOTAL.sub("", texts[0])
                value = score_value(printed)
            self.form.total_score = value
            if value is not None and printed and _TRAILING_ZERO.search(compact(printed)):
                self.form.extra.setdefault("printed", {})["total_score"] = compact(printed)
            self.state = "tail"
            return
        if self.state == "tail" and not row.cells[0] and self.field_target and len(texts) == 1:
            self._append_field(self.field_target, texts[0])  # a merged field cell running on
            return
        if self._budget_header(row):
            return
        if self._overall_header(row):
            return
        if overall_role(texts[0]) and len(texts) in (2, 4) and self._overall_pairs(row):
            return
        if is_indicator_header(row) or (self.state != "tail" and indicator_schema(row.cells) is not None):
            self._indicator_header(row)
            return
        if self.state in ("budget", "overall", "head") and self._goal_row(row, probe=True):
            self._goal_row(row)
            return
        if self.state == "budget" and self._budget_data(row):
            return
        if (
            len(texts) == 1
            and len(first) <= 8
            and GOAL_GENERIC.match(label_of(texts[0]))
            and self.state != "tail"
        ):
            self.pending_goal = label_of(texts[0])  # 绩效指标 above a table without a goal column
            return
        if self.state == "overall":
            self._overall_data(row)
            return
        if self.state == "goal_descriptions" and self._goal_description(row):
            return
        if self.state in ("table", "tail") or (self.state == "head" and self._goal_row(row, probe=True)):
            self.state = "table" if self.state != "tail" else "tail"
            if self.state == "table":
                self._indicator_row(row)
                return
        if self.state == "head":
            self._head_row(row)

    def _keep_headers(self, labels: list[str]) -> None:
        """The column labels as printed (``extra["headers"]``): the review recognises a template
        family by them."""
        kept: list[str] = self.form.extra.setdefault("headers", [])
        for label in labels:
            if label and label not in kept:
                kept.append(label)

    def _set_money_unit(self, unit: str) -> None:
        """Amounts printed in 元 are converted to the contract's 万元; the printed unit is noted."""
        self.money_scale = 1 / 10000 if unit == "元" else 1.0
        self.form.extra["money_unit"] = unit

    def _placed(self, row: Row) -> Row:
        """A sparse row (pipe or space layout) with its cells under the header's columns."""
        first = compact(row.texts[0]) if row.texts else ""
        if (
            not first
            or TOTAL.match(first)
            or NOTES.match(first)
            or self._field_label(first)
            or head_key(row.texts[0])
            or overall_role(row.texts[0])
            or self._goal_row(row, probe=True)
            or indicator_schema(row.cells) is not None
            or budget_schema(row.cells) is not None
        ):
            return row
        if self.state == "table" and self.table is not None and self.table.schema is not None:
            if self.table.schema.expand(row.cells):
                return Row(cells=[], source=row.source)  # a sub-header under a group label: consumed
            roles = self.table.schema.roles
        elif self.state == "budget" and self.budget_schema is not None:
            lead = next((i for i, r in enumerate(self.budget_schema.roles) if r), 0)
            roles = [
                "rowlabel" if i == max(lead - 1, 0) else r for i, r in enumerate(self.budget_schema.roles)
            ]
            roles = [("b_" + r if r and r != "rowlabel" else r) for r in roles]
        else:
            return row
        if len(row.cells) > len(roles):
            return row
        open_level1 = self.level1 or next(
            (st.get("level1") for _, st in self.halves if st.get("level1")), None
        )
        if self.state == "table" and open_level1 is not None and "level1" in roles:
            # 成本指标 / 满意度指标 name a 一级 or a 二级 dimension; under an open 一级 label, and not
            # followed by a 二级 label, it is the 二级 one
            ranks = level_ranks(row.texts[0])
            nxt = level_ranks(row.texts[1]) if len(row.texts) > 1 else set()
            if ranks == {0, 1} and 1 not in nxt and label_of(row.texts[0]) != open_level1:
                roles = [None if r == "level1" else r for r in roles]
        cells = align(row.cells, roles)
        return Row(cells=cells, source=row.source, table=True, after_gap=row.after_gap, exact=True)

    def _placeholder(self, row: Row) -> None:
        """A template row naming no indicator (……, 指标1：, XX分): reported, never read."""
        f = self.form
        f.extra.setdefault("placeholders", []).append(" ".join(c for c in row.cells if c) or "（空行）")

    def _overall_pairs(self, row: Row) -> bool:
        """年度总体目标 | … | 年度目标完成情况 | …: the overall goal as label/value pairs."""
        texts = row.texts
        pairs = list(zip(texts[0::2], texts[1::2], strict=False))
        roles = [overall_role(k) for k, _ in pairs]
        if not all(roles) or overall_role(texts[1]):
            return False
        og = self.form.overall_goal or OverallGoal(source=row.source)
        for role, (_, value) in zip(roles, pairs, strict=True):
            setattr(og, role, value)
        self.form.overall_goal = og
        return True

    def _head_row(self, row: Row) -> None:
        texts = row.texts
        c = compact(texts[0])
        if c in ("项目绩效总目标", "绩效总目标") or (
            c.endswith("总目标") and len(texts) <= 2 and "部门" not in c
        ):
            self.state = "goal_descriptions"
            return
        i = 0
        consumed = False
        cells = row.texts
        for cell in cells:
            if head_line().match(simplified(cell)):
                self._head_line(cell)  # "填报单位：XX" printed inside a cell
                consumed = True
        if consumed:
            return
        while i < len(cells):
            key = head_key(cells[i])
            if key is not None:
                value = ""
                if i + 1 < len(cells) and not is_head_key(cells[i + 1]):
                    value = cells[i + 1]
                    i += 1
                self._set_head(key, value)
                consumed = True
            i += 1
        if consumed:
            return
        if len(texts) == 2 and len(compact(texts[0])) <= 16 and not any(ch.isdigit() for ch in texts[0]):
            self.fields.setdefault(compact(texts[0]), texts[1])
            return
        if (
            len(texts) == 4
            and all(len(compact(t)) <= 16 for t in texts[0::2])
            and not any(ch.isdigit() for t in texts[0::2] for ch in t)
        ):
            self.fields.setdefault(compact(texts[0]), texts[1])
            self.fields.setdefault(compact(texts[2]), texts[3])
            return
        self.other_rows.append(texts)

    # ------------------------------------------------------------ budget block

    def _budget_header(self, row: Row) -> bool:
        c = compact(row.text)
        schema = budget_schema(row.cells)
        if not (
            any(k in c for k in ("预算执行情况", "项目执行情况", "资金执行情况", "预算执行率"))
            or ("预算数" in c and "执行数" in c)
            or schema is not None
        ):
            return False
        if self.state in ("table", "tail") and "执行数" not in c:
            return False
        if schema is not None:
            self.budget_schema = schema
            self._keep_headers(row.texts)
            if any(_IN_YUAN.search(compact(t)) for t in row.texts):
                self._set_money_unit("元")
        self.state = "budget"
        first = row.texts[0]
        _, weight, _ = split_weight(first)
        if self.form.budget is None:
            self.form.budget = Budget(weight=weight, source=row.source)
        elif weight is not None:
            self.form.budget.weight = weight
        roles: list[str] = []
        for cell in row.texts[1:] if weight is not None or "情况" in compact(first) else row.texts:
            cc = compact(cell)
            if cc.startswith("得分"):
                roles.append("score")
            elif "执行率" in cc:
                roles.append("rate")
            elif "执行数" in cc or "实际支出" in cc:
                roles.append("executed")
            elif cc.startswith("年初预算") and any("全年预算" in compact(t) for t in row.texts):
                roles.append("initial")  # 年初预算数 beside 全年预算数 (A): the latter is A
            elif "预算数" in cc or "预算" in cc:
                roles.append("planned" if "planned" not in roles else "planned_other")
            elif "分值" in cc:
                roles.append("weight")
            elif "得分" in cc:
                roles.append("score")
        if roles:
            self.budget_roles = roles
        return True

    def _budget_by_position(self, row: Row) -> bool:
        """A budget row of a grid: every figure read from its header's column."""
        schema = self.budget_schema
        assert schema is not None
        lead = next((i for i, r in enumerate(schema.roles) if r), 0)
        label = next((c for c in row.cells[:lead] if c), "")
        vals = {
            r: row.cells[i] for i, r in enumerate(schema.roles) if r and i < len(row.cells) and row.cells[i]
        }
        if not any(first_number(vals.get(r)) is not None for r in ("planned", "executed", "initial")):
            return False
        b = self.form.budget or Budget()
        if b.planned is not None or b.executed is not None:
            previous = self._budget_label
            if not (is_budget_total(label) and not is_budget_total(previous)):
                self.other_rows.append([c for c in row.cells if c])  # a 其中 … sub-row
                return True
            b = Budget(weight=b.weight, source=row.source)
        self._budget_label = label
        b.source = row.source
        scale = self.money_scale
        b.planned = _scaled(amount(vals.get("planned")), scale)
        b.executed = _scaled(amount(vals.get("executed")), scale)
        if vals.get("rate"):
            b.rate = rate_value(vals["rate"])
        if vals.get("score") and first_number(vals["score"]) is not None:
            b.score = first_number(vals["score"])
            if _TRAILING_ZERO.search(compact(vals["score"])):
                self.form.extra.setdefault("printed", {})["budget.score"] = compact(vals["score"])
        if vals.get("weight") and first_number(vals["weight"]) is not None:
            b.weight = first_number(vals["weight"])
        extra = self.form.extra
        for role, key in (("initial", "initial_budget"), ("received", "budget_received")):
            if first_number(vals.get(role)) is not None:
                extra[key] = _scaled(amount(vals[role]), scale)
        if vals.get("reason") and first_number(vals["reason"]) is None:
            extra["budget_reason"] = vals["reason"]
        self.form.budget = b
        return True

    def _budget_data(self, row: Row) -> bool:
        if self.budget_schema is not None and (row.exact or self._fits_budget(row)):
            return self._budget_by_position(row)
        cells = row.texts
        label_cell = cells[0]
        label = _label_before_figures(label_cell) if any(ch.isdigit() for ch in label_cell) else label_cell
        values: list[str] = []
        rest = label_cell[len(label) :].strip() if label != label_cell else ""
        if rest:
            values.append(rest)
        values.extend(cells[1:])
        values = [v for v in values if first_number(v) is not None]
        if not values:
            return False
        b = self.form.budget or Budget()
        if b.planned is not None:  # a second data row: 其中 … breakdown
            self.fields.setdefault(f"预算执行：{compact(label)}", " / ".join(values))
            return True
        b.source = row.source
        roles = self.budget_roles or ["planned", "executed", "rate", "score"]
        if "rate" in roles and not any("%" in v for v in values) and len(values) >= len(roles):
            pairs = list(zip(roles, values, strict=False))  # all columns printed: read them in place
        else:  # a percentage is the rate; the other numbers fill the other columns in order
            others = [v for v in values if "%" not in v]
            pairs = list(zip([r for r in roles if r != "rate"], others, strict=False))
            pct = [v for v in values if "%" in v]
            if pct and "rate" in roles:
                pairs.append(("rate", pct[0]))
        for role, v in pairs:
            if role == "planned":
                b.planned = _scaled(amount(v), self.money_scale)
            elif role == "executed":
                b.executed = _scaled(first_number(v), self.money_scale)
            elif role == "rate":
                b.rate = rate_value(v)
            elif role == "score":
                b.score = score_value(v) if score_value(v) is not None else first_number(v)
            elif role == "weight" and b.weight is None:
                b.weight = first_number(v)
            elif role == "initial":
                self.fields.setdefault("年初预算数", v)
        self.form.budget = b
        return True

    # ------------------------------------------------------------ overall goal block

    def _overall_header(self, row: Row) -> bool:
        c = compact(simplified(row.text))
        texts = row.texts
        if (
            not self.kind.is_target
            and len(texts) == 3
            and overall_role(texts[1]) == "target"
            and overall_role(texts[2]) == "actual"
        ):
            self.form.overall_goal = OverallGoal(source=row.source)  # 年度目标 | 预期目标 | 实际完成情况
            self.state = "overall"
            return True
        if self.kind.is_target and len(texts) == 2 and GOAL_GENERIC.match(label_of(texts[0]) or "-"):
            self.pending_goal, self.pending_text = label_of(texts[0]), texts[1]  # 年度绩效目标 | …
            return True
        if "总目标" not in c and "总体目标" not in c:
            return False
        if self.kind.is_target and len(texts) == 3:
            self.half_names, self._await_half_texts = texts[1:], True
        if self.kind.is_target and len(texts) == 2:
            self.pending_text = texts[1]  # 年度总体目标 | … : the text of the goal whose table follows
            return True
        if not any(k in c for k in ("年初设定目标", "预期目标", "实际完成", "设定目标")):
            if self.kind.is_target or self.state == "head":
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

    # ------------------------------------------------------------ indicator table

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
            elif (i == 0 or (not roles and not seen_name and goal_label is None and not role)) and c not in (
                "目标名称",
                "名称",
                "目标",
            ):
                goal_label = cell
        if not roles:
            roles = ["target", "basis"] if self.kind.is_target else ["target", "actual", "score"]
        if "target" not in roles and roles and roles[0] in ("actual",):
            roles.insert(0, "target")
        if not self.kind.is_target and "score" not in roles:
            roles.append("score")  # a self-evaluation always scores; the header cell was cut off
        gaps = [b - a for a, b in itertools.pairwise(positions)]
        step = gaps[0] if len(gaps) >= 2 and gaps[0] > 1 and len(set(gaps)) == 1 else 1
        previous = self.table
        self._keep_headers(row.texts)
        self.table = _Table(
            roles=roles, goal_column=goal_label is not None, step=min(step, 3), schema=indicator_schema(cells)
        )
        self.halves = []
        repeated = previous is not None and previous.schema is not None and self.table.schema is not None
        if repeated and previous.schema.labels == self.table.schema.labels and self.goal is not None:  # type: ignore[union-attr]
            return  # the header printed again at the top of a new page: the labels carry on
        if (
            self.kind.is_target
            and self.table.schema is not None
            and self.table.schema.roles.count("name") == 2
        ):
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

    def _goal_label(self, text: str, source: Source | None) -> None:
        label, weight, printed = split_weight(text)
        c = compact(label)
        m = GOAL_NUMBERED.match(c)
        if printed and weight is None:  # "(XX 分)": a weight printed as a placeholder
            self.placeholder_goals.append(m.group("label") if m else c)
        if m:
            name = m.group("label")
            rest = m.group("rest").strip("：:，, ")
        elif GOAL_GENERIC.match(c):
            if self.goal is not None:
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

    def _open_goal(self, name: str, text: str | None, weight: float | None, source: Source | None) -> None:
        self._level2_sum = 0.0
        term = "long_term" if name.startswith("长期") else ("annual" if "年度" in name else self.term)
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
        others = texts[1:]
        # a data row that merely starts with the goal label carries level labels or values
        if any(is_level1(t) for t in others) or len(others) >= 3:
            return False
        if probe:
            return True
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

    def _indicator_row(self, row: Row) -> None:
        texts = row.texts
        if self.table is None:
            self.table = _Table(
                roles=["target", "basis"] if self.kind.is_target else ["target", "actual", "score"]
            )
        if self._goal_row(row):
            return
        if self.table.schema is not None and not row.sparse:
            padded = [*row.cells, *[""] * (len(self.table.schema.roles) - len(row.cells))]
            if self.table.schema.refine(padded):
                self._keep_headers(row.texts)
                return  # the second row of a two-row header
        if self.table.schema is not None and (row.exact or self._fits_schema(row)):
            self._schema_row(row)
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
                    _Orphan(
                        self.goal, len(self.goal.indicators), values, row.source, issue, self.kind.is_target
                    )
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
        ind = Indicator(
            level1=self.level1,
            level2=self.level2,
            name=label.strip(),
            weight=weight,
            target=cell_value(values.get("target")),
            actual=None if self.kind.is_target else cell_value(values.get("actual")),
            score=None if self.kind.is_target else score_value(values.get("score")),
            basis=cell_value(values.get("basis")) if self.kind.is_target else None,
            level1_weight=self.level1_weight,
            level2_weight=self.level2_weight,
            source=row.source,
        )
        if values.get("weight") and score_value(values["weight"]) is not None:
            ind.weight = score_value(values["weight"])
        if ind.score is not None:
            ind.extra["printed_score"] = compact(values["score"] or "")
        for key in ("prev2", "prev1", "deviation", "note"):
            if values.get(key):
                ind.extra[key] = values[key]
        if self.kind.is_target and values.get("actual"):
            ind.extra["actual"] = values["actual"]
        self.goal.indicators.append(ind)
        if "level1" in cols.values():
            self.printed_level1.add(id(ind))
        self.last = ind
        cols[name_col] = "name"
        self.last_cols = cols

    def _fits_budget(self, row: Row) -> bool:
        """A TAB budget row whose cells stand in their header's columns (label, then figures)."""
        schema = self.budget_schema
        assert schema is not None
        lead = next((i for i, r in enumerate(schema.roles) if r), 0)
        if len(_trimmed(row.cells)) > len(schema.roles):
            return False
        figures = 0
        for i, cell in enumerate(row.cells):
            if not cell:
                continue
            role = schema.roles[i] if i < len(schema.roles) else None
            if i < lead:
                if fit("rowlabel", cell) < 0:
                    return False
                continue
            if role is None or fit("b_" + role, cell) < 0:
                return False
            figures += 1
        return figures >= 2

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
        for i, cell in enumerate(row.cells):
            if not cell:
                continue
            role = schema.roles[i] if i < len(schema.roles) else None
            if role is None:
                if i < len(schema.labels) and schema.labels[i]:
                    continue  # a column the vocabulary does not know: kept aside, never shifts the rest
                return False
            if fit(role, cell) < 0:
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

    def _twin_row(self, row: Row) -> None:
        assert self.table is not None and self.table.schema is not None
        cells = [*row.cells, *[""] * (len(self.table.schema.roles) - len(row.cells))]
        if self.table.schema.refine(cells):
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

    def _schema_row(self, row: Row, schema: Schema | None = None) -> None:
        """An indicator row of a grid (or a sparse row placed under its header): every cell read
        in the role its header column names."""
        assert self.table is not None and self.table.schema is not None
        if schema is None:
            if self.halves:
                self._twin_row(row)
                return
            schema = self.table.schema
            cells = [*row.cells, *[""] * (len(schema.roles) - len(row.cells))]
            if schema.refine(cells):
                return  # the second row of a two-row header (指标性质 | 指标值 | 度量单位)
        cells = [*row.cells, *[""] * (len(schema.roles) - len(row.cells))]
        name: str | None = None
        printed_level1 = False
        for i, role in enumerate(schema.roles):
            t = cells[i]
            if not t or role not in ("goal", "level1", "level2", "name"):
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
            elif name is None:
                name = t
        values: dict[str, str] = {}
        for i, role in enumerate(schema.roles):
            if role and role not in ("goal", "level1", "level2", "name") and cells[i]:
                values.setdefault(role, cells[i])
        if values.get("share") and rate_value(values["share"]) is not None:
            self.share = rate_value(values["share"])
        if name is None:
            if any(values.get(r) for r in ("target", "actual", "score")):
                issue = ReadIssue(message="指标行没有指标名称，已跳过", source=row.source)
                self.issues.append(issue)
                if self.goal is not None and self.goal.indicators:
                    target, actual, _ = _compose(values)
                    vals: dict[str, str | None] = {**values, "target": target, "actual": actual}
                    position = len(self.goal.indicators)
                    orphan = _Orphan(self.goal, position, vals, row.source, issue, self.kind.is_target)
                    self.orphans.append(orphan)
            return
        label, weight, _ = split_weight(name)
        c = compact(label)
        if not c or c in EMPTY_MARKS or PLACEHOLDER_NAME.match(c):
            self._placeholder(row)
            return
        extra = self.form.extra
        starred = label.strip().startswith("★")
        label = label.strip().lstrip("★").strip()
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
        is_target = self.kind.is_target
        ind = Indicator(
            level1=self.level1,
            level2=self.level2,
            name=label,
            weight=score_value(values.get("weight"))
            if score_value(values.get("weight")) is not None
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

    def _goal_text(self, text: str) -> None:
        label, weight, _ = split_weight(text)
        if self.goal is None or compact(label).startswith(("分", ")", "）")) or len(compact(label)) < 2:
            return
        if weight is not None and self.goal.weight is None:
            self.goal.weight = weight
        if label:
            self.goal.text = f"{self.goal.text or ''}{compact(label)}"

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


# ------------------------------------------------------------------ row helpers


def _recover_lost_score(form: Form) -> list[str]:
    """A score cell the conversion dropped, recovered from the printed total.

    Only when exactly one score of a self-evaluation is missing and the printed total fixes it:
    the budget score must then equal weight × min(执行率, 100%); an indicator's score must fit
    within its weight (or what its goal leaves). The recovered places are listed in
    ``extra["recovered"]`` so a reviewer sees which values came from the total.
    """
    if form.kind.is_target or form.total_score is None:
        return []
    pairs = [(gi, ii, ind) for gi, g in enumerate(form.goals) for ii, ind in enumerate(g.indicators)]
    blanks = [(gi, ii, ind) for gi, ii, ind in pairs if ind.score is None]
    known = sum(ind.score for _, _, ind in pairs if ind.score is not None)
    if form.overall_goal is not None:
        if form.overall_goal.score is None:
            return []
        known += form.overall_goal.score
    b = form.budget
    if b is not None and b.score is None:
        if blanks or not b.weight:
            return []
        implied = round(form.total_score - known, 2)
        rate = (
            b.rate if b.rate is not None else (b.executed / b.planned if b.executed and b.planned else None)
        )
        if rate is not None and abs(implied - b.weight * min(rate, 1.0)) > 0.011:
            return []
        if not 0 <= implied <= b.weight:
            return []
        b.score = implied
        return ["budget.score"]
    if len(blanks) != 1 or b is None or b.score is None:
        return []
    gi, ii, ind = blanks[0]
    implied = round(form.total_score - known - b.score, 2)
    goal = form.goals[gi]
    room = ind.weight
    if room is None and goal.weight is not None:
        room = goal.weight - sum(i.score or 0 for i in goal.indicators)
    if implied < 0 or implied > (room if room is not None else 100) + 1e-9:
        return []
    ind.score = implied
    return [f"goals[{gi}].indicators[{ii}].score"]


def _recover_lost_basis(form: Form) -> list[str]:
    """A 指标值确定依据 cell dropped from a row the conversion shifted right, recovered from the
    same indicator in the form's other table (long-term and annual tables list the same ones)."""
    if not form.kind.is_target:
        return []
    witness: dict[str, str] = {}
    for g in form.goals:
        for ind in g.indicators:
            if ind.basis:
                witness.setdefault(compact(ind.name), ind.basis)
    found = []
    for gi, g in enumerate(form.goals):
        for ii, ind in enumerate(g.indicators):
            if ind.basis is None and compact(ind.name) in witness:
                ind.basis = witness[compact(ind.name)]
                found.append(f"goals[{gi}].indicators[{ii}].basis")
    return found


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


_IN_YUAN = re.compile(r"[(（]元[)）]|单位[:：]元$")


def _scaled(value: float | None, scale: float) -> float | None:
    return None if value is None else (value if scale == 1.0 else round(value * scale, 6))


_FIGURE = re.compile(r"-?\d")


def _label_before_figures(text: str) -> str:
    """A budget row label printed in one cell with its figures ("年度资金总额 100 90"): the text
    before the first figure (linear: no pattern that can backtrack over a long cell)."""
    m = _FIGURE.search(text)
    return text[: m.start()].rstrip(" ,.\t\n") if m else text


def _trimmed(cells: list[str]) -> list[str]:
    """A row without the empty cells a TAB line ends with."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


_GRADES = {"优", "良", "中", "差", "优秀", "良好", "合格", "不合格", "较差"}


def _int(text: str | None) -> int | None:
    return year_in(text) if text else None


_FIELD_LABELS = (
    "偏差大或目标未完成原因分析",
    "改进措施及结果应用方案",
    "偏差原因分析及改进措施",
    "偏差原因分析",
)


def _drop_chars(text: str, n: int) -> str:
    """``text`` without its first ``n`` non-space characters (a label, however spaced)."""
    seen = 0
    for i, ch in enumerate(text):
        if not ch.isspace():
            seen += 1
        if seen == n:
            return text[i + 1 :].strip(" ：:\n")
    return ""


def _strip_label(text: str) -> str:
    """The value printed after a field label in the same cell, if any."""
    c = compact(text)
    for label in _FIELD_LABELS:
        if c.startswith(label):
            return _drop_chars(text.strip(), len(label))
    return ""


def build_forms(rows: list[Row], path: str) -> Document:
    """The forms and narrative reports in a document's rows, in printed order."""
    doc = Document(path=path)
    orphans: list[_Orphan] = []
    for seg in segments(rows):
        if seg.kind is None:
            doc.reports.append(read_report(seg.title, seg.rows))
            continue
        builder = _Builder(kind=refine_kind(seg), title=seg.title, rows=seg.rows, path=path)
        form = builder.build()
        doc.issues.extend(builder.issues)
        orphans.extend(builder.orphans)
        valued = any(i.target or i.actual or i.score is not None for _, i in form.indicators())
        if not seg.title and not valued:
            continue  # header cells without a title and without one indicator are not a form
        if not form.goals and form.budget is None and form.total_score is None:
            doc.issues.append(ReadIssue(message=f"“{seg.title}”下没有可读取的表格内容", source=form.source))
            continue
        doc.forms.append(form)
    if orphans:
        _unfuse(doc, orphans)
    _harmonize_levels(doc)
    for form in doc.forms:
        _printed_scores(form)
    attach_reports(doc)
    return doc


_TRAILING_ZERO = re.compile(r"\.\d*0(?:分)?$")


def _printed_scores(form: Form) -> None:
    """Each score's printed text under ``extra["printed"]`` by its form-v1 path ("9.00" keeps
    the precision the review judges it at), once the indicators have their final places."""
    printed: dict[str, str] = form.extra.get("printed", {})
    for gi, goal in enumerate(form.goals):
        for ii, ind in enumerate(goal.indicators):
            text = ind.extra.pop("printed_score", None)
            if text and _TRAILING_ZERO.search(text):  # only what form-v1's number loses: "9.00"
                printed[f"goals[{gi}].indicators[{ii}].score"] = text
    if printed:
        form.extra["printed"] = printed


def _harmonize_levels(doc: Document) -> None:
    """One template per document: where its forms print a label such as 满意度指标 as a 二级
    dimension (under 效益指标) and never as a 一级 label with dimensions of its own, a row that
    shows it alone in the 一级 place (a shifted page) is read the same way."""
    as_level2: dict[str, str] = {}
    as_parent: set[str] = set()
    for f in doc.forms:
        for _, ind in f.indicators():
            if ind.level2 and ind.level1 and is_level1(ind.level2):
                as_level2.setdefault(ind.level2, ind.level1)
            if ind.level1 and ind.level2:
                as_parent.add(ind.level1)
    for label, parent in as_level2.items():
        if label in as_parent:
            continue
        for f in doc.forms:
            for _, ind in f.indicators():
                if ind.level1 == label and ind.level2 is None:
                    ind.level1, ind.level2, ind.level2_weight = parent, label, ind.level1_weight
                    ind.level1_weight = None


def _unfuse(doc: Document, orphans: list[_Orphan]) -> None:
    """Split a name cell that holds two indicators' names when the row below has values but no
    name, using the names the document prints elsewhere (a department form repeats its projects'
    indicators): "邀请企业参与工作全会政策宣传场数" → "邀请企业参与工作全会" + "政策宣传场数"."""
    names = {compact(i.name) for f in doc.forms for g in f.goals for i in g.indicators}
    for orphan in reversed(orphans):  # from the bottom, so positions stay valid
        above = orphan.goal.indicators[orphan.position - 1]
        whole = compact(above.name)
        split = next(
            (k for k in range(2, len(whole) - 1) if whole[:k] in names and whole[k:] in names),
            None,
        )
        if split is None:
            continue
        v = orphan.values
        twin = above.model_copy(
            update={
                "name": whole[split:],
                "weight": None,
                "target": cell_value(v.get("target")),
                "actual": None if orphan.is_target else cell_value(v.get("actual")),
                "score": None if orphan.is_target else score_value(v.get("score")),
                "basis": cell_value(v.get("basis")) if orphan.is_target else None,
                "extra": {},
                "source": orphan.source,
            }
        )
        above.name = whole[:split]
        orphan.goal.indicators.insert(orphan.position, twin)
        doc.issues.remove(orphan.issue)
