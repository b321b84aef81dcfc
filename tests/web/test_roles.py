"""Every route, called as anonymous, as each role and as a 填报人 of another unit.

The table below is the whole access policy; a route missing from it fails the test, so a new
route cannot ship without its row. "Allowed" means the request got past authentication and
authorisation (anything but 401, 403 or the redirect to the login page).
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from jixiao import store
from tests.web.conftest import CITY, CULTURE, EXAMPLES, csrf_of, form_ids, login

ANON, ADMIN, REVIEWER, OWN, OTHER = "anonymous", "admin", "reviewer", "wenhua", "chengguan"
CALLERS = (ANON, ADMIN, REVIEWER, OWN, OTHER)
EVERYONE = frozenset(CALLERS)
MEMBERS = frozenset({ADMIN, REVIEWER, OWN, OTHER})
SEES_FORM = frozenset({ADMIN, REVIEWER, OWN})  # the form belongs to OWN's unit
STAFF = frozenset({ADMIN, REVIEWER})
EXAMPLE = (EXAMPLES / "2023_江夏区文化馆_群众文化活动经费_项目自评表.txt").read_bytes()
UPLOAD = {"files": [("files", ("a.txt", EXAMPLE, "text/plain"))]}

# (method, path) → (who may call it, request body)
POLICY: dict[tuple[str, str], tuple[frozenset[str], dict[str, Any]]] = {
    ("GET", "/healthz"): (EVERYONE, {}),
    ("GET", "/login"): (EVERYONE, {}),
    ("POST", "/login"): (EVERYONE, {"data": {"name": "admin", "password": "correct-horse-1"}}),
    ("GET", "/setup"): (frozenset(), {}),  # closed once an account exists
    ("POST", "/setup"): (
        frozenset(),
        {"data": {"name": "x", "password": "12345678", "password2": "12345678"}},
    ),
    ("GET", "/docs"): (EVERYONE, {}),
    ("GET", "/api/openapi.json"): (EVERYONE, {}),
    ("GET", "/"): (MEMBERS, {}),
    ("GET", "/forms"): (MEMBERS, {}),
    ("GET", "/forms/{form_id}"): (SEES_FORM, {}),
    ("GET", "/forms/{form_id}/download/{kind}"): (SEES_FORM, {}),
    # scan routes: the matrix's form is a text form (404 past the check); tests/web/test_scan.py
    # walks them on a real scan
    ("GET", "/forms/{form_id}/scan"): (SEES_FORM, {}),
    ("GET", "/forms/{form_id}/scan/{page}.png"): (SEES_FORM, {}),
    ("GET", "/forms/{form_id}/scan/{page}/cells/{table}/{row}/{col}.png"): (SEES_FORM, {}),
    ("GET", "/upload"): (MEMBERS, {}),
    ("POST", "/upload"): (MEMBERS, UPLOAD),
    ("GET", "/account"): (MEMBERS, {}),
    ("POST", "/account/tokens"): (MEMBERS, {"data": {"label": "t"}}),
    ("POST", "/logout"): (MEMBERS, {}),
    ("POST", "/examples"): (STAFF, {}),
    ("GET", "/issues.xlsx"): (STAFF, {}),
    ("POST", "/forms/{form_id}/self-evaluation"): (frozenset({OWN}), {}),
    ("POST", "/forms/{form_id}/edit"): (frozenset({OWN}), {"data": {"improvement": "x"}}),
    ("POST", "/forms/{form_id}/preview"): (frozenset({OWN}), {"data": {"improvement": "y"}}),
    ("POST", "/forms/{form_id}/submit"): (frozenset({OWN}), {}),
    ("POST", "/forms/{form_id}/verdict"): (
        frozenset({REVIEWER}),
        {"data": {"key": "form.total_mismatch||", "verdict": "confirmed"}},
    ),
    ("POST", "/forms/{form_id}/audit-score"): (
        frozenset({REVIEWER}),
        {"data": {"goal": "g", "indicator": "i", "score": "1", "reason": "r"}},
    ),
    ("POST", "/forms/{form_id}/transition"): (frozenset({REVIEWER}), {"data": {"action": "start"}}),
    ("GET", "/admin"): (frozenset({ADMIN}), {}),
    ("POST", "/admin/users"): (frozenset({ADMIN}), {"data": {"name": "", "password": "", "role": "x"}}),
    ("POST", "/admin/aliases"): (frozenset({ADMIN}), {"data": {"alias": "文化馆", "unit": CULTURE}}),
    ("POST", "/admin/rules"): (frozenset({ADMIN}), {"data": {"year": "2023", "rule_set": ""}}),
    ("POST", "/admin/rescore"): (frozenset({ADMIN}), {"data": {"year": "2023"}}),
    # the year's run: 404 until one was started (the policy is checked before)
    ("GET", "/admin/rescore/{year}"): (frozenset({ADMIN}), {}),
    ("GET", "/admin/rescore/{year}/progress"): (frozenset({ADMIN}), {}),
    ("GET", "/units"): (MEMBERS, {}),
    ("GET", "/units/{unit}"): (SEES_FORM, {}),  # the unit is OWN's
    ("GET", "/help"): (MEMBERS, {}),
    ("GET", "/api/help"): (MEMBERS, {}),
    ("GET", "/api/units"): (MEMBERS, {}),
    ("GET", "/api/units/{unit}"): (SEES_FORM, {}),
    ("GET", "/api/me"): (MEMBERS, {}),
    ("GET", "/api/overview"): (MEMBERS, {}),
    ("GET", "/api/stats"): (MEMBERS, {}),
    ("GET", "/api/forms"): (MEMBERS, {}),
    ("GET", "/api/forms/{form_id}"): (SEES_FORM, {}),
    ("GET", "/api/forms/{form_id}/form-v1"): (SEES_FORM, {}),
    ("GET", "/api/forms/{form_id}/scan"): (SEES_FORM, {}),
    ("GET", "/api/forms/{form_id}/findings"): (SEES_FORM, {}),
    ("GET", "/api/forms/{form_id}/transitions"): (SEES_FORM, {}),
    ("POST", "/api/import"): (MEMBERS, UPLOAD),
    ("POST", "/api/review"): (MEMBERS, UPLOAD),
    ("POST", "/api/forms/{form_id}/verdicts"): (
        frozenset({REVIEWER}),
        {"json": {"code": "form.total_mismatch", "verdict": "confirmed"}},
    ),
    ("POST", "/api/forms/{form_id}/transitions"): (frozenset({REVIEWER}), {"json": {"action": "start"}}),
    ("POST", "/api/forms/{form_id}/submit"): (frozenset({OWN}), {}),
}


def _walk(routes: list[Any]) -> list[Any]:
    out = []
    for route in routes:
        included = getattr(route, "original_router", None)  # FastAPI keeps included routers whole
        out.extend(_walk(included.routes) if included is not None else [route])
    return out


def _routes(app: Any) -> set[tuple[str, str]]:
    found = set()
    for route in _walk(app.routes):
        if isinstance(route, APIRoute) or getattr(route, "methods", None):
            for method in route.methods or ():
                if method != "HEAD":
                    found.add((method, route.path))
    return found


def test_policy_covers_every_route(app) -> None:  # type: ignore[no-untyped-def]
    assert _routes(app) == set(POLICY)


def _refused(r: Any) -> bool:
    if r.status_code in (401, 403):
        return True
    return r.status_code in (302, 303, 307) and r.headers.get("location", "").endswith("/login")


@pytest.mark.parametrize("via", ["session", "token"])
def test_role_matrix(app, loaded: store.Database, via: str) -> None:  # type: ignore[no-untyped-def]
    form_id = form_ids(loaded, unit=CULTURE, kind="project_self_evaluation")[0]
    assert form_ids(loaded, unit=CITY)  # the other unit has forms of its own
    clients: dict[str, TestClient] = {}
    for name in CALLERS:
        c = TestClient(app, follow_redirects=False)
        if name == ANON:
            c.headers["X-CSRF-Token"] = csrf_of(c.get("/login").text)
        elif via == "session":
            login(c, name)
        else:
            user = next(u for u in store.list_users(loaded) if u.name == name)
            c.headers["Authorization"] = f"Bearer {store.create_token(loaded, user.id)}"
        clients[name] = c
    allowed: dict[tuple[str, str], set[str]] = {}
    order = sorted(POLICY, key=lambda k: (k[0] != "GET", k[1]))  # state-changing routes last
    for method, path in order:
        url = path.replace("{form_id}", str(form_id)).replace("{kind}", "xlsx").replace("{unit}", CULTURE)
        url = url.replace("{year}", "2023")
        for part in ("{page}", "{table}", "{row}", "{col}"):
            url = url.replace(part, "1")
        if path.endswith("/self-evaluation"):
            url = path.replace("{form_id}", str(form_ids(loaded, unit=CULTURE)[0]))
        allowed[(method, path)] = set()
        for name, c in clients.items():
            kwargs = POLICY[(method, path)][1]
            if "files" in kwargs:
                kwargs = {"files": [(k, (n, b, t)) for k, (n, b, t) in kwargs["files"]]}
            r = c.request(method, url, **kwargs)
            assert r.status_code < 500, (method, path, name, r.text[:300])
            if not _refused(r):
                allowed[(method, path)].add(name)
            if method == "POST" and path in ("/login", "/logout"):
                # a login replaces the caller's session: give each caller its own back
                c.cookies.clear()
                if name == ANON:
                    c.headers["X-CSRF-Token"] = csrf_of(c.get("/login").text)
                elif via == "session":
                    login(c, name)
    for key, (expected, _) in POLICY.items():
        if via == "token" and key in (("POST", "/login"), ("POST", "/logout")):
            continue  # cookie-session routes
        assert allowed[key] == set(expected), key
    for c in clients.values():
        c.close()


def test_anonymous_api_gets_401(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for(None)
    r = c.get("/api/forms")
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert c.get("/api/forms", headers={"Authorization": "Bearer jx_wrong"}).status_code == 401


def test_lists_show_a_unit_only_its_own_forms(loaded: store.Database, client_for) -> None:  # type: ignore[no-untyped-def]
    for name, unit in (("wenhua", CULTURE), ("chengguan", CITY)):
        rows = client_for(name).get("/api/forms").json()["rows"]
        assert rows and {r["unit"] for r in rows} == {unit}, name
        assert client_for(name).get("/api/overview").json()["forms"] == len(rows)
    assert client_for("reviewer").get("/api/forms").json()["total"] == 4
