"""What a person sees on the pages: the choices offered, the words used, the way back from an error."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi.testclient import TestClient

from jixiao.read._registry import supported_suffixes


def test_the_file_picker_offers_every_type_a_reader_takes(
    client_for: Callable[[str | None], TestClient],
) -> None:
    """The browser's file picker hides what ``accept`` leaves out: .html and .csv forms were not
    selectable although the overview invites them."""
    page = client_for("reviewer").get("/upload").text
    accept = re.search(r'<input type="file"[^>]*accept="([^"]*)"', page)
    assert accept, "upload page has no file input with accept"
    offered = set(accept[1].split(","))
    assert offered == set(supported_suffixes())
    assert {".html", ".csv", ".tsv", ".xlsm"} <= offered
    assert "不超过 2 MB" in page  # the fixture's limit, said before the upload


def test_a_refused_new_user_is_an_error_beside_what_was_typed(
    client_for: Callable[[str | None], TestClient],
) -> None:
    """The admin forgets the unit of a 填报人: the page says so as an error (not in the green of a
    success), in the web's words (no CLI flag), and keeps the name, role and units typed."""
    c = client_for("admin")
    r = c.post(
        "/admin/users", data={"name": "新填报人", "password": "pass-word-9", "role": "filler", "units": ""}
    )
    assert r.status_code == 400
    error = re.search(r'<p class="alert" role="alert">([^<]*)</p>', r.text)
    assert error and "填报人必须绑定单位" in error[1] and "--" not in error[1]
    assert 'class="ok"' not in r.text
    assert 'name="name" value="新填报人"' in r.text
    assert re.search(r'<option value="filler" selected>', r.text)
    ok = c.post("/admin/users", data={"name": "新填报人", "password": "pass-word-9", "role": "reviewer"})
    assert ok.status_code == 303
    page = c.get(ok.headers["location"]).text
    assert '<p class="ok" role="status">已添加用户 新填报人</p>' in page
    again = c.post("/admin/aliases", data={"alias": " ", "unit": "文化馆新址"})
    assert again.status_code == 400 and 'class="alert" role="alert">未添加别名：' in again.text
    assert 'name="unit" value="文化馆新址"' in again.text
