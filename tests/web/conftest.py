"""Web fixtures: the app on a real SQLite file, accounts of every role, logged-in clients.

Units: 填报人 ``wenhua`` belongs to 武汉市江夏区文化馆 (the examples' project forms), ``chengguan`` to
江夏区城市管理执法局 (their department forms) — so each is the "other unit" of the other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from jixiao import store
from jixiao.web import WebSettings, create_app

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
SEEDS = REPO.parent / "shared" / "seeds"
PASSWORD = "correct-horse-1"
CULTURE = "武汉市江夏区文化馆"
CITY = "武汉市江夏区城市管理执法局"
USERS = {
    "admin": ("admin", []),
    "reviewer": ("reviewer", []),
    "wenhua": ("filler", [CULTURE]),
    "chengguan": ("filler", [CITY]),
}


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "page has no CSRF field"
    return match[1]


@pytest.fixture
def db(tmp_path: Path) -> Iterator[store.Database]:
    database = store.Database(tmp_path / "web.db")
    for name, (role, units) in USERS.items():
        store.add_user(database, name, PASSWORD, role, units)
    yield database
    # every workflow step, upload and carry keeps the running sums (cells by state) exact
    from jixiao.store import _summary

    with database.reader() as s:
        assert _summary.differences(s) == []
    database.close()


@pytest.fixture
def loaded(db: store.Database) -> store.Database:
    summary = store.import_paths([EXAMPLES], db)
    assert len(summary.imported) == 4
    return db


@pytest.fixture
def app(db: store.Database):  # type: ignore[no-untyped-def]
    return create_app(db, WebSettings(max_upload_bytes=2 * 1024 * 1024, examples_dir=EXAMPLES))


@pytest.fixture
def client_for(app) -> Iterator[Callable[[str | None], TestClient]]:  # type: ignore[no-untyped-def]
    """``client_for("reviewer")``: a client logged in as that user (None: anonymous)."""
    clients: list[TestClient] = []

    def make(name: str | None) -> TestClient:
        c = TestClient(app, follow_redirects=False)
        clients.append(c)
        if name is not None:
            login(c, name)
        return c

    yield make
    for c in clients:
        c.close()


def login(c: TestClient, name: str, password: str = PASSWORD) -> None:
    c.headers.pop("X-CSRF-Token", None)
    page = c.get("/login")
    r = c.post("/login", data={"name": name, "password": password, "csrf": csrf_of(page.text)})
    assert r.status_code == 303, r.text
    c.headers["X-CSRF-Token"] = csrf_of(c.get("/").text)


def form_ids(db: store.Database, **flt: object) -> list[int]:
    rows, _ = store.list_queue(db, store.QueueFilter(**flt), limit=1000)  # type: ignore[arg-type]
    return [r.id for r in rows]
