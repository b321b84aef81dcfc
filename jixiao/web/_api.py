"""The JSON API under /api/: the same page models as the HTML pages, and the contracts.

Token auth (``Authorization: Bearer …``) or the browser session; anonymous requests get 401.
Roles as for the pages, declared once per router.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from jixiao import store
from jixiao.contract import findings_to_json, form_to_contract
from jixiao.web import _files, pages
from jixiao.web._auth import check_csrf, current_user, db_of, roles, visible_form
from jixiao.web._views import Queue, scan_root, warm_scans

__all__ = ["fillers", "members", "reviewers"]

members = APIRouter(prefix="/api", tags=["表格"], dependencies=[Depends(current_user), Depends(check_csrf)])
fillers = APIRouter(
    prefix="/api", tags=["填报"], dependencies=[Depends(roles("filler")), Depends(check_csrf)]
)
reviewers = APIRouter(
    prefix="/api", tags=["审核"], dependencies=[Depends(roles("reviewer")), Depends(check_csrf)]
)

User = Annotated[store.User, Depends(current_user)]
FormId = Annotated[int, Depends(visible_form)]


@members.get("/me", summary="当前用户")
def me(user: User) -> dict[str, Any]:
    return {
        "name": user.name,
        "role": user.role,
        "role_label": user.role_label,
        "units": list(user.unit_names),
    }


@members.get("/overview", summary="总览：按状态、年度、单位统计与图表数据")
def overview(request: Request, user: User) -> Any:
    return pages.to_json(pages.build_overview(db_of(request), user))


@members.get("/stats", summary="按单位和年度统计（与 jixiao stats 相同）")
def stats(request: Request, user: User, unit: str | None = None, year: int | None = None) -> Any:
    rows, total = store.stats(db_of(request), store.FormFilter(unit=unit, year=year), limit=500)
    if user.role == "filler":
        names = set(user.unit_names)
        rows = [r for r in rows if r.unit in names]
        total = len(rows)
    return {"total": total, "rows": pages.to_json(rows)}


@members.get("/forms", summary="表格列表（审核队列），筛选条件同网页")
def forms(request: Request, q: Queue) -> Any:
    """The page's model; a query field that cannot be read is in ``errors`` (status 422)."""
    model = pages.build_queue(
        db_of(request), q.flt, q.page, after=q.after, before=q.before, sort=q.sort, errors=q.errors
    )
    return JSONResponse(pages.to_json(model), status_code=422 if model.errors else 200)


@members.get("/forms/{form_id}", summary="一张表的页面模型（与网页相同）")
def form(request: Request, form_id: FormId, user: User) -> Any:
    return pages.to_json(pages.build_form_page(db_of(request), form_id, user))


@members.get("/forms/{form_id}/scan", summary="扫描件：页面图像、识别出的单元格与待核对单元格（与网页相同）")
def scan(request: Request, form_id: FormId, user: User) -> Any:
    db = db_of(request)
    page = pages.build_form_page(db, form_id, user)
    view = pages.build_scan_view(db, scan_root(request), form_id, page)
    if view is None:
        raise HTTPException(404, "本表不是由扫描件读取的")
    return pages.to_json(view)


@members.get("/forms/{form_id}/form-v1", summary="表格本身（jixiao.form/1 JSON）")
def form_v1(request: Request, form_id: FormId) -> Any:
    detail = store.get_form(db_of(request), form_id)
    assert detail is not None
    return form_to_contract(detail.form)


@members.get("/forms/{form_id}/findings", summary="审核发现（jixiao.findings/1 JSON）与审核结论")
def findings(request: Request, form_id: FormId) -> Any:
    db = db_of(request)
    detail = store.get_form(db, form_id)
    assert detail is not None
    verdicts = {(v.code, v.goal, v.indicator): v for v in store.review_notes(db, form_id).verdicts}
    out = []
    for record in findings_to_json(detail.findings):
        v = verdicts.get((record["code"], record["goal"], record["indicator"]))
        out.append(
            {**record, "verdict": v.verdict if v else None, "verdict_comment": v.comment if v else None}
        )
    return out


@members.get("/forms/{form_id}/transitions", summary="审核流程记录")
def transitions(request: Request, form_id: FormId) -> Any:
    notes = store.review_notes(db_of(request), form_id)
    return {
        "state": notes.state,
        "state_label": store.STATE_LABELS[notes.state],
        "steps": pages.to_json(notes.steps),
    }


@members.post("/import", summary="上传并导入文件（与 jixiao import 相同的事务）")
async def import_files(request: Request, user: User, files: Annotated[list[UploadFile], File()]) -> Any:
    loaded = [(f.filename or "", await f.read()) for f in files if f.filename]
    results = await run_in_threadpool(_files.import_uploads, db_of(request), loaded, user, scan_root(request))
    warm_scans(request, results)
    return pages.to_json(results)


@members.post("/review", summary="审核文件但不保存（返回 jixiao.findings/1）")
async def review_files(files: Annotated[list[UploadFile], File()]) -> Any:
    loaded = [(f.filename or "", await f.read()) for f in files if f.filename]
    return _files.review_uploads(loaded)


class VerdictIn(BaseModel):
    code: str
    goal: str | None = None
    indicator: str | None = None
    verdict: str = Field(description="confirmed（确认）或 rejected（不予采纳）")
    comment: str | None = None


class TransitionIn(BaseModel):
    action: str = Field(description="start / return / approve / reopen")
    comment: str | None = None
    opinion: str | None = Field(None, description="复核意见")


@reviewers.post("/forms/{form_id}/verdicts", summary="对一条审核发现作出结论")
def set_verdict(request: Request, form_id: FormId, user: User, body: VerdictIn) -> Any:
    try:
        store.set_verdict(
            db_of(request),
            form_id,
            body.code,
            body.goal,
            body.indicator,
            body.verdict,
            body.comment,
            user.name,
        )
    except store.WorkflowError as e:
        raise HTTPException(409, str(e)) from e
    return {"ok": True}


@reviewers.post("/forms/{form_id}/transitions", summary="审核流程操作：开始审核、退回修改、审核通过")
def transition(request: Request, form_id: FormId, user: User, body: TransitionIn) -> Any:
    if body.action == "submit":
        raise HTTPException(403, "提交由填报单位进行")
    try:
        state = store.transition(db_of(request), form_id, body.action, user.name, body.comment, body.opinion)
    except store.WorkflowError as e:
        raise HTTPException(409, str(e)) from e
    return {"state": state, "state_label": store.STATE_LABELS[state]}


@fillers.post("/forms/{form_id}/submit", summary="提交（填报单位）")
def submit(request: Request, form_id: FormId, user: User) -> Any:
    try:
        new_id = store.submit_form(db_of(request), form_id, user.name)
    except store.WorkflowError as e:
        raise HTTPException(409, str(e)) from e
    return {"id": new_id, "state": "submitted"}
