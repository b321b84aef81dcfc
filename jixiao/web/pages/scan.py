"""The scan section of a form page: the page image, the recognised grid, the cells to check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jixiao import store
from jixiao.web import _scan
from jixiao.web.pages.form import FindingItem, FormPage


@dataclass
class ScanCheck:
    """One cell of a scan a person checks: its crop, what was read, how sure, and what it fills."""

    n: int
    page: int
    where: str
    text: str  # the value the form was built from
    read_as: str | None  # what the recogniser read, when a repair changed it
    repair: str | None
    confidence: float
    confidence_label: str  # 置信度 27%
    low: bool
    box: list[int]
    crop_url: str | None
    goal: str | None = None
    indicator: str | None = None
    field_label: str = "单元格"
    edit_name: str | None = None  # the edit path's field (i.{goal}.{indicator}.{attr})
    value: str = ""  # the field's value on the form now
    still_open: bool = True  # False: a person has since corrected the value
    finding: FindingItem | None = None


@dataclass
class ScanPageView:
    page: int
    width: int
    height: int
    image_url: str
    cells: list[dict[str, Any]]  # every recognised cell: box, text, confidence, flagged
    checks: list[ScanCheck]


@dataclass
class ScanView:
    form_id: int
    source_form_id: int  # the revision read from the scan
    source_revision: int
    file_name: str
    threshold_label: str
    pages: list[ScanPageView]
    error: str | None = None


def _pct(x: float) -> str:
    return f"置信度 {round(x * 100)}%"


def build_scan_view(db: store.Database, root: Any, form_id: int, page: FormPage) -> ScanView | None:
    """The scan section of a form page (None: the form was not read from a scan)."""
    from jixiao.read._ocr import LOW_CONFIDENCE

    src = _scan.scan_source(db, form_id)
    if src is None or not src.pages:
        return None
    form = store.get_draft(db, form_id) if page.showing_draft else None
    form = form or store.get_form(db, form_id).form  # type: ignore[union-attr]
    known = {d.where: d for d in _scan.doubts(src, form, closed=True)}
    items = [f for g in page.goals for i in g.indicators for f in i.findings]
    items += [f for g in page.goals for f in g.findings] + page.form_findings
    if page.budget:
        items += page.budget.findings
    view = ScanView(
        form_id=form_id,
        source_form_id=src.form_id,
        source_revision=src.revision,
        file_name=src.file_name,
        threshold_label=_pct(LOW_CONFIDENCE).replace("置信度 ", ""),
        pages=[],
    )
    for p in src.pages:
        try:
            data = _scan.page_view(db, root, src, p)
        except _scan.ScanError as e:
            view.error = f"第 {p} 页无法显示：{e}"
            continue
        checks: list[ScanCheck] = []
        for c in data["check"]:
            s = c.get("source") or {}
            where = f"第{s.get('page')}页表{s.get('sheet')}{s.get('cell')}"
            d = known.get(where)
            item = next(
                (f for f in items if f.code.startswith("read.") and f.message.startswith(where)),
                None,
            )
            checks.append(
                ScanCheck(
                    n=c["n"],
                    page=p,
                    where=where,
                    text=c["text"],
                    read_as=c.get("read_as"),
                    repair=c.get("repair"),
                    confidence=c["confidence"],
                    confidence_label=_pct(c["confidence"]),
                    low=c["confidence"] < LOW_CONFIDENCE,
                    box=list(c["box"] or (0, 0, 0, 0)),
                    crop_url=_scan.crop_url(form_id, where) if c["has_crop"] else None,
                    goal=d.finding.goal if d else None,
                    indicator=d.finding.indicator if d else None,
                    field_label=_scan.FIELDS.get(d.field or "", "单元格") if d else "单元格",
                    edit_name=d.edit_name if d else None,
                    value=d.value if d else "",
                    still_open=d.still_open if d else True,
                    finding=item,
                )
            )
        flagged = {tuple(c.box) for c in checks}
        cells = [
            {
                "box": c["box"],
                "text": c["text"],
                "confidence": c["confidence"],
                "flagged": tuple(c["box"]) in flagged,
                "check": next((k.n for k in checks if tuple(k.box) == tuple(c["box"])), None),
            }
            for c in data["cells"]
        ]
        view.pages.append(
            ScanPageView(
                page=p,
                width=data["width"],
                height=data["height"],
                image_url=f"/forms/{form_id}/scan/{p}.png",
                cells=cells,
                checks=checks,
            )
        )
    return view
