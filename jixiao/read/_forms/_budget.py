"""The budget block: 预算执行情况 header and its figures, by header column or by order."""

from __future__ import annotations

from jixiao.model import Budget
from jixiao.read._align import fit
from jixiao.read._clean import amount, compact, first_number, rate_value, score_value, split_weight
from jixiao.read._forms._common import _IN_YUAN, _TRAILING_ZERO, _label_before_figures, _scaled, _trimmed
from jixiao.read._forms._state import _State
from jixiao.read._grid import Row
from jixiao.read._headers import budget_role, budget_schema, is_budget_total


class _BudgetRows(_State):
    """The budget block: 预算执行情况 header and its figures, by header column or by order."""

    def _budget_header(self, row: Row) -> bool:
        inside = self.state in ("table", "tail")
        zhi = "执" in row.text
        if inside and not zhi:
            return False  # no other character normalises (NFKC) to 执: the row is not compacted
        # every label tested in ``c`` below holds 执: without it only the schema can say yes
        c = compact(row.text) if zhi else ""
        if inside and "执行数" not in c:
            return False  # inside the indicator table only a header printing 执行数 opens a budget
        schema = budget_schema(row.cells, self.bound)
        if not (
            any(k in c for k in ("预算执行情况", "项目执行情况", "资金执行情况", "预算执行率"))
            or ("预算数" in c and "执行数" in c)
            or schema is not None
        ):
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
            role = budget_role(cell)  # the vocabulary's, longest label first (执行率得分 is a score)
            if role is not None and role != "reason":
                roles.append("planned_other" if role == "planned" and "planned" in roles else role)
            elif cc.startswith("得分"):
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
        amounts = any(first_number(vals.get(r)) is not None for r in ("planned", "executed", "initial"))
        scored = any(first_number(vals.get(r)) is not None for r in ("rate", "score"))
        if not amounts and not (is_budget_total(label) and scored):
            return False
        b = self.form.budget or Budget()
        if self._budget_on_subrows and not is_budget_total(label):
            # the total row printed no amounts (zeros or blank): its figures are its sub-rows' sum
            self.other_rows.append([c for c in row.cells if c])
            scale = self.money_scale
            for role in ("planned", "executed"):
                v = _scaled(amount(vals.get(role)), scale)
                if v:
                    setattr(b, role, round((getattr(b, role) or 0) + v, 6))
            return True
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
        self._budget_on_subrows = is_budget_total(label) and scored and not (b.planned or b.executed)
        if self._budget_on_subrows:
            b.planned = b.executed = None
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
