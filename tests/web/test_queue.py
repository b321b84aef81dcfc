"""The review queue as a reviewer uses it: sorted by 分差 or 错误数 and paged through that order, a
mistyped filter shown beside its field with the rest of the queue, a page past the end."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest

from jixiao import store
from jixiao.web.pages import queue as queue_page

ROW = re.compile(r"<tr>\s*<td>(\d+)</td>")


def _walk(c: Any, url: str) -> list[int]:
    """The form ids of every page, following the 下一页 links from ``url``; then back again by
    the 上一页 links, which must give the same pages."""
    seen: list[list[int]] = []
    while url:
        html = c.get(url).text
        seen.append([int(i) for i in ROW.findall(html)])
        nxt = re.search(r'<a href="([^"]+)">下一页</a>', html)
        url = unescape(nxt[1]) if nxt else ""
        last = html
    back: list[list[int]] = [seen[-1]]
    while prev := re.search(r'<a href="([^"]+)">上一页</a>', last):
        last = c.get(unescape(prev[1])).text
        back.insert(0, [int(i) for i in ROW.findall(last)])
    assert back == seen
    return [i for page in seen for i in page]


@pytest.mark.parametrize("sort", ["gap", "errors"])
def test_the_queue_sorts_largest_first_and_pages_through_that_order(
    loaded: store.Database, client_for: Any, monkeypatch: pytest.MonkeyPatch, sort: str
) -> None:
    """One form a page: the 下一页/上一页 links keep the order; 分差 (printed − recomputed) and
    错误 never rise down the list, equal ones newest form first, forms without a 分差 last."""
    monkeypatch.setattr(queue_page, "PAGE_SIZE", 1)
    c = client_for("reviewer")
    rows = {r["id"]: r for r in c.get("/api/forms?page=1").json()["rows"]}
    monkeypatch.setattr(queue_page, "PAGE_SIZE", 100)
    everything = {r["id"]: r for r in c.get("/api/forms").json()["rows"]}
    monkeypatch.setattr(queue_page, "PAGE_SIZE", 1)
    assert len(rows) == 1 and len(everything) == 4
    ids = _walk(c, f"/forms?sort={sort}")
    assert sorted(ids) == sorted(everything)

    def key(i: int) -> tuple[float, int]:
        r = everything[i]
        if sort == "errors":
            return (r["errors"], i)
        gap = r["inflation"]
        return (-1e9 if gap is None else gap, i)

    assert ids == sorted(everything, key=key, reverse=True)
    gaps = [everything[i]["inflation"] for i in ids]
    if sort == "gap":  # the examples: two self-evaluations with a gap, two target tables without
        assert gaps[:2] == sorted(gaps[:2], reverse=True) and gaps[2:] == [None, None]
    html = c.get(f"/forms?sort={sort}").text
    assert re.search(rf'<option value="{sort}" selected>', html)
    assert 'aria-sort="descending"' in html
    # back to the default order (newest year first), which differs from the sorted one here
    default = _walk(c, "/forms?sort=")
    assert sorted(default) == sorted(ids) and default != ids
    assert c.get(f"/api/forms?sort={sort}").json()["sort"] == sort


def test_a_mistyped_filter_is_an_error_beside_its_field_and_the_rest_is_shown(
    loaded: store.Database, client_for: Any
) -> None:
    c = client_for("reviewer")
    r = c.get("/forms", params={"year": "abc", "kind": "project_self_evaluation"})
    assert r.status_code == 422
    html = r.text
    assert re.search(r'name="year" value="abc"[^>]*aria-invalid="true" aria-describedby="error-year"', html)
    error = re.search(r'<span class="field-error" id="error-year" role="alert">([^<]*)</span>', html)
    assert error and "年度应为数字" in error[1] and "abc" in error[1]
    # the kind filter still applies: the examples hold one project self-evaluation
    assert "共 1 张" in html and len(ROW.findall(html)) == 1
    assert "返回上一页" not in html  # the queue itself, not the error page
    for params, field, words in (
        ({"inflation": "很多"}, "inflation", "分差应为数字"),
        ({"sort": "name"}, "sort", "没有“name”这种排序"),
    ):
        page = c.get("/forms", params=params)
        assert page.status_code == 422 and f'id="error-{field}"' in page.text and words in page.text
        assert len(ROW.findall(page.text)) == 4
    page = c.get("/forms", params={"page": "x", "after": "not-a-cursor"})
    assert page.status_code == 422 and 'id="error-page"' in page.text and len(ROW.findall(page.text)) == 4
    api = c.get("/api/forms", params={"year": "abc"})
    assert api.status_code == 422
    assert "年度应为数字" in api.json()["errors"]["year"] and api.json()["total"] == 4
    # the download has no page to show the error on: a clear refusal
    xlsx = c.get("/issues.xlsx", params={"year": "abc"})
    assert xlsx.status_code == 422 and "年度应为数字" in xlsx.text


def test_a_page_past_the_end_shows_the_last_page_and_says_so(
    loaded: store.Database, client_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queue_page, "PAGE_SIZE", 3)
    c = client_for("reviewer")
    r = c.get("/forms?page=999")
    assert r.status_code == 200
    assert "第 2 / 2 页" in r.text and "第 999 / 2 页" not in r.text
    assert "没有第 999 页（共 2 页），下面是第 2 页" in r.text
    assert len(ROW.findall(r.text)) == 1  # 4 forms, 3 a page: the last page holds one
    model = c.get("/api/forms?page=999").json()
    assert model["page"] == 2 and len(model["rows"]) == 1 and "没有第 999 页" in model["note"]


def test_the_queue_and_overview_name_the_grade_they_show(loaded: store.Database, client_for) -> None:  # type: ignore[no-untyped-def]
    """The column was headed 等级 and the chart 各年度等级分布, mixing recomputed and printed grades
    without a word: both are the 重算等级 now, a printed one marked where none was recomputed."""
    c = client_for("reviewer")
    page = c.get("/forms").text
    assert "重算等级</th>" in page and "<th>等级</th>" not in page
    rows = c.get("/api/forms").json()["rows"]
    # the examples' two 2023 self-evaluations are recomputed (良 for 文化馆: 88.36, by hand in
    # tests/store/test_store_rescore.py); the target tables have no grade
    graded = [r for r in rows if r["grade"]]
    assert len(graded) == 2 and {r["grade_basis"] for r in graded} == {"重算等级"}
    assert all(r["grade"] == r["grade_computed"] for r in graded)
    assert all(r["grade_basis"] is None for r in rows if not r["grade"])
    overview = c.get("/api/overview").json()
    assert overview["grades_basis"].startswith("重算等级") and "填报等级" in overview["grades_basis"]
    # the examples' graded forms are both recomputed: none is counted under its 填报等级
    assert sum(n for g in overview["grades_by_year"].values() for n in g.values()) == len(graded)
    assert overview["printed_grades_by_year"] == {}
    html = c.get("/").text
    assert "各年度重算等级分布" in html and overview["grades_basis"] in html
