"""Hardening: CSRF, session fixation, login rate limit, path traversal, headers, size limit."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from jixiao import store
from tests.web.conftest import CULTURE, PASSWORD, csrf_of, form_ids, login


def test_post_without_or_with_wrong_csrf_is_refused(loaded: store.Database, client_for) -> None:  # type: ignore[no-untyped-def]
    form_id = form_ids(loaded, unit=CULTURE)[0]
    c = client_for("reviewer")
    good = c.headers.pop("X-CSRF-Token")
    data = {"action": "start"}
    assert c.post(f"/forms/{form_id}/transition", data=data).status_code == 403
    assert c.post(f"/forms/{form_id}/transition", data=data | {"csrf": "forged"}).status_code == 403
    assert store.state_of(loaded, form_id) == "submitted"
    assert c.post(f"/forms/{form_id}/transition", data=data | {"csrf": good}).status_code == 303
    assert store.state_of(loaded, form_id) == "in_review"


def test_login_form_needs_its_csrf_token(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for(None)
    c.get("/login")
    r = c.post("/login", data={"name": "admin", "password": PASSWORD})
    assert r.status_code == 403


def test_session_id_is_new_at_every_login_and_dies_at_logout(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for(None)
    c.cookies.set("jixiao_session", "attacker-chosen")
    assert c.get("/").headers["location"] == "/login"  # an unknown id opens nothing
    c.cookies.clear()
    login(c, "admin")
    first = c.cookies.get("jixiao_session")
    assert first and first != "attacker-chosen"
    login(c, "admin")
    second = c.cookies.get("jixiao_session")
    assert second != first
    stale = TestClient(c.app, follow_redirects=False)
    stale.cookies.set("jixiao_session", first)
    assert stale.get("/").status_code == 303  # the earlier id was dropped at the second login
    csrf = csrf_of(c.get("/").text)
    assert c.post("/logout", data={"csrf": csrf}).status_code == 303
    replay = TestClient(c.app, follow_redirects=False)
    replay.cookies.set("jixiao_session", second)
    assert replay.get("/").status_code == 303


def test_session_cookie_flags(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for(None)
    page = c.get("/login")
    r = c.post("/login", data={"name": "admin", "password": PASSWORD, "csrf": csrf_of(page.text)})
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/" in cookie


def test_login_rate_limit(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for(None)
    csrf = csrf_of(c.get("/login").text)
    for _ in range(5):
        r = c.post("/login", data={"name": "reviewer", "password": "wrong-password", "csrf": csrf})
        assert r.status_code == 401
    r = c.post("/login", data={"name": "reviewer", "password": PASSWORD, "csrf": csrf})
    assert r.status_code == 429 and "登录失败次数过多" in r.text
    # another account from another address is not locked out by it
    other = TestClient(c.app, follow_redirects=False, client=("10.0.0.9", 5000))
    login(other, "admin")


@pytest.mark.parametrize(
    "path",
    [
        "/static/../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2f_app.py",
        "/forms/{id}/download/..%2f..%2f..%2fetc%2fpasswd",
        "/forms/{id}/download/%2e%2e",
        "/forms/..%2f1",
    ],
)
def test_no_path_traversal(loaded: store.Database, client_for, path: str) -> None:  # type: ignore[no-untyped-def]
    c = client_for("reviewer")
    r = c.get(path.replace("{id}", str(form_ids(loaded)[0])))
    assert r.status_code in (400, 404, 422)
    assert "root:" not in r.text and "create_app" not in r.text


def test_security_headers(client_for) -> None:  # type: ignore[no-untyped-def]
    r = client_for(None).get("/login")
    h = r.headers
    assert "script-src 'self'" in h["content-security-policy"]
    assert "frame-ancestors 'none'" in h["content-security-policy"]
    assert h["x-content-type-options"] == "nosniff"
    assert h["x-frame-options"] == "DENY"
    assert h["referrer-policy"] == "same-origin"
    assert h["cache-control"] == "no-store"


def test_upload_size_limit(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("reviewer")
    big = b"x" * (3 * 1024 * 1024)  # the fixture's limit is 2 MB
    r = c.post("/upload", files=[("files", ("big.txt", big, "text/plain"))])
    assert r.status_code == 413 and "大小限制" in r.text
    assert c.get("/api/forms").json()["total"] == 0


def test_pages_never_load_from_the_internet(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("reviewer")
    for url in ("/", "/forms", "/upload", "/docs"):
        body = c.get(url).text
        assert "http://" not in body.replace("http://www.w3.org", "") and "https://" not in body, url


def test_edit_history_cannot_be_rewritten(loaded: store.Database) -> None:
    form_id = form_ids(loaded)[0]
    store.set_state(loaded, [form_id], "draft", "t")
    form = store.get_draft(loaded, form_id)
    assert form is not None
    store.save_draft(loaded, form_id, form, [("改进措施", None, "x")], "t")
    with loaded.engine.connect() as conn:
        for sql in ("UPDATE edit_history SET new = 'y'", "DELETE FROM edit_history"):
            with pytest.raises(Exception, match="只能追加"):
                conn.execute(text(sql))
            conn.rollback()
    assert [e.new for e in store.review_notes(loaded, form_id).edits] == ["x"]
