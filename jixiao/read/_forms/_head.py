"""Head lines and fields: the title block (单位/项目/主管部门 …), the narrative fields under the
table (偏差原因/改进措施/备注) and the text lines between tables."""

from __future__ import annotations

import re

from jixiao.model import FormKind, OverallGoal
from jixiao.read._clean import compact, iso_date, score_value
from jixiao.read._forms._common import _drop_chars, _strip_label, label_rest
from jixiao.read._forms._facts import field_label
from jixiao.read._forms._state import _State
from jixiao.read._grid import Row
from jixiao.read._headers import field_of, overall_role, simplified
from jixiao.read._segment import SUBTABLE_TITLE
from jixiao.read._vocab import (
    EMPTY_MARKS,
    GOAL_GENERIC,
    goal_key,
    head_key,
    head_line,
    is_head_key,
    label_of,
    notes_rest,
)


class _HeadRows(_State):
    """Reads the title block, the narrative fields and the text lines between tables."""

    def _text_row(self, row: Row) -> None:
        text = row.cells[0]
        c = compact(text)
        if len(c) <= 8 and GOAL_GENERIC.match(goal_key(text)) and self.state != "tail":
            self.pending_goal = label_of(text)  # a section label above a list that has no goal column
        if SUBTABLE_TITLE.match(simplified(c)):
            self._subtable(c)
            return
        if re.fullmatch(r"附件[0-9一二三四五六七八九十]*[:：]?", c):
            return  # the next attachment's label, printed above its title
        rest = notes_rest(text)
        if rest is not None:
            self.field_target = "notes"
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
            rest = label_rest(c)
            if rest:
                self._label_tail = rest
                return
            rest = _strip_label(text)
            if rest:
                self._append_field(label, rest)
            return
        if self.field_target in ("deviation_reason", "improvement"):
            self._append_field(self.field_target, text)

    def _subtable(self, title: str) -> None:
        """长期绩效目标表 / 年度绩效目标表 inside a project target form: goals of that term follow."""
        self.term = "long_term" if simplified(title).startswith("长期") else "annual"
        self.state = "table"
        self.field_target = None

    def _field_label(self, c: str) -> str | None:
        return field_label(c)

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
            if f.implementer is None:
                f.implementer, self.implementer_label = value, key
        else:
            self.fields.setdefault(key, value)

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
        line = head_line()
        for cell in cells:
            if line.match(simplified(cell)):
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
