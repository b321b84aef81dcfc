"""``create_app``: the one factory (fava's ``create_app``), with its settings and middleware."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import jixiao
from jixiao import store
from jixiao.read._registry import supported_suffixes
from jixiao.vocabulary import INPUT_TYPES, UNCERTAIN
from jixiao.web._auth import PRE_COOKIE, LoginLimiter, LoginRequired, csrf_token, optional_user
from jixiao.web._scan import cache_dir
from jixiao.web.pages import finding_anchor

__all__ = ["WebSettings", "create_app"]

WEB = resources.files("jixiao.web")
REPO_EXAMPLES = Path(jixiao.__file__).resolve().parents[1] / "examples"


@dataclass(frozen=True)
class WebSettings:
    """Limits and switches of the web application (``jixiao serve`` flags set them)."""

    max_upload_bytes: int = 20 * 1024 * 1024  # one request body
    secure_cookies: bool = False  # set behind HTTPS: cookies then travel over HTTPS only
    login_attempts: int = 5  # failed logins per account name and per address …
    login_window_s: float = 300.0  # … within this many seconds
    examples_dir: Path | None = REPO_EXAMPLES if REPO_EXAMPLES.is_dir() else None
    scan_cache: Path | None = None  # page images of scans; default: beside the SQLite file


_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
)
_DOCS_CSP = _CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


class Guard:
    """ASGI middleware: request body size limit and security headers on every response."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _too_large(send, self.limit)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _BodyTooLarge
            return message

        csp = _DOCS_CSP if scope["path"] in ("/docs",) else _CSP

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [
                    (b"content-security-policy", csp.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"same-origin"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
                ]
                if not scope["path"].startswith("/static/"):
                    extra.append((b"cache-control", b"no-store"))
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        try:
            await self.app(scope, limited, secured)
        except _BodyTooLarge:
            await _too_large(send, self.limit)


class _BodyTooLarge(Exception):
    pass


async def _too_large(send: Send, limit: int) -> None:
    body = f"上传内容超过大小限制（{limit // (1024 * 1024)} MB）".encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _fmt(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def _back_to(request: Request) -> str | None:
    """The page of this site the failed request came from (its Referer), as a path: the way back
    to the form that was being filled in; None for another site or the failing page itself."""
    referer = request.headers.get("referer", "")
    base = str(request.base_url)
    if not referer.startswith(base):
        return None
    path = "/" + referer[len(base) :]
    if path.startswith("//") or "\\" in path:
        return None  # "//host" would lead to another site
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return None if path == here else path


def create_app(db: str | store.Database | None = None, settings: WebSettings | None = None) -> FastAPI:
    """The web application over one database (a URL, a path, or an open ``Database``)."""
    from jixiao.web import _admin, _api, _guide, _units, _views

    settings = settings or WebSettings()
    database = db if isinstance(db, store.Database) else store.Database(db)
    app = FastAPI(
        title="jixiao 绩效 API",
        version=jixiao.__version__,
        description=(
            "预算绩效表的读取、评分、审核与审核流程。"
            "认证：`Authorization: Bearer <令牌>`（在“我的账号”页面生成）。"
        ),
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.db = database
    app.state.settings = settings
    app.state.scan_cache = cache_dir(database, settings.scan_cache)
    app.state.limiter = LoginLimiter(settings.login_attempts, settings.login_window_s)
    templates = Jinja2Templates(directory=str(WEB / "templates"))
    templates.env.filters["num"] = _fmt
    templates.env.globals["dataclasses"] = dataclasses
    templates.env.globals["input_types"] = INPUT_TYPES
    # the file picker offers what the readers take (one list: a new reader appears by itself)
    templates.env.globals["input_accept"] = ",".join(supported_suffixes())
    templates.env.globals["upload_mb"] = max(1, settings.max_upload_bytes // (1024 * 1024))
    templates.env.globals["UNCERTAIN"] = UNCERTAIN
    templates.env.globals["finding_anchor"] = finding_anchor
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(WEB / "static")), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/api/openapi.json",
            title="jixiao API 文档",
            swagger_js_url="/static/vendor/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    app.include_router(_views.public)
    app.include_router(_views.members)
    app.include_router(_views.staff)
    app.include_router(_views.fillers)
    app.include_router(_views.reviewers)
    app.include_router(_admin.admins)
    app.include_router(_api.members)
    app.include_router(_api.fillers)
    app.include_router(_api.reviewers)
    app.include_router(_units.pages)
    app.include_router(_units.api)
    app.include_router(_guide.pages)
    app.include_router(_guide.api)

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, _exc: LoginRequired) -> Response:
        if request.headers.get("hx-request"):
            return Response(status_code=401, headers={"HX-Redirect": "/login"})
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api/") or request.headers.get("hx-request"):
            return JSONResponse({"detail": exc.detail}, exc.status_code, headers=exc.headers)
        return page_error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        fields = "、".join(".".join(str(p) for p in e.get("loc", ())[1:]) for e in exc.errors()) or "参数"
        message = f"请求参数无效：{fields}"
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": message}, 422)
        return page_error(request, 422, message)

    def page_error(request: Request, status: int, message: str) -> Response:
        return templates.TemplateResponse(
            request,
            "error.html",
            {
                "user": optional_user(request),
                "csrf": csrf_token(request),
                "status": status,
                "message": message,
                "back": _back_to(request),
            },
            status_code=status,
        )

    @app.middleware("http")
    async def pre_cookie(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        token = getattr(request.state, "new_pre", None)
        if token:
            response.set_cookie(
                PRE_COOKIE, token, httponly=True, samesite="strict", secure=settings.secure_cookies, path="/"
            )
        return response

    app.add_middleware(Guard, limit=settings.max_upload_bytes)
    return app
