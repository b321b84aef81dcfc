"""使用说明: every role reads it in Chinese, and it lists what the data declares, not a copy."""

from __future__ import annotations

import re
from html import unescape

import pytest

from jixiao.read._registry import supported_suffixes
from jixiao.review import catalogue
from jixiao.review.catalogue import CATALOGUE, FindingType
from jixiao.score.rules import load_rule_set, rule_set_names
from jixiao.vocabulary import SEVERITY_NAMES
from tests.web.conftest import USERS

ROLES = ("admin", "reviewer", "wenhua")

# ASCII a user may meet in a Chinese page: format and protocol names, the product's own name.
ALLOWED_ASCII = {"JSON", "API", "XLSX", "DOCX", "PDF", "HTML", "OCR", "jixiao", "B", "A", "MB"}


def visible_text(html: str) -> str:
    """What the page says: without scripts, styles, tags and the account block (a user's own name)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<div class="who">.*?</div>', " ", html, flags=re.S)
    html = re.sub(r"<code\b.*?</code>", " ", html, flags=re.S)  # what one types, not prose
    return unescape(re.sub(r"<[^>]+>", " ", html))


def english_words(text: str) -> set[str]:
    """ASCII words outside the allowed names, the readers' file suffixes (.xlsx, .docx …) and the
    test accounts' own names (data a user typed)."""
    for account in USERS:
        text = re.sub(rf"\b{account}\b", " ", text)
    for suffix in sorted(supported_suffixes(), key=len, reverse=True):
        text = text.replace(suffix, " ")
    return {w for w in re.findall(r"[A-Za-z][A-Za-z_\-]+", text) if w not in ALLOWED_ASCII}


@pytest.mark.parametrize("name", ROLES)
def test_every_role_reads_the_guide_in_chinese(client_for, name: str) -> None:  # type: ignore[no-untyped-def]
    c = client_for(name)
    home = c.get("/").text
    assert 'href="/help"' in home  # linked from the nav of every role
    page = c.get("/help")
    assert page.status_code == 200
    text = visible_text(page.text)
    assert not english_words(text), english_words(text)
    for label in ("填报人", "审核人员", "管理员"):
        assert f"{label}" in text
    for severity in SEVERITY_NAMES.values():
        assert severity in text
    for entry in CATALOGUE.values():  # every finding with its title, severity and rule
        assert entry.title in text, entry.code
        assert f'id="code-{entry.code}"' in page.text
    for name_ in rule_set_names():
        assert load_rule_set(name_).title in text, name_
    # the files read are the readers' own suffixes
    assert all(s in text for s in supported_suffixes())


def test_own_role_first_and_its_json_twin(client_for) -> None:  # type: ignore[no-untyped-def]
    data = client_for("wenhua").get("/api/help").json()
    assert data["roles"][0]["role"] == "filler" and data["api_docs"] is False
    assert [f["code"] for f in data["findings"]] == list(CATALOGUE)
    assert [r["name"] for r in data["rule_sets"]] == list(rule_set_names())
    assert data["suffixes"] == list(supported_suffixes())
    admin = client_for("admin").get("/api/help").json()
    assert admin["roles"][0]["role"] == "admin" and admin["api_docs"] is True


def test_rule_sets_are_described_from_their_files(client_for) -> None:  # type: ignore[no-untyped-def]
    data = client_for("reviewer").get("/api/help").json()
    described = {r["name"]: " ".join(r["rules"]) for r in data["rule_sets"]}
    # by hand, from wuhan.yaml: 预算执行 20 分; 定性 达成 100%–80%、部分达成 80%–50%、未达成 50%–0%; 优 ≥90
    assert "预算执行：20 分" in described["wuhan"]
    assert "部分达成 80%–50%" in described["wuhan"] and "未达成 50%–0%" in described["wuhan"]
    assert "优 ≥90 分" in described["wuhan"]
    # national-2020.yaml: 10 分, bands 80%–60%, level-1 split 产出 50、效益 30、满意度 10
    assert "预算执行：10 分" in described["national-2020"]
    assert "部分达成 80%–60%" in described["national-2020"]
    assert "产出指标 50 分、效益指标 30 分、满意度指标 10 分" in described["national-2020"]
    for name in rule_set_names():  # every file's numbers, whatever a new file says
        rs = load_rule_set(name)
        for band in rs.grades:
            assert band.grade in described[name]


def test_a_new_finding_type_appears_without_editing_the_page(client_for, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    new = FindingType("target.example", "warning", "示例审核发现", "-", "示例规则第1条", "{detail}")
    monkeypatch.setitem(catalogue.CATALOGUE, new.code, new)
    page = client_for("wenhua").get("/help").text
    assert "示例审核发现" in page and "示例规则第1条" in page


def test_api_documentation_is_linked_for_staff_only(client_for) -> None:  # type: ignore[no-untyped-def]
    assert 'href="/docs"' not in client_for("wenhua").get("/").text
    assert 'href="/docs"' not in client_for("wenhua").get("/help").text
    assert 'href="/docs"' in client_for("reviewer").get("/").text
    admin_help = client_for("admin").get("/help").text
    assert 'href="/docs"' in admin_help.split('id="role-admin"')[1].split("</div>")[0]


@pytest.mark.parametrize("name", ROLES)
def test_every_page_a_role_opens_speaks_the_one_vocabulary(loaded, client_for, name: str) -> None:  # type: ignore[no-untyped-def]
    """No English left for a reader (format names aside), no severity by its contract code, and a
    finding is never a 审核意见 in a heading (that word is what a reviewer writes)."""
    from tests.web.conftest import CULTURE, form_ids

    c = client_for(name)
    target, own = (
        form_ids(loaded, unit=CULTURE, kind=k)[0] for k in ("project_target", "project_self_evaluation")
    )
    urls = ["/", "/forms", f"/forms/{target}", f"/forms/{own}", "/units", f"/units/{CULTURE}", "/upload"]
    urls += ["/account", "/help"] + (["/admin"] if name == "admin" else [])
    for url in urls:
        page = c.get(url)
        assert page.status_code == 200, url
        text = visible_text(page.text)
        assert not english_words(text), (url, english_words(text))
        assert not re.search(r"<th[^>]*>[^<]*审核意见", page.text), url
        assert "规则集" not in text, url
