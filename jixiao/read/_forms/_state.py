"""The form builder's state: one form's reading position and what it has read so far."""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.model import Form, FormKind, Goal, Indicator, ReadIssue
from jixiao.read._forms._common import _Orphan, _Table
from jixiao.read._forms._facts import Lead
from jixiao.read._grid import Row
from jixiao.read._headers import Bound, Schema


@dataclass
class _State:
    """What the builder knows while it reads one form's rows, shared by its parts."""

    kind: FormKind
    title: str
    rows: list[Row]
    path: str
    issues: list[ReadIssue] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.form = Form(kind=self.kind, title=self.title, source=self.rows[0].source if self.rows else None)
        self.state = "head"
        self.is_target = self.kind.is_target  # asked of nearly every row: read once
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
        self._budget_on_subrows = False  # the total row printed its amounts as zeros or blank
        self.money_scale = 1.0
        self.pending_goal: str | None = None  # a section label printed above a list (绩效指标)
        self.pending_text: str | None = None  # its description, printed before the table
        self.half_names: list[str] | None = None  # 总体目标 | 中期目标 | 年度目标: two tables side by side
        self.half_texts: list[str] | None = None
        self._await_half_texts = False
        self.halves: list[tuple[Schema, dict[str, object]]] = []
        self.share: float | None = None  # 权重占比 printed once per 一级 block
        self.header_total: float | None = None
        self.implementer_label: str | None = None  # the label the implementer was printed under
        self.fields: dict[str, str] = {}
        self.other_rows: list[list[str]] = []
        self.notes: list[str] = []
        self.bound = Bound()  # the vocabulary and its memos, fetched once for the whole form
        self.leads: dict[str, Lead] = self.bound.memo("lead")
