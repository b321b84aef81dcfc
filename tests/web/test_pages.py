"""What a person sees on the pages: the choices offered, the words used, the way back from an error."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.testclient import TestClient

from jixiao import store
from jixiao.read._registry import supported_suffixes
from tests.web.conftest import CITY, CULTURE, form_ids


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


def test_an_audit_score_is_a_score_of_that_indicator(loaded: store.Database, client_for: Any) -> None:
    """道路清扫保洁面积 prints 分值 5 (examples' 部门整体自评表): a 复核得分 of 6, −1 or text is
    refused with the reason, on a page leading back to the form; 4.5 is kept."""
    form_id = form_ids(loaded, unit=CITY, kind="department_self_evaluation")[0]
    c = client_for("reviewer")
    page = c.get(f"/api/forms/{form_id}").json()
    goal = next(g for g in page["goals"] if any(i["name"] == "道路清扫保洁面积" for i in g["indicators"]))
    url = f"http://testserver/forms/{form_id}"
    for score, reason in (("6", "0 到 5 分"), ("-1", "0 到 5 分"), ("abc", "应为数字"), ("nan", "0 到 5 分")):
        data = {"goal": goal["name"], "indicator": "道路清扫保洁面积", "score": score, "reason": "核对原件"}
        r = c.post(f"/forms/{form_id}/audit-score", data=data, headers={"referer": url})
        assert r.status_code == 422 and reason in r.text, score
        assert f'href="/forms/{form_id}" class="button primary" id="error-back">返回上一页' in r.text
    data = {"goal": goal["name"], "indicator": "不存在的指标", "score": "1", "reason": "核对原件"}
    assert "本表没有指标" in c.post(f"/forms/{form_id}/audit-score", data=data).text
    data = {"goal": goal["name"], "indicator": "道路清扫保洁面积", "score": "4.5", "reason": "面积核减"}
    assert c.post(f"/forms/{form_id}/audit-score", data=data).status_code == 303
    line = next(
        i
        for g in c.get(f"/api/forms/{form_id}").json()["goals"]
        for i in g["indicators"]
        if i["name"] == "道路清扫保洁面积"
    )
    assert line["audit_score"] == "4.5"
    html = c.get(f"/forms/{form_id}").text
    assert re.search(r'name="score" type="number" step="any" min="0" max="5"', html)


def test_the_error_page_never_leads_to_another_site(client_for: Callable[[str | None], TestClient]) -> None:
    c = client_for("reviewer")
    for referer in ("http://testserver//evil.example/x", "http://evil.example/forms/1"):
        r = c.get("/issues.xlsx?year=abc", headers={"referer": referer})  # a download: an error page
        assert r.status_code == 422 and "返回上一页" not in r.text and "evil" not in r.text


class _Fields(HTMLParser):
    """The ids of a page, its unlabelled fields, and the ids an htmx answer swaps out of band."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.oob: set[str] = set()
        self.unlabelled: list[str] = []
        self._labels = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
            if a.get("hx-swap-oob"):
                self.oob.add(a["id"] or "")
        if tag == "label":
            self._labels += 1
        named = tag in ("input", "textarea", "select") and a.get("type") not in ("hidden", "submit")
        if named and not self._labels and not a.get("aria-label") and not a.get("id"):
            self.unlabelled.append(a.get("name") or tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self._labels -= 1


def _parse(html: str) -> _Fields:
    p = _Fields()
    p.feed(html)
    return p


@pytest.mark.parametrize("kind", ["project_target", "project_self_evaluation"])
def test_the_units_sheet_names_every_field_and_updates_only_what_is_there(
    loaded: store.Database, client_for: Any, kind: str
) -> None:
    """A screen reader says what each field of the editable sheet is (target tables had bare
    inputs); an edit's answer swaps only parts the page has (target tables have no score cells)."""
    form_id = form_ids(loaded, unit=CULTURE, kind=kind)[0]
    store.set_state(loaded, [form_id], "draft", "测试")
    unit = client_for("wenhua")
    html = unit.get(f"/forms/{form_id}").text
    page = _parse(html)
    assert 'id="sheet" hx-post' in html  # the editable sheet
    assert page.unlabelled == []
    field = re.search(r'name="(i\.0\.0\.(?:target|actual))"', html)
    assert field
    answer = unit.post(f"/forms/{form_id}/edit", data={field[1]: "≥1次"}, headers={"HX-Request": "true"})
    assert answer.status_code == 200 and "已保存" in answer.text
    missing = _parse(answer.text).oob - page.ids
    assert missing == set()


def test_a_units_grades_read_as_grade_and_count(loaded: store.Database, client_for: Any) -> None:
    """“优1” read as a grade named 优1; the count is written as the findings beside it are (×1).
    The examples' 文化馆 has one 2023 自评表, re-scored 88.36 (80–90: 良)."""
    html = client_for("reviewer").get(f"/units/{CULTURE}").text
    years = html[html.index('id="years"') :]
    row = next(r for r in years.split("<tr>") if r.startswith("<td>2023</td>"))
    assert "<td>88.36</td>" in row.replace('<td class="num">', "<td>")
    assert "<td>良×1</td>" in row


def test_saving_a_verdict_returns_to_that_finding(loaded: store.Database, client_for: Any) -> None:
    """A reviewer works down a long list: after 保存结论 the page opens at the finding just judged
    (its own row id), not at the top of the findings — for the last finding of the form as for the first."""
    form_id = form_ids(loaded, unit=CITY, kind="department_self_evaluation")[0]
    c = client_for("reviewer")
    html = c.get(f"/forms/{form_id}").text
    rows = re.findall(
        r'<div class="finding [^"]*" id="([^"]+)"[^>]*>.*?name="key" value="([^"]+)"', html, re.S
    )
    assert len(rows) >= 2 and len({a for a, _ in rows}) == len(rows)  # one id per finding row
    for anchor, key in (rows[0], rows[-1]):
        data = {"key": unescape(key), "verdict": "confirmed", "comment": "复核"}
        r = c.post(f"/forms/{form_id}/verdict", data=data)
        assert r.status_code == 303
        assert r.headers["location"] == f"/forms/{form_id}#{anchor}"
        assert html.count(f'id="{anchor}"') == 1
