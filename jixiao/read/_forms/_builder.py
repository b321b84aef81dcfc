"""One form's builder: every row dispatched to the part that reads it."""

from __future__ import annotations

from jixiao.model import Form, ReadIssue
from jixiao.read._align import align, fit, placement
from jixiao.read._clean import compact, score_value, year_in
from jixiao.read._forms._budget import _BudgetRows
from jixiao.read._forms._common import _GRADES, _TRAILING_ZERO, _int, _strip_label, label_rest
from jixiao.read._forms._facts import lead_of, row_facts
from jixiao.read._forms._finish import _recover_lost_basis, _recover_lost_score
from jixiao.read._forms._goals import _GoalRows
from jixiao.read._forms._head import _HeadRows
from jixiao.read._forms._indicators import _IndicatorRows
from jixiao.read._forms._schema import _SchemaRows
from jixiao.read._grid import Row
from jixiao.read._headers import (
    budget_schema,
    indicator_schema,
    is_unit_implementer,
    level_ranks,
)
from jixiao.read._levels import backfill_level1, regroup
from jixiao.read._segment import without_title_year
from jixiao.read._vocab import TOTAL, is_indicator_header, label_of, notes_rest

_TEXTS = ("deviation_reason", "improvement")


class _Builder(_HeadRows, _BudgetRows, _GoalRows, _IndicatorRows, _SchemaRows):
    """Reads one form's rows; keeps what it could not place as read issues."""

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
        f.title = without_title_year(f.title) or f.title
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
            label = self.implementer_label
            if f.unit is None and f.implementer and label is not None and is_unit_implementer(label):
                f.unit = f.implementer  # 项目执行单位 is the only unit the table prints
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

    def _table_row(self, row: Row) -> None:
        if self._await_half_texts:
            self._await_half_texts = False
            if len(row.texts) == 2:
                self.half_texts = list(row.texts)
        if row.sparse:
            row = self._placed(row)
        facts = row_facts(row, self.leads)
        texts, lead = facts.texts, facts.lead
        if lead is None:
            if row.exact and self.state == "table" and any(row.cells):
                self._placeholder(row)
            return
        raw = facts.raw
        assert raw is not None  # a row with a text cell has a first printed one
        first = lead.c
        if self._label_tail:
            tail, self._label_tail = self._label_tail, ""
            if first == tail:  # the second line of a field label wrapped in its cell
                if len(texts) > 1 and self.field_target:
                    self._append_field(self.field_target, "\n".join(texts[1:]))
                return
        if len(texts) == 1 and lead.subtable:  # 长期/年度绩效目标表 in a table cell
            self._subtable(first)
            return
        # 备注 and the two narrative fields close the indicator table
        if lead.notes and len(texts) <= 2:
            self.field_target = "notes"
            rest = notes_rest(texts[0]) or ""
            for t in [rest, *texts[1:]]:
                if t:
                    self.notes.append(t)
            return
        label = lead.field
        if label and self.state != "head":
            self.state = "tail"
            self.field_target = label
            self._label_tail = label_rest(first, least=4)
            value = "\n".join(texts[1:]) or _strip_label(texts[0])
            if value:
                self._append_field(label, value)
            return
        grade = texts[-1] if len(texts) > 2 and compact(texts[-1]) in _GRADES else None
        if lead.total and len(texts) <= (4 if grade else 3) and self.state != "head":
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
        target = self.field_target
        if self.state == "tail" and target in _TEXTS and len(texts) == 1 and not getattr(self.form, target):
            self._append_field(target, texts[0])  # the text under a label printed on lines of its own
            return
        if self._budget_header(row):
            return
        if self._overall_header(row):
            return
        if lead.overall and len(texts) in (2, 4) and self._overall_pairs(row):
            return
        if is_indicator_header(row) or (
            self.state != "tail" and indicator_schema(row.cells, self.bound) is not None
        ):
            self._indicator_header(row)
            return
        if self.state in ("budget", "overall", "head") and raw.goal and self._goal_row(row, probe=True):
            self._goal_row(row)
            return
        if self.state == "budget" and self._budget_data(row):
            return
        if len(texts) == 1 and len(first) <= 8 and lead.generic is not None and self.state != "tail":
            self.pending_goal = lead.generic  # 绩效指标 above a table without a goal column
            return
        if self.state == "overall":
            self._overall_data(row)
            return
        if self.state == "goal_descriptions" and self._goal_description(row):
            return
        if self.state in ("table", "tail") or (
            self.state == "head" and raw.goal and self._goal_row(row, probe=True)
        ):
            self.state = "table" if self.state != "tail" else "tail"
            if self.state == "table":
                self._indicator_row(row, raw)
                return
        if self.state == "head":
            self._head_row(row)

    def _placed(self, row: Row) -> Row:
        """A sparse row (pipe or space layout) with its cells under the header's columns."""
        lead = lead_of(self.leads, row.texts[0]) if row.texts else None
        if (
            lead is None
            or not lead.c
            or lead.total_as_printed
            or lead.notes
            or lead.field
            or lead.head
            or lead.overall
            or (lead.goal and self._goal_row(row, probe=True))
            or indicator_schema(row.cells, self.bound) is not None
            or budget_schema(row.cells, self.bound) is not None
        ):
            return row
        if self.state == "table" and self.table is not None and self.table.schema is not None:
            if self.table.schema.expand(row.cells, self.bound):
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
            if (
                ranks == {0, 1}
                and 1 not in nxt
                and label_of(row.texts[0]) != open_level1
                and not _opens_level1(row.texts, roles)
            ):
                roles = [None if r == "level1" else r for r in roles]
        cells = align(row.cells, roles)
        return Row(cells=cells, source=row.source, table=True, after_gap=row.after_gap, exact=True)


def _opens_level1(texts: list[str], roles: list[str | None]) -> bool:
    """Whether a row led by a label of both levels (满意度指标) reads better with it as a new
    一级 label and its next cell as a 二级 label the vocabulary does not list (满意度指标 |
    服务对象满意度 | 数据使用部门满意度 | ≥90% | …) than with it as the 二级 label and its next
    cell as the indicator's name: the rest of the row's values decide, not the words."""
    if "level1" not in roles or len(texts) < 2:
        return False
    p2 = roles.index("level1") + 1
    if p2 >= len(roles) or roles[p2] != "level2":
        return False
    as_level1 = fit("level2", texts[1]) + placement(texts[2:], roles, p2 + 1)[0]
    return as_level1 > placement(texts[1:], roles, p2 + 1)[0]
