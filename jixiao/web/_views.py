"""The HTML pages. Routers group routes by who may call them; each route builds a page model.

public — login and first-run set-up; members — anyone logged in; staff — 管理员 and 审核人员;
fillers — 填报人 (their own units, checked by ``visible_form``); reviewers — 审核人员;
admins — 管理员 (``_admin``). ``tests/web/test_roles.py`` walks every route with every role.
"""

from __future__ import annotations

import math
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from jixiao import store
from jixiao.web import _files, _scan, pages
from jixiao.web._auth import (
    SESSION_COOKIE,
    check_csrf,
    csrf_token,
    current_user,
    db_of,
    optional_user,
    roles,
    visible_form,
)
from jixiao.web._edit import apply_edits, keep_inferred_weights
from jixiao.web._queue_query import QueueQuery, queue_query, strict_filter

__all__ = ["User", "back", "fillers", "members", "public", "render", "reviewers", "staff"]

public = APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)
members = APIRouter(dependencies=[Depends(current_user), Depends(check_csrf)], include_in_schema=False)
staff = APIRouter(
    dependencies=[Depends(roles("admin", "reviewer")), Depends(check_csrf)], include_in_schema=False
)
fillers = APIRouter(dependencies=[Depends(roles("filler")), Depends(check_csrf)], include_in_schema=False)
reviewers = APIRouter(dependencies=[Depends(roles("reviewer")), Depends(check_csrf)], include_in_schema=False)

User = Annotated[store.User, Depends(current_user)]
FormId = Annotated[int, Depends(visible_form)]


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("user", optional_user(request))
    context["csrf"] = csrf_token(request)
    context["state_labels"] = store.STATE_LABELS
    context["kind_labels"] = pages.KIND_LABELS
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status)


def back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _client(request: Request) -> str:
    return request.client.host if request.client else "?"


# ---------------------------------------------------------------- public


@public.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@public.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> Response:
    if store.user_count(db_of(request)) == 0:
        return back("/setup")
    return render(request, "login.html", error=None, bye="logged_out" in request.query_params)


def _start_session(request: Request, user: store.User, to: str = "/") -> Response:
    db = db_of(request)
    if old := request.cookies.get(SESSION_COOKIE):
        store.delete_session(db, old)  # never carry a session id across a login (fixation)
    token, _ = store.create_session(db, user.id)
    response = back(to)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=request.app.state.settings.secure_cookies or request.url.scheme == "https",
        max_age=store.SESSION_HOURS * 3600,
        path="/",
    )
    return response


@public.post("/login", response_class=HTMLResponse)
def login(request: Request, name: Annotated[str, Form()], password: Annotated[str, Form()]) -> Response:
    limiter = request.app.state.limiter
    keys = (f"user:{name.strip()}", f"ip:{_client(request)}")
    wait = limiter.blocked(*keys)
    if wait:
        minutes = max(1, round(wait / 60))
        return render(request, "login.html", 429, error=f"登录失败次数过多，请 {minutes} 分钟后再试")
    user = store.authenticate(db_of(request), name, password)
    if user is None:
        limiter.failed(*keys)
        return render(request, "login.html", 401, error="用户名或密码错误")
    limiter.succeeded(keys[0])
    return _start_session(request, user)


@public.get("/setup", response_class=HTMLResponse)
def setup_page(request: Request) -> Response:
    if store.user_count(db_of(request)) > 0:
        return back("/login")
    return render(request, "setup.html", error=None)


@public.post("/setup", response_class=HTMLResponse)
def setup(
    request: Request,
    name: Annotated[str, Form()],
    password: Annotated[str, Form()],
    password2: Annotated[str, Form()],
) -> Response:
    db = db_of(request)
    if store.user_count(db) > 0:
        raise HTTPException(403, "系统已设置管理员")
    if password != password2:
        return render(request, "setup.html", 400, error="两次输入的密码不一致")
    try:
        user = store.add_user(db, name, password, "admin")
    except store.UserError as e:
        return render(request, "setup.html", 400, error=str(e))
    return _start_session(request, user)


# ---------------------------------------------------------------- members


@members.post("/logout")
def logout(request: Request) -> Response:
    if token := request.cookies.get(SESSION_COOKIE):
        store.delete_session(db_of(request), token)
    response = back("/login?logged_out=1")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@members.get("/", response_class=HTMLResponse)
def overview(request: Request, user: User) -> Response:
    page = pages.build_overview(db_of(request), user)
    return render(request, "overview.html", page=page, chart=pages.to_json(page))


Filter = Annotated[store.QueueFilter, Depends(strict_filter)]
Queue = Annotated[QueueQuery, Depends(queue_query)]


@members.get("/forms", response_class=HTMLResponse)
def queue(request: Request, q: Queue) -> Response:
    """The queue; a query field that cannot be read is an error beside it, the rest is shown."""
    model = pages.build_queue(
        db_of(request), q.flt, q.page, after=q.after, before=q.before, sort=q.sort, errors=q.errors
    )
    # the filters as given, for the page links (which add their own page and cursor)
    given = request.query_params.multi_items()
    base = urlencode([(k, v) for k, v in given if k not in _PAGING])
    unsorted = urlencode([(k, v) for k, v in given if k not in _PAGING and k != "sort"])
    typed = {k: v for k, v in request.query_params.items() if k in model.errors}
    status = 422 if model.errors else 200
    return render(request, "queue.html", status, page=model, query=base, unsorted=unsorted, typed=typed)


_PAGING = frozenset({"page", "after", "before"})


@members.get("/forms/{form_id}", response_class=HTMLResponse)
def form_page(request: Request, form_id: FormId, user: User) -> Response:
    page = pages.build_form_page(db_of(request), form_id, user)
    return render(request, "form.html", page=page, downloads=_files.DOWNLOADS, error=None)


def scan_root(request: Request) -> Any:
    return request.app.state.scan_cache


@members.get("/forms/{form_id}/scan", response_class=HTMLResponse)
def scan_section(request: Request, form_id: FormId, user: User) -> Response:
    """The scanned pages with the recognised grid and the cells to check (loaded after the page)."""
    db = db_of(request)
    page = pages.build_form_page(db, form_id, user)
    view = pages.build_scan_view(db, scan_root(request), form_id, page)
    if view is None:
        raise HTTPException(404, "本表不是由扫描件读取的")
    return render(request, "_scan.html", page=page, view=view)


def _scan_source(request: Request, form_id: int) -> _scan.ScanSource:
    src = _scan.scan_source(db_of(request), form_id)
    if src is None or not src.pages:
        raise HTTPException(404, "本表不是由扫描件读取的")
    return src


def _png(content: bytes) -> Response:
    return Response(content, media_type="image/png", headers={"cache-control": "private, max-age=3600"})


@members.get("/forms/{form_id}/scan/{page}.png")
def scan_image(request: Request, form_id: FormId, page: int) -> Response:
    src = _scan_source(request, form_id)
    try:
        return _png(_scan.page_png(db_of(request), scan_root(request), src, page))
    except _scan.ScanError as e:
        raise HTTPException(404, str(e)) from e


@members.get("/forms/{form_id}/scan/{page}/cells/{table}/{row}/{col}.png")
def scan_crop(request: Request, form_id: FormId, page: int, table: int, row: int, col: int) -> Response:
    """The crop of one cell to check, by its place in the grid (as its finding names it)."""
    src = _scan_source(request, form_id)
    try:
        return _png(_scan.crop_png(db_of(request), scan_root(request), src, page, table, row, col))
    except _scan.ScanError as e:
        raise HTTPException(404, str(e)) from e


@members.get("/forms/{form_id}/download/{kind}")
def download(request: Request, form_id: FormId, kind: str) -> Response:
    if kind not in _files.DOWNLOADS:
        raise HTTPException(404, "未知的下载类型")
    detail = store.get_form(db_of(request), form_id)
    assert detail is not None
    try:
        content, name, media = _files.download(detail, kind)
    except _files.DownloadError as e:
        raise HTTPException(503, str(e)) from e
    disposition = "inline" if kind == "report.html" else "attachment"
    return Response(
        content,
        media_type=media,
        headers={"content-disposition": f"{disposition}; filename*=UTF-8''{quote(name)}"},
    )


@members.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request) -> Response:
    return render(request, "upload.html", results=None)


@members.post("/upload", response_class=HTMLResponse)
async def upload(request: Request, user: User, files: Annotated[list[UploadFile], File()]) -> Response:
    loaded = [(f.filename or "", await f.read()) for f in files if f.filename]
    results = await run_in_threadpool(_files.import_uploads, db_of(request), loaded, user, scan_root(request))
    warm_scans(request, results)
    template = "_upload_results.html" if request.headers.get("hx-request") else "upload.html"
    return render(request, template, results=results)


def warm_scans(request: Request, results: list[_files.FileResult]) -> None:
    """Start recognising the pages of uploaded scans now, so their form pages show them at once."""
    ids = [fid for r in results if r.status == "imported" and _scan.maybe_scan(r.name) for fid in r.forms]
    if ids:
        _scan.warm(db_of(request), scan_root(request), ids)


@members.get("/account", response_class=HTMLResponse)
def account(request: Request) -> Response:
    return render(request, "account.html", token=None)


@members.post("/account/tokens", response_class=HTMLResponse)
def new_token(request: Request, user: User, label: Annotated[str, Form()] = "") -> Response:
    token = store.create_token(db_of(request), user.id, label.strip()[:200])
    return render(request, "account.html", token=token)


# ---------------------------------------------------------------- staff (管理员, 审核人员)


@staff.post("/examples")
def import_examples(request: Request, user: User) -> Response:
    folder = request.app.state.settings.examples_dir
    if folder is None:
        raise HTTPException(404, "没有找到示例数据目录 examples/")
    store.import_paths([folder], db_of(request))
    return back("/")


@staff.get("/issues.xlsx")
def issues(request: Request, flt: Filter) -> Response:
    content, _ = _files.issue_list(db_of(request), flt)
    return Response(
        content,
        media_type=_files.DOWNLOADS["xlsx"][1],
        headers={"content-disposition": f"attachment; filename*=UTF-8''{quote('问题清单.xlsx')}"},
    )


# ---------------------------------------------------------------- fillers (填报人)


@fillers.post("/forms/{form_id}/self-evaluation")
def create_self_evaluation(request: Request, form_id: FormId, user: User) -> Response:
    try:
        new_id = store.create_self_evaluation(db_of(request), form_id, user.name)
    except store.WorkflowError as e:
        raise HTTPException(409, str(e)) from e
    return back(f"/forms/{new_id}")


def _editable(request: Request, form_id: int, user: store.User) -> Any:
    page = pages.build_form_page(db_of(request), form_id, user)
    if not page.can_edit:
        raise HTTPException(409, f"表当前状态为“{page.state_label}”，不能修改")
    draft = store.get_draft(db_of(request), form_id)
    assert draft is not None
    detail = store.get_form(db_of(request), form_id)
    return keep_inferred_weights(draft, detail.scorecard if detail else None)


async def _fields(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf"}


@fillers.post("/forms/{form_id}/edit", response_class=HTMLResponse)
async def edit(request: Request, form_id: FormId, user: User) -> Response:
    """Save what the unit typed (edit history), then answer with the recomputed cells."""
    form, changes, errors = apply_edits(_editable(request, form_id, user), await _fields(request))
    if changes and not errors:
        try:
            store.save_draft(db_of(request), form_id, form, changes, user.name)
        except store.WorkflowError as e:
            raise HTTPException(409, str(e)) from e
    page = pages.build_live_page(db_of(request), form_id, form, user)
    notes = store.review_notes(db_of(request), form_id)
    page.edits = [
        {"form_id": e.form_id, "field": e.field, "old": e.old, "new": e.new, "by": e.by, "at": e.at}
        for e in notes.edits
    ]
    return render(request, "_live.html", page=page, errors=errors, saved=bool(changes) and not errors)


@fillers.post("/forms/{form_id}/preview", response_class=HTMLResponse)
async def preview(request: Request, form_id: FormId, user: User) -> Response:
    """Recompute as the unit types, without saving."""
    form, _, errors = apply_edits(_editable(request, form_id, user), await _fields(request))
    page = pages.build_live_page(db_of(request), form_id, form, user)
    return render(request, "_live.html", page=page, errors=errors, saved=False, preview=True)


@fillers.post("/forms/{form_id}/submit")
def submit(request: Request, form_id: FormId, user: User, comment: Annotated[str, Form()] = "") -> Response:
    try:
        new_id = store.submit_form(db_of(request), form_id, user.name, comment.strip() or None)
    except store.WorkflowError as e:
        raise HTTPException(409, str(e)) from e
    return back(f"/forms/{new_id}")


# ---------------------------------------------------------------- reviewers (审核人员)


@reviewers.post("/forms/{form_id}/verdict")
def verdict(
    request: Request,
    form_id: FormId,
    user: User,
    key: Annotated[str, Form()],
    verdict: Annotated[str, Form()],
    comment: Annotated[str, Form()] = "",
) -> Response:
    code, _, rest = key.partition("|")
    goal, _, indicator = rest.partition("|")
    try:
        store.set_verdict(
            db_of(request),
            form_id,
            code,
            goal or None,
            indicator or None,
            verdict,
            comment.strip(),
            user.name,
        )
    except store.WorkflowError as e:
        raise HTTPException(409, str(e)) from e
    return back(f"/forms/{form_id}#{pages.finding_anchor(key)}")


@reviewers.post("/forms/{form_id}/audit-score")
def audit_score(
    request: Request,
    form_id: FormId,
    user: User,
    goal: Annotated[str, Form()],
    indicator: Annotated[str, Form()],
    score: Annotated[str, Form()],
    reason: Annotated[str, Form()] = "",
) -> Response:
    value = _audit_value(db_of(request), form_id, goal, indicator, score)
    try:
        store.set_audit_score(db_of(request), form_id, goal or None, indicator, value, reason, user.name)
    except store.WorkflowError as e:
        raise HTTPException(409, str(e)) from e
    return back(f"/forms/{form_id}")


def _audit_value(db: store.Database, form_id: int, goal: str, indicator: str, text: str) -> float:
    """The 复核得分 typed, if it is a score of that indicator: a number from 0 to its 分值."""
    try:
        value = float(text)
    except ValueError:
        raise HTTPException(422, f"复核得分应为数字（收到“{text}”）") from None
    detail = store.get_form(db, form_id)
    assert detail is not None  # visible_form found it
    if not any(g.name == (goal or g.name) and i.name == indicator for g, i in detail.form.indicators()):
        raise HTTPException(422, f"本表没有指标“{indicator}”")
    weight = next(
        (
            s.weight
            for s in (detail.scorecard.indicators if detail.scorecard else [])
            if s.indicator == indicator and s.goal == (goal or s.goal)
        ),
        None,
    )
    if not math.isfinite(value) or value < 0 or (weight is not None and value > weight + 1e-9):
        top = f"到 {weight:g} 分（该指标分值）" if weight is not None else "以上"
        raise HTTPException(422, f"“{indicator}”的复核得分应在 0 {top}之间，收到 {text}")
    return value


@reviewers.post("/forms/{form_id}/transition")
def transition(
    request: Request,
    form_id: FormId,
    user: User,
    action: Annotated[str, Form()],
    comment: Annotated[str, Form()] = "",
    opinion: Annotated[str | None, Form()] = None,
) -> Response:
    if action == "submit":
        raise HTTPException(403, "提交由填报单位进行")
    try:
        store.transition(db_of(request), form_id, action, user.name, comment.strip() or None, opinion)
    except store.WorkflowError as e:
        raise HTTPException(409, str(e)) from e
    return back(f"/forms/{form_id}")
