"""The page model behind the text and HTML reports puts each finding on its printed row."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console

from jixiao.model import Document
from jixiao.review import review_document
from jixiao.review.render import build_page, render_html, render_text

FORM = """
title: 2020年度武汉国家生物产业基地建设管理办公室部门整体绩效自评表
kind: department_self_evaluation
budget: 20 | 12517.42 | 12517.42 | 100% | 20
goal: 年度目标4 | 80
产出指标 | 数量指标 | 完成工业投资额 | 0.5 | 达成上级确定的任务量 | 未达成上级确定的任务量 | 0.5
产出指标 | 数量指标 | 完成固定资产投资 | 79.5 | 达成上级确定的任务量 | 达成上级确定的任务量 | 79.5
total: 95
"""


def test_findings_sit_on_their_rows(make_form: Callable) -> None:
    doc = Document(path="seed.txt", forms=[make_form(FORM)])
    page = build_page([("seed.txt", doc, review_document(doc))])
    [view] = page.forms
    assert (view.total_printed, view.total_computed, view.errors) == ("95", "99.75", 2)
    rows = {r.cells[2] if r.kind == "indicator" else r.kind: r for r in view.rows}
    assert [f.code for f in rows["完成工业投资额"].findings] == ["indicator.full_score_unmet"]
    assert rows["完成工业投资额"].computed == "0–0.25"
    assert rows["完成固定资产投资"].findings == []
    assert [f.code for f in view.form_findings if f.severity != "info"] == ["form.total_mismatch"]
    assert all(f.rule for f in view.form_findings)


def test_html_and_text_show_the_same_findings(make_form: Callable) -> None:
    doc = Document(path="seed.txt", forms=[make_form(FORM)])
    page = build_page([("seed.txt", doc, review_document(doc))])
    html = render_html(page)
    console = Console(record=True, width=200)
    render_text(page, console)
    text = console.export_text()
    for message in ("却得满分 0.5 分", "总分印为 95 分"):
        assert message in html and message in text


def test_html_report_says_what_to_do_about_each_finding(make_form: Callable) -> None:
    from jixiao.review.catalogue import CATALOGUE

    doc = Document(path="seed.txt", forms=[make_form(FORM)])
    found = review_document(doc)
    html = render_html(build_page([("seed.txt", doc, found)]))
    for code in {f.code for f in found.findings}:
        assert f"整改建议：{CATALOGUE[code].advice}" in html, code


def test_html_report_names_its_own_icon(make_form: Callable) -> None:
    """The report is one self-contained file, also served inline by the web app: a browser that
    finds no icon in it asks the server for /favicon.ico and logs a 404 on every report opened."""
    from lxml import html as lxml_html

    doc = Document(path="seed.txt", forms=[make_form(FORM)])
    tree = lxml_html.fromstring(render_html(build_page([("seed.txt", doc, review_document(doc))])))
    icons = tree.xpath('//head/link[@rel="icon"]/@href')
    assert icons and all(h.startswith("data:") for h in icons)  # nothing fetched, nothing to 404
