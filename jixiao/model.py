"""The domain model: performance forms (绩效目标表 / 绩效自评表) and what is said about them.

Everything else in the package either produces these records (readers), consumes them
(scoring, review, writers, storage) or shows them (CLI, web). This module imports nothing
from those stages, nor any I/O library: it is plain, typed data with provenance.

Values are kept *as printed*. A score above its weight or a total that does not add up is
stored unchanged; re-scoring and findings are separate records (``Scorecard``, ``Finding``).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from jixiao.kinds import FormKind

__all__ = [
    "Budget",
    "CellReading",
    "Document",
    "Finding",
    "Form",
    "FormKind",
    "Goal",
    "GoalScore",
    "Indicator",
    "IndicatorScore",
    "NarrativeReport",
    "OverallGoal",
    "ReadIssue",
    "Scorecard",
    "Severity",
    "Source",
]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Source(_Record):
    """Where a record was read: file plus page/sheet and line/cell, as far as known."""

    file: str | None = None
    page: int | None = None  # 1-based page (PDF) or page break count in a text dump
    line: int | None = None  # 1-based line in a text dump
    sheet: str | None = None  # worksheet name (XLSX) or table number (DOCX)
    cell: str | None = None  # "B7" (XLSX) or "r3c2" (DOCX/PDF table)

    @classmethod
    def of_line(cls, file: str, line: int, page: int | None) -> Source:
        """A text line's source, made without validation: a text dump makes one per line and
        the reader's values are of the declared types already (about half the cost of
        ``Source(...)``). Equal to ``Source(file=…, page=…, line=…, sheet=None, cell=None)``."""
        made = cls.__new__(cls)
        _set = object.__setattr__
        _set(made, "__dict__", {"file": file, "page": page, "line": line, "sheet": None, "cell": None})
        _set(made, "__pydantic_fields_set__", set(_SOURCE_FIELDS))
        _set(made, "__pydantic_extra__", None)
        _set(made, "__pydantic_private__", None)
        return made

    def where(self) -> str:
        """Human-readable location, e.g. ``a.txt:第12行``."""
        parts = [self.file or "?"]
        if self.sheet:
            parts.append(f"表{self.sheet}")
        if self.page:
            parts.append(f"第{self.page}页")
        if self.line:
            parts.append(f"第{self.line}行")
        if self.cell:
            parts.append(self.cell)
        return ":".join(parts)


_SOURCE_FIELDS = frozenset(Source.model_fields)


class Budget(_Record):
    """预算执行情况: planned (预算数 A) and executed (执行数 B) amounts in 万元."""

    weight: float | None = None  # points allotted, e.g. "(20分)"
    planned: float | None = None
    executed: float | None = None
    rate: float | None = None  # 执行率 as a fraction: "68.83%" -> 0.6883
    score: float | None = None
    source: Source | None = None


class OverallGoal(_Record):
    """项目绩效总目标 block: the target set at the start and what was achieved."""

    weight: float | None = None
    target: str | None = None
    actual: str | None = None
    score: float | None = None
    source: Source | None = None


class Indicator(_Record):
    """One 三级指标 row with its 一级/二级 parents carried down."""

    level1: str | None = None  # 一级指标: 产出指标 / 效益指标 / 满意度指标 / 成本指标
    level2: str | None = None  # 二级指标: 数量指标, 质量指标, 社会效益指标 …
    name: str  # 三级指标 / 指标名称
    weight: float | None = None  # own points when printed ("(0.5分)" or a 分值 column)
    target: str | None = None  # 年初目标值 / 指标值 as printed
    actual: str | None = None  # 实际完成值 as printed
    score: float | None = None  # 得分 as printed
    basis: str | None = None  # 指标值确定依据 (target tables)
    level1_weight: float | None = None  # weight printed in the 一级 label, e.g. "产出指标 (7分)"
    level2_weight: float | None = None  # weight printed in the 二级 label
    extra: dict[str, Any] = Field(default_factory=dict)  # e.g. 前年/上年 values of target tables
    source: Source | None = None

    @classmethod
    def of_values(cls, **values: Any) -> Indicator:
        """``Indicator(**values)``, without validation when every value is already of its
        declared type (a str, a float, ``None``, a ``Source``): what the readers build per
        row; anything else (an int weight, ``extra``) goes through validation as before."""
        for name, value in values.items():
            if type(value) not in _INDICATOR_PLAIN.get(name, ()):
                return cls(**values)
        if "name" not in values:
            return cls(**values)  # the required field missing: validation says so
        made = cls.__new__(cls)
        fields = dict.fromkeys(_INDICATOR_FIELDS)  # declared order, defaults None
        fields.update(values)
        fields["extra"] = {}
        _set = object.__setattr__
        _set(made, "__dict__", fields)
        _set(made, "__pydantic_fields_set__", set(values))
        _set(made, "__pydantic_extra__", None)
        _set(made, "__pydantic_private__", None)
        return made


_TEXT = (str, type(None))
_NUMBER = (float, type(None))
_INDICATOR_FIELDS = tuple(Indicator.model_fields)
_INDICATOR_PLAIN: dict[str, tuple[type, ...]] = {
    **dict.fromkeys(("level1", "level2", "target", "actual", "basis"), _TEXT),
    "name": (str,),
    **dict.fromkeys(("weight", "score", "level1_weight", "level2_weight"), _NUMBER),
    "source": (Source, type(None)),
}


class Goal(_Record):
    """A 年度目标 / 长期目标 (or the single indicator block of a project form)."""

    name: str
    text: str | None = None
    weight: float | None = None
    term: Literal["annual", "long_term"] | None = None
    indicators: list[Indicator] = Field(default_factory=list)
    source: Source | None = None


class Form(_Record):
    """One performance form, as printed. ``extra`` keeps what the contract has no field for."""

    kind: FormKind
    title: str
    year: int | None = None
    unit: str | None = None
    project: str | None = None
    supervisor: str | None = None
    implementer: str | None = None
    filled_on: str | None = None  # ISO date
    budget: Budget | None = None
    overall_goal: OverallGoal | None = None
    goals: list[Goal] = Field(default_factory=list)
    total_score: float | None = None
    deviation_reason: str | None = None
    improvement: str | None = None
    extra: dict[str, Any] = Field(default_factory=dict)
    source: Source | None = None

    def indicators(self) -> list[tuple[Goal, Indicator]]:
        return [(g, i) for g in self.goals for i in g.indicators]


class NarrativeReport(_Record):
    """A narrative self-evaluation (自评结果 / 自评报告) and the figures it states.

    Kept for cross-checks against its form; never exported as a form.
    """

    title: str
    version: str | None = None  # 缩略版 / 摘要版 / None
    year: int | None = None
    subject: str | None = None  # project or unit the title names
    stated_score: float | None = None  # 自评得分 stated in the text
    stated_scores: list[float] = Field(default_factory=list)  # every score stated ("压减前/后")
    stated_rate: float | None = None  # 执行率 as a fraction (the first the text states)
    stated_rates: list[tuple[str, float]] = Field(default_factory=list)  # every (sentence before it, rate)
    stated_budget_score: float | None = None  # 预算执行得分 when stated
    amounts: list[tuple[str, float]] = Field(default_factory=list)  # (context, 万元)
    # a score table in the report (评价准则 | 权重 | 得分): (label, weight, score) per row
    parts: list[tuple[str, float | None, float | None]] = Field(default_factory=list)
    form_index: int | None = None  # index of the form it reports on, in the document
    source: Source | None = None


Severity = Literal["error", "warning", "info"]


class ReadIssue(_Record):
    """Something the reader could not read as a form; a warning, never an exception."""

    message: str
    source: Source | None = None


class CellReading(_Record):
    """One cell read from a page image that a person should see: low confidence or repaired.

    ``crop`` is the cell's image (PNG, base64) so a reviewer checks the value against the scan.
    """

    text: str  # the value the form was built from
    confidence: float  # the recogniser's, 0-1 (lowest line of the cell)
    source: Source | None = None  # page, table (sheet) and r{row}c{col} of the cell
    box: tuple[int, int, int, int] | None = None  # x0, y0, x1, y1 in pixels of the page image
    read_as: str | None = None  # what the recogniser read, when a repair changed it
    repair: str | None = None  # why the repair is certain (Chinese)
    doubt: str | None = None  # why a confident reading is doubtful: a cross-check failed (Chinese)
    role: str | None = None  # the column's role by its header (actual, target, score, weight …)
    crop: str | None = None  # PNG of the cell, base64


class Document(_Record):
    """What a reader returns for one file: its forms, narrative reports and read issues."""

    path: str
    sha256: str | None = None
    reader: str | None = None
    forms: list[Form] = Field(default_factory=list)
    reports: list[NarrativeReport] = Field(default_factory=list)
    issues: list[ReadIssue] = Field(default_factory=list)
    cells: list[CellReading] = Field(default_factory=list)  # OCR cells to check (scans only)


class Finding(_Record):
    """One review finding, exactly the ``jixiao.findings/1`` record."""

    form: int
    form_title: str
    code: str
    severity: Severity
    goal: str | None = None
    indicator: str | None = None
    printed: float | str | None = None
    expected: float | str | None = None
    message: str


class IndicatorScore(_Record):
    """The rule score of one indicator beside the printed one."""

    goal: str
    indicator: str
    weight: float | None  # printed or inferred
    weight_inferred: bool = False
    printed: float | None
    computed: float | None  # None where the rules give no single value
    low: float | None = None  # band bounds for qualitative indicators
    high: float | None = None
    outcome: str  # met / partly / not_met / unknown
    reason: str  # Chinese, why this score
    uncertain: bool = False  # computed from a scanned cell read with low confidence (OCR)


class GoalScore(_Record):
    name: str
    weight: float | None
    printed: float | None  # sum of printed indicator scores
    computed: float | None


class Scorecard(_Record):
    """A form re-scored under one rule set."""

    form: int
    rule_set: str
    budget_weight: float | None = None
    budget_printed: float | None = None
    budget_computed: float | None = None
    indicators: list[IndicatorScore] = Field(default_factory=list)
    goals: list[GoalScore] = Field(default_factory=list)
    total_printed: float | None = None
    total_computed: float | None = None
    grade_printed: str | None = None
    grade_computed: str | None = None
