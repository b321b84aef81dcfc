"""Who is asking, and may they: sessions, API tokens, CSRF, roles and the login rate limit.

Roles are applied to whole routers (``APIRouter(dependencies=[Depends(roles(...))])``) so a
route cannot forget its check; unit scoping of a 填报人 is one dependency on every route that
takes a form id (``visible_form``).
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Depends, HTTPException, Request

from jixiao import store

__all__ = [
    "SESSION_COOKIE",
    "LoginLimiter",
    "LoginRequired",
    "check_csrf",
    "current_user",
    "roles",
    "visible_form",
]

SESSION_COOKIE = "jixiao_session"
PRE_COOKIE = "jixiao_pre"  # CSRF token of the login form (before there is a session)


class LoginRequired(Exception):
    """Raised by page dependencies; the app answers with a redirect to /login (API: 401)."""


@dataclass
class Caller:
    user: store.User
    csrf: str | None  # None for token (API) callers: no cookie, no CSRF to check


def db_of(request: Request) -> store.Database:
    return request.app.state.db


def _caller(request: Request) -> Caller | None:
    if hasattr(request.state, "caller"):
        return request.state.caller
    caller = None
    db = db_of(request)
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        user = store.token_user(db, auth[7:].strip())
        caller = Caller(user, None) if user else None
    elif token := request.cookies.get(SESSION_COOKIE):
        found = store.session_user(db, token)
        caller = Caller(*found) if found else None
    request.state.caller = caller
    return caller


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def current_user(request: Request) -> store.User:
    """The logged-in user; anonymous callers get 401 (API) or the login page."""
    caller = _caller(request)
    if caller is None:
        if _is_api(request):
            raise HTTPException(401, "需要登录（Authorization: Bearer 令牌）", {"WWW-Authenticate": "Bearer"})
        raise LoginRequired
    return caller.user


def optional_user(request: Request) -> store.User | None:
    caller = _caller(request)
    return caller.user if caller else None


def csrf_token(request: Request) -> str:
    """The token a page embeds in its forms (session token, or the login form's own)."""
    caller = _caller(request)
    if caller is not None and caller.csrf:
        return caller.csrf
    token = request.cookies.get(PRE_COOKIE)
    if not token:
        token = getattr(request.state, "new_pre", None) or secrets.token_urlsafe(24)
        request.state.new_pre = token
    return token


async def check_csrf(request: Request) -> None:
    """Every state-changing request by cookie must carry the session's CSRF token."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    caller = _caller(request)
    if caller is not None and caller.csrf is None:
        return  # Bearer token: not sent by a browser on its own, nothing to forge
    expected = caller.csrf if caller is not None else request.cookies.get(PRE_COOKIE)
    sent = request.headers.get("x-csrf-token")
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get("csrf")
        sent = value if isinstance(value, str) else None
    if not expected or not sent or not hmac.compare_digest(expected, sent):
        raise HTTPException(403, "请求已失效（CSRF 校验失败），请刷新页面后重试")


def roles(*allowed: str) -> Callable[[Request], store.User]:
    """A dependency admitting only users of the given roles (403 otherwise)."""

    def check(user: store.User = Depends(current_user)) -> store.User:
        if user.role not in allowed:
            raise HTTPException(403, "当前账号无权进行此操作")
        return user

    check.__name__ = f"roles_{'_'.join(allowed)}"
    return check


def visible_form(form_id: int, request: Request, user: store.User = Depends(current_user)) -> int:
    """The form id of the path, if the user may see that form (404 absent, 403 another unit)."""
    exists, unit_id = store.form_unit(db_of(request), form_id)
    if not exists:
        raise HTTPException(404, f"表 {form_id} 不存在")
    if not user.sees_unit(unit_id):
        raise HTTPException(403, "无权查看其他单位的表")
    return form_id


class LoginLimiter:
    """At most ``attempts`` failed logins per ``window`` seconds per account name and per address."""

    def __init__(self, attempts: int = 5, window: float = 300.0) -> None:
        self.attempts, self.window = attempts, window
        self._failures: dict[str, deque[float]] = defaultdict(deque)

    def _recent(self, key: str) -> deque[float]:
        q = self._failures[key]
        now = time.monotonic()
        while q and now - q[0] > self.window:
            q.popleft()
        return q

    def blocked(self, *keys: str) -> float:
        """Seconds to wait before the next try (0: may try now)."""
        wait = 0.0
        for key in keys:
            q = self._recent(key)
            if len(q) >= self.attempts:
                wait = max(wait, self.window - (time.monotonic() - q[0]))
        return wait

    def failed(self, *keys: str) -> None:
        for key in keys:
            self._recent(key).append(time.monotonic())

    def succeeded(self, name_key: str) -> None:
        self._failures.pop(name_key, None)
