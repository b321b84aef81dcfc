"""整改建议 beside every finding: the form page (and its JSON twin) and 使用说明 say what to do."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from jixiao import store
from jixiao.review.catalogue import CATALOGUE
from jixiao.vocabulary import SEVERITY_ADVICE
from tests.web.conftest import CULTURE, form_ids


def _advice_by_block(html: str) -> list[tuple[str, str]]:
    """(code, the 整改建议 text) of every finding block of a page."""
    found = []
    for m in re.finditer(r'data-code="([^"]+)">', html):
        rest = html[m.end() :]
        nxt = rest.find('data-code="')
        block = rest if nxt < 0 else rest[:nxt]
        advice = re.search(r'<details class="advice"><summary>整改建议</summary>(.*?)</details>', block, re.S)
        found.append((m[1], unescape(advice[1]) if advice else ""))
    return found


def test_the_unit_sees_what_to_correct_beside_each_finding(loaded: store.Database, client_for: Any) -> None:
    form_id = form_ids(loaded, unit=CULTURE, kind="project_self_evaluation")[0]
    html = client_for("wenhua").get(f"/forms/{form_id}").text
    blocks = _advice_by_block(html)
    assert blocks, "the form has findings"
    for code, advice in blocks:  # each finding its own type's advice, folded under a summary
        assert advice == CATALOGUE[code].advice, code


def test_the_json_twin_carries_the_advice(loaded: store.Database, client_for: Any) -> None:
    form_id = form_ids(loaded, unit=CULTURE, kind="project_target")[0]
    page = client_for("reviewer").get(f"/api/forms/{form_id}").json()
    items: list[dict[str, Any]] = []

    def walk(x: object) -> None:  # every finding item, on the budget, goal, indicator or form
        if isinstance(x, dict):
            if {"code", "message", "severity"} <= x.keys():
                items.append(x)
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(page)
    assert items
    for f in items:
        assert f["advice"] == CATALOGUE[f["code"]].advice, f["code"]


def test_the_guide_gives_each_finding_its_own_advice(client_for: Any) -> None:
    data = client_for("wenhua").get("/api/help").json()
    by_code = {f["code"]: f["advice"] for f in data["findings"]}
    assert by_code == {code: kind.advice for code, kind in CATALOGUE.items()}
    # the per-severity line stays in the severity section, not repeated per finding
    assert [s["advice"] for s in data["severities"]] == list(SEVERITY_ADVICE.values())
    html = client_for("wenhua").get("/help").text
    row = re.search(r'<tr id="code-budget.rate_mismatch">(.*?)</tr>', html, re.S)
    assert row and CATALOGUE["budget.rate_mismatch"].advice in unescape(row[1])
    assert SEVERITY_ADVICE["error"] not in unescape(row[1])
