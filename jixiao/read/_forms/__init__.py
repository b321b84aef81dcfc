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

from jixiao.model import Document, ReadIssue
from jixiao.read._forms._builder import _Builder
from jixiao.read._forms._common import _Orphan
from jixiao.read._forms._finish import _harmonize_levels, _printed_scores, _unfuse
from jixiao.read._grid import Row
from jixiao.read._report import attach_reports, read_report
from jixiao.read._segment import form_title_kind, refine_kind, segments

__all__ = ["build_forms", "form_title_kind"]


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
