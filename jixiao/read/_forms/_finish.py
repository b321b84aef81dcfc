"""After the rows: scores and bases recovered inside a form, and the passes over the whole
document (printed scores, 一级/二级 harmonised, fused names split)."""

from __future__ import annotations

from jixiao.model import Document, Form
from jixiao.read._clean import compact, score_value
from jixiao.read._columns import cell_value
from jixiao.read._forms._common import _TRAILING_ZERO, _Orphan
from jixiao.read._vocab import is_level1


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
    levels = _LevelUse()
    for f in doc.forms:
        levels.add(f)
    for f in doc.forms:
        levels.apply(f)


class _LevelUse:
    """How a document's forms use their labels (``_harmonize_levels``), gathered form by form and
    applied to each form once all are seen. A row moved is no longer alone in the 一级 place,
    so the forms can be corrected in any order."""

    def __init__(self) -> None:
        self.as_level2: dict[str, str] = {}
        self.as_parent: set[str] = set()

    def add(self, form: Form) -> None:
        for _, ind in form.indicators():
            if ind.level2 and ind.level1 and is_level1(ind.level2):
                self.as_level2.setdefault(ind.level2, ind.level1)
            if ind.level1 and ind.level2:
                self.as_parent.add(ind.level1)

    def apply(self, form: Form) -> None:
        for label, parent in self.as_level2.items():
            if label in self.as_parent:
                continue
            for _, ind in form.indicators():
                if ind.level1 == label and ind.level2 is None:
                    ind.level1, ind.level2, ind.level2_weight = parent, label, ind.level1_weight
                    ind.level1_weight = None


def _unfuse(doc: Document, orphans: list[_Orphan], names: set[str] | None = None) -> None:
    """Split a name cell that holds two indicators' names when the row below has values but no
    name, using the names the document prints elsewhere (a department form repeats its projects'
    indicators): "邀请企业参与工作全会政策宣传场数" → "邀请企业参与工作全会" + "政策宣传场数"."""
    if names is None:  # every indicator name the document prints
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
