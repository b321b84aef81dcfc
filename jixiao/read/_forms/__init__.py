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

import re
from collections.abc import Iterable, Iterator

from jixiao._spool import FormSpool
from jixiao.model import Document, Form, ReadIssue
from jixiao.read._clean import compact
from jixiao.read._forms._builder import _Builder
from jixiao.read._forms._common import _Orphan
from jixiao.read._forms._finish import _harmonize_levels, _LevelUse, _printed_scores, _unfuse
from jixiao.read._grid import Row
from jixiao.read._headers import is_score_table_column
from jixiao.read._report import attach_reports, read_report
from jixiao.read._segment import form_title_kind, iter_segments, refine_kind
from jixiao.read._sentences import sentence_rows

__all__ = ["build_forms", "build_forms_spooled", "form_title_kind"]


def build_forms(rows: Iterable[Row], path: str) -> Document:
    """The forms and narrative reports in a document's rows, in printed order."""
    doc = Document(path=path)
    orphans: list[_Orphan] = []
    for form, found in _forms(rows, path, doc):
        if form is not None:
            doc.forms.append(form)
        orphans.extend(found)
    if orphans:
        _unfuse(doc, orphans)
    _harmonize_levels(doc)
    for form in doc.forms:
        _printed_scores(form)
    attach_reports(doc)
    return doc


def build_forms_spooled(rows: Iterable[Row], path: str) -> Document:
    """``build_forms`` in memory bounded by the largest form, not the document: each form is
    written to a ``FormSpool`` as it is built (the rows it came from are let go), and what the
    document-wide passes need is gathered on the way — the indicator names (``_unfuse``), how
    labels are used (``_harmonize_levels``) and the forms' heads (report linking). Forms with an
    indicator row left without a name stay in memory until every name is known. The result
    reads as ``build_forms``'s: same forms, reports and issues, the forms loaded on demand."""
    spool = FormSpool()
    doc = Document.model_construct(path=path, forms=spool, reports=[], issues=[], cells=[])
    orphans: list[_Orphan] = []
    names: set[str] = set()
    levels = _LevelUse()
    for form, found in _forms(rows, path, doc):
        if form is not None:
            names.update(compact(i.name) for g in form.goals for i in g.indicators)
            levels.add(form)
            spool.append(form, hold=bool(found))
        orphans.extend(found)
    if orphans:
        _unfuse(doc, orphans, names)
    spool.store()

    def finish(form: Form) -> None:
        levels.apply(form)
        _printed_scores(form)

    spool.finish = finish
    attach_reports(doc)
    return doc


FORM_TITLE = re.compile(r"(自评|目标|申报)表")  # a table under such a title is a form, whatever its columns


def _score_table(rows: list[Row]) -> bool:
    """Rows of an evaluation score table: a table row heads a column 评分标准 (or the like)."""
    return any(row.table and any(is_score_table_column(t) for t in row.texts) for row in rows)


def _forms(rows: Iterable[Row], path: str, doc: Document) -> Iterator[tuple[Form | None, list[_Orphan]]]:
    """Each form as its segment ends, with its unnamed rows (None for a segment that is no form:
    its rows still count); reports and issues go to ``doc``."""
    for seg in iter_segments(sentence_rows(rows)):
        if seg.kind is None:
            doc.reports.append(read_report(seg.title, seg.rows))
            continue
        if not FORM_TITLE.search(seg.title or "") and _score_table(seg.rows):
            message = "评价指标评分表（含“评分标准”等列）不是绩效自评表或目标表，未读取"
            doc.issues.append(ReadIssue(message=message, source=seg.rows[0].source))
            yield None, []
            continue
        builder = _Builder(kind=refine_kind(seg), title=seg.title, rows=seg.rows, path=path)
        form = builder.build()
        doc.issues.extend(builder.issues)
        if not seg.title and not any(
            i.target or i.actual or i.score is not None for _, i in form.indicators()
        ):
            yield None, builder.orphans
            continue  # header cells without a title and without one indicator are not a form
        if not form.goals and form.budget is None and form.total_score is None:
            doc.issues.append(ReadIssue(message=f"“{seg.title}”下没有可读取的表格内容", source=form.source))
            yield None, builder.orphans
            continue
        yield form, builder.orphans
