"""End to end in a real browser: Debian's chromium driven by Playwright, against ``jixiao serve``'s app.

A unit uploads a seed, fixes an indicator and watches the score and the finding change, submits;
a reviewer confirms a finding and returns the form; the unit reads the comment; another unit's
user is refused. Screenshots of every main page go to ``tests-output/screenshots/``.
Skipped when /usr/bin/chromium or Playwright is missing (``scripts/system-deps.sh`` installs it).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jixiao import store
from tests.web.conftest import EXAMPLES, PASSWORD, REPO, SEEDS

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium 未安装（apt install chromium）"),
]
playwright_api = pytest.importorskip("playwright.sync_api")
# assertions wait for the page up to this ceiling: a loaded 2-core CI machine re-scores slowly
playwright_api.expect.set_options(timeout=30_000)
SHOTS = REPO / "tests-output" / "screenshots"
SEED = "000_"  # 武汉国家生物产业基地建设管理办公室, 2020 部门整体自评表
UNIT = "武汉国家生物产业基地建设管理办公室"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    import uvicorn

    from jixiao.web import WebSettings, create_app

    db = store.Database(tmp_path / "e2e.db")
    store.add_user(db, "reviewer", PASSWORD, "reviewer")
    store.add_user(db, "admin", PASSWORD, "admin")
    store.add_user(db, "shengwu", PASSWORD, "filler", [UNIT])
    store.add_user(db, "wenhua", PASSWORD, "filler", ["武汉市江夏区文化馆"])
    store.import_paths([EXAMPLES], db)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(db, WebSettings(examples_dir=EXAMPLES))
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    while not srv.started:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(5)
    db.close()


@pytest.fixture
def page(server: str) -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
        pg = context.new_page()
        pg.set_default_timeout(30_000)  # a ceiling for a loaded CI machine, not a timing check
        # nothing may come from outside the server
        outside: list[str] = []
        pg.on("request", lambda r: None if r.url.startswith((server, "data:")) else outside.append(r.url))
        pg.server = server  # type: ignore[attr-defined]
        yield pg
        assert outside == []
        browser.close()


def shot(pg: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def log_in(pg: object, name: str) -> None:
    server = pg.server  # type: ignore[attr-defined]
    pg.context.clear_cookies()  # type: ignore[attr-defined]
    pg.goto(f"{server}/login")  # type: ignore[attr-defined]
    pg.fill("input[name=name]", name)  # type: ignore[attr-defined]
    pg.fill("input[name=password]", PASSWORD)  # type: ignore[attr-defined]
    pg.click("button.primary")  # type: ignore[attr-defined]
    # generous: under load the server may still be rendering a scan for the previous request
    pg.wait_for_url(f"{server}/", timeout=60_000)  # type: ignore[attr-defined]


def row(pg: object, indicator: str) -> object:
    return pg.locator(f'tr.ind[data-indicator="{indicator}"]')  # type: ignore[attr-defined]


def test_fill_submit_review_return(page: object) -> None:
    pg, server = page, page.server  # type: ignore[attr-defined]
    seed = next(iter(sorted(SEEDS.glob(f"{SEED}*.txt"))), None)
    if seed is None:
        pytest.skip("seed 000 not found")
    expect = playwright_api.expect

    pg.goto(f"{server}/login")
    shot(pg, "login")
    log_in(pg, "shengwu")
    pg.goto(f"{server}/upload")
    pg.set_input_files("#files", str(seed))
    pg.click("#upload-form button.primary")
    result = pg.locator("#upload-results tr.r-imported")
    expect(result).to_contain_text("读取到 1 张表")
    shot(pg, "upload")
    result.locator("a").first.click()

    # a known finding of the seed: full score although the target was not reached (checked by hand)
    invest = row(pg, "完成工业投资额")
    expect(invest.locator('.finding[data-code="indicator.full_score_unmet"]')).to_have_count(1)
    computed = invest.locator("td.computed span")
    expect(computed).to_have_text("0–0.25")  # a qualitative indicator not met: a band
    expect(pg.locator("#state")).to_have_text("填报中")
    shot(pg, "form-unit")

    actual = invest.locator("input[name$='.actual']")
    actual.fill("达成上级确定的任务量")
    actual.press("Tab")
    expect(computed).to_have_text("0.4–0.5")  # met: the band of the rule set for a met qualitative indicator
    expect(invest.locator(".finding")).to_have_count(0)
    expect(pg.locator("#edit-status")).to_contain_text("已保存")
    expect(pg.locator("#edits")).to_contain_text("未达成上级确定的任务量")
    pg.click("#action-submit")
    expect(pg.locator("#state")).to_have_text("已提交")
    form_url = pg.url

    log_in(pg, "reviewer")
    shot(pg, "overview")
    pg.goto(f"{server}/forms?state=submitted")
    shot(pg, "queue")
    pg.goto(form_url)
    foreign = row(pg, "实际利用外资额")
    finding = foreign.locator('.finding[data-code="indicator.full_score_unmet"]')
    finding.locator("select[name=verdict]").select_option("confirmed")
    finding.locator("input[name=comment]").fill("未达成却得满分，请按规则改为 0.25 分")
    finding.locator("button").click()
    expect(row(pg, "实际利用外资额").locator(".verdict")).to_contain_text("确认")
    expect(pg.locator("#state")).to_have_text("审核中")
    pg.locator("form.action:has(#action-return) input[name=comment]").fill("请核实实际利用外资额的得分")
    pg.click("#action-return")
    expect(pg.locator("#state")).to_have_text("退回修改")
    shot(pg, "form-reviewer")

    log_in(pg, "shengwu")
    pg.goto(form_url)
    expect(pg.locator(".returned")).to_contain_text("请核实实际利用外资额的得分")
    expect(row(pg, "实际利用外资额").locator(".verdict")).to_contain_text("请按规则改为 0.25 分")
    expect(row(pg, "实际利用外资额").locator("input[name$='.score']")).to_be_editable()

    log_in(pg, "wenhua")
    response = pg.goto(form_url)
    assert response is not None and response.status == 403
    expect(pg.locator(".alert")).to_contain_text("无权查看其他单位的表")

    log_in(pg, "admin")
    pg.goto(f"{server}/admin")
    shot(pg, "admin")


def test_docs_and_charts_load_from_the_server(page: object) -> None:
    pg, server = page, page.server  # type: ignore[attr-defined]
    log_in(pg, "reviewer")
    playwright_api.expect(pg.locator("#chart-scatter svg")).to_have_count(1)
    pg.goto(f"{server}/docs")
    playwright_api.expect(pg.locator(".swagger-ui")).to_be_visible()
    shot(pg, "api-docs")
    if shutil.which("true"):
        pass


def test_admin_rescores_a_year_after_confirming(page: object) -> None:
    """保存并重新评分 asks first (data-confirm): dismissed, nothing is saved; accepted, the
    year's two stored forms are re-scored under the chosen rules and the message counts them."""
    pg, server = page, page.server  # type: ignore[attr-defined]
    log_in(pg, "admin")
    pg.goto(f"{server}/admin")
    year = pg.locator("form[action='/admin/rules']").filter(has=pg.locator("input[name=year][value='2023']"))
    year.locator("select[name=rule_set]").select_option("national-2020")
    asked: list[str] = []
    pg.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    year.locator("button[value=rescore]").click()
    assert asked and "2023 年度" in asked[0]
    assert pg.url == f"{server}/admin"
    playwright_api.expect(pg.locator("body")).not_to_contain_text("张得出新的评分")
    pg.once("dialog", lambda d: d.accept())
    year.locator("button[value=rescore]").click()
    playwright_api.expect(pg).to_have_url(f"{server}/admin/rescore/2023")  # the run's own page
    playwright_api.expect(pg.locator("body")).to_contain_text("2023 年度 2 张表按“财预〔2020〕10号")
    playwright_api.expect(pg.locator("body")).to_contain_text("2 张得出新的评分")


def test_rescore_page_follows_the_run_without_reloading(page: object, tmp_path: Path) -> None:
    """The progress page polls (htmx): a run going on in the background shows 已重新评分 N / M 份,
    then, when it ends, its result, in the page the admin opened and never reloaded."""
    pg, server = page, page.server  # type: ignore[attr-defined]
    with store.Database(tmp_path / "e2e.db") as db:  # the server's database, as another process sees it
        token = store.start_rescore(db, 2023, "admin")
        assert token is not None
        log_in(pg, "admin")
        pg.goto(f"{server}/admin/rescore/2023")
        block = pg.locator("#rescore-progress")
        playwright_api.expect(block).to_contain_text("已重新评分 0 / … 份")
        pg.evaluate("window.loadedOnce = true")  # gone if the page were reloaded
        store.run_rescore(db, 2023, token, lambda result: result.message("测试规则"))
    # no rule set chosen for 2023: the forms score as imported
    playwright_api.expect(block).to_contain_text("2023 年度 2 张表按测试规则重新评分：0 张得出新的评分，2 张评分未变")
    playwright_api.expect(block).to_have_attribute("data-state", "done")
    assert pg.evaluate("window.loadedOnce") is True


def test_units_comparison_leads_to_a_unit_history_chart(page: object) -> None:
    pg = page
    expect = playwright_api.expect
    log_in(pg, "reviewer")
    pg.click("nav >> text=单位比较")
    culture = pg.locator("#units a", has_text="武汉市江夏区文化馆").first
    expect(culture).to_be_visible()
    shot(pg, "units")
    culture.click()
    expect(pg.locator("h1")).to_contain_text("武汉市江夏区文化馆")
    expect(pg.locator("#chart-years svg")).to_have_count(1)
    expect(pg.locator("#years")).to_contain_text("2023")
    pg.locator("#projects a", has_text="群众文化活动经费").click()
    expect(pg.locator("#indicators")).to_contain_text("培训基层文艺骨干人数")
    shot(pg, "unit-history")


def test_a_unit_history_chart_keeps_scores_on_their_scale(page: object) -> None:
    """统计局 files one form in a Wuhan seed (2020): printed 89.23, and recomputed the same by hand
    (9.23 budget + 56 + 20 + 4, every target met). ECharts' own scale widened the one value to a
    y-axis running past 100 (to 160 in the walk); scores sit on 70–100 (ten below the lowest)."""
    pg = page
    expect = playwright_api.expect
    log_in(pg, "reviewer")
    pg.goto(f"{pg.server}/upload")  # type: ignore[attr-defined]
    pg.set_input_files("#files", str(next(SEEDS.glob("004_*"))))  # type: ignore[attr-defined]
    pg.click("#upload-form button.primary")  # type: ignore[attr-defined]
    expect(pg.locator("#upload-results tr.r-imported")).to_have_count(1)  # type: ignore[attr-defined]
    pg.goto(f"{pg.server}/units/武汉东湖新技术开发区统计局")  # type: ignore[attr-defined]
    expect(pg.locator("#chart-years svg")).to_have_count(1)  # type: ignore[attr-defined]
    extent = pg.evaluate(  # type: ignore[attr-defined]
        """() => echarts.getInstanceByDom(document.getElementById('chart-years'))
              .getModel().getComponent('yAxis').axis.scale.getExtent()"""
    )
    assert extent == [70, 100]


def _unit_uploads_scan(pg: Any, name: str, mime: str, content: bytes) -> tuple[str, Any]:
    """The unit uploads one scan with a smudged 实际完成值 and opens its form; that row's score
    reads 待核对. Returns the form's URL and the score locator."""
    from tests.web.scans import SMUDGED

    expect = playwright_api.expect
    log_in(pg, "wenhua")
    pg.goto(f"{pg.server}/upload")
    pg.set_input_files("#files", files=[{"name": name, "mimeType": mime, "buffer": content}])
    pg.click("#upload-form button.primary")
    result = pg.locator("#upload-results tr.r-imported")
    expect(result).to_contain_text("读取到 1 张表", timeout=120_000)
    result.locator("a").first.click()
    computed = row(pg, SMUDGED).locator("td.computed span")
    expect(computed).to_contain_text("待核对")
    return pg.url, computed


@pytest.mark.slow
def test_scan_upload_check_crop_and_correct(page: object) -> None:
    """A unit uploads a phone-quality scan; the page shows the page image with its grid and the
    crop of the smudged cell with its confidence; the reviewer sees the same; the unit types the
    value as the paper shows it and the score is recomputed, no longer 待核对."""
    from tests.web.scans import SMUDGED, smudged_scan

    pg = page
    expect = playwright_api.expect
    form_url, computed = _unit_uploads_scan(pg, "扫描件.png", "image/png", smudged_scan())
    scan = pg.locator("#scan")
    expect(scan.locator("svg image")).to_have_count(1, timeout=120_000)
    check = scan.locator(".check", has_text=SMUDGED)
    expect(check).to_contain_text("置信度")
    crop = check.locator("img.crop")
    expect(crop).to_be_visible()
    assert crop.evaluate("img => img.complete && img.naturalWidth > 20")
    assert scan.locator("svg image").evaluate("i => i.getBBox().width > 0")
    expect(scan.locator("rect.cell.flagged").first).to_be_visible()

    log_in(pg, "reviewer")
    pg.goto(form_url)
    expect(pg.locator("#scan svg image")).to_have_count(1, timeout=60_000)
    expect(pg.locator("#scan .check", has_text=SMUDGED).locator("select[name=verdict]")).to_be_visible()
    # the scan panel's own images; the findings list below loads its crops lazily, and a lazy
    # image far below the viewport stays incomplete until it is scrolled to
    pg.wait_for_function(
        "() => [...document.querySelectorAll('#scan img')].every(i => i.complete)", timeout=60_000
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.locator("#scan").screenshot(path=str(SHOTS / "scan-reviewer.png"))
    shot(pg, "form-scan-reviewer")

    log_in(pg, "wenhua")
    pg.goto(form_url)
    fix = pg.locator("#scan .check", has_text=SMUDGED).locator("input[data-mirror]")
    expect(fix).to_be_editable(timeout=60_000)
    fix.fill("120人次")
    fix.press("Tab")
    expect(computed).to_have_text("30")  # ≥100人次 met: full 30 points, no longer 待核对
    expect(pg.locator("#edits")).to_contain_text("120人次")
    expect(pg.locator("#scan .check", has_text=SMUDGED)).to_contain_text("已由填报单位改为“120人次”")
    expect(row(pg, SMUDGED).locator("input[name$='.actual']")).to_have_value("120人次")
    shot(pg, "form-scan-unit")


@pytest.mark.slow
def test_reviewer_checks_a_scanned_pdf_cell_against_its_crop(page: object) -> None:
    """A scanner's PDF (no text layer) with one smudged 实际完成值: the form page shows the page
    image with the recognised grid, the red box and the crop of that cell; its score is 待核对.
    The reviewer confirms the finding (the value must be corrected) and rejects the other doubt
    (read right); the unit sees the verdict, types the value as the paper shows it, and the
    score is recomputed."""
    from tests.web.scans import SMUDGED, smudged_scan_pdf

    pg = page
    expect = playwright_api.expect
    form_url, computed = _unit_uploads_scan(pg, "扫描件.pdf", "application/pdf", smudged_scan_pdf())

    log_in(pg, "reviewer")
    pg.goto(form_url)
    scan = pg.locator("#scan")
    expect(scan.locator("svg image")).to_have_count(1, timeout=120_000)
    assert scan.locator("svg image").evaluate("i => i.getBBox().width > 0")
    assert scan.locator("rect.cell").count() >= 30  # the recognised grid over the page
    check = scan.locator(".check", has_text=SMUDGED)
    expect(check).to_contain_text("实际完成值")
    expect(check).to_contain_text("置信度 0%")
    expect(check).to_contain_text("有字迹，未识别出文字")
    crop = check.locator("img.crop")
    expect(crop).to_be_visible()
    # the scan panel's own images; the findings list below loads its crops lazily, and a lazy
    # image far below the viewport stays incomplete until it is scrolled to
    pg.wait_for_function(
        "() => [...document.querySelectorAll('#scan img')].every(i => i.complete)", timeout=60_000
    )
    assert crop.evaluate("img => img.naturalWidth > 20 && img.naturalHeight > 10")
    where = check.get_attribute("data-where")
    red = scan.locator(f'a[href="#{check.get_attribute("id")}"] rect.cell.flagged')
    expect(red).to_have_count(1)  # the red box on the page leads to this cell's crop
    expect(computed).to_contain_text("待核对")
    SHOTS.mkdir(parents=True, exist_ok=True)
    scan.screenshot(path=str(SHOTS / "scan-pdf-reviewer.png"))

    check.locator("select[name=verdict]").select_option("confirmed")
    check.locator("input[name=comment]").fill("原件为120人次，请更正")
    check.locator("button", has_text="保存结论").click()
    check = pg.locator("#scan .check", has_text=SMUDGED)
    expect(check.locator(".verdict")).to_contain_text("审核结论：确认", timeout=60_000)
    other = pg.locator("#scan .check").filter(has_not_text=SMUDGED).first
    other.locator("select[name=verdict]").select_option("rejected")
    other.locator("button", has_text="保存结论").click()
    expect(pg.locator("#scan .check").filter(has_not_text=SMUDGED).first.locator(".verdict")).to_contain_text(
        "审核结论：不予采纳", timeout=60_000
    )
    shot(pg, "form-scan-pdf-reviewer")

    log_in(pg, "wenhua")
    pg.goto(form_url)
    check = pg.locator("#scan .check", has_text=SMUDGED)
    expect(check).to_contain_text("原件为120人次，请更正", timeout=60_000)
    assert check.get_attribute("data-where") == where
    fix = check.locator("input[data-mirror]")
    expect(fix).to_be_editable()
    fix.fill("120人次")
    fix.press("Tab")
    expect(computed).to_have_text("30")  # ≥100人次 met: full 30 points, no longer 待核对
    expect(pg.locator("#scan .check", has_text=SMUDGED)).to_contain_text("已由填报单位改为“120人次”")
    expect(pg.locator("#count-errors")).to_have_text("0")
    expect(pg.locator("#submit-errors")).not_to_contain_text("个错误")  # the warning follows the edit
    shot(pg, "form-scan-pdf-unit")


def _unit_uploads_seed(pg: Any) -> str:
    """The unit uploads seed 000 (state 填报中) and opens its form; returns the form's URL."""
    seed = next(iter(sorted(SEEDS.glob(f"{SEED}*.txt"))), None)
    if seed is None:
        pytest.skip("seed 000 not found")
    log_in(pg, "shengwu")
    pg.goto(f"{pg.server}/upload")
    pg.set_input_files("#files", str(seed))
    pg.click("#upload-form button.primary")
    result = pg.locator("#upload-results tr.r-imported")
    playwright_api.expect(result).to_contain_text("读取到 1 张表")
    result.locator("a").first.click()
    playwright_api.expect(pg.locator("#state")).to_have_text("填报中")
    return str(pg.url)


def test_an_edit_the_server_refuses_is_reported_not_silently_dropped(page: object) -> None:
    """The unit submits the form in a second tab, then types in the first: the value cannot be
    saved any more, and the page must say so (htmx swaps nothing on an error answer)."""
    pg = page
    expect = playwright_api.expect
    form_url = _unit_uploads_seed(pg)
    other = pg.context.new_page()  # type: ignore[attr-defined]
    other.goto(form_url)
    other.click("#action-submit")
    expect(other.locator("#state")).to_have_text("已提交")
    other.close()

    notice = pg.locator("#notice")  # type: ignore[attr-defined]
    expect(notice).to_be_hidden()
    actual = row(pg, "完成工业投资额").locator("input[name$='.actual']")  # type: ignore[attr-defined]
    actual.fill("达成上级确定的任务量")
    actual.press("Tab")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("操作未完成")
    expect(notice).to_contain_text("不能修改")  # the server's own reason: the form was submitted
    expect(pg.locator("#edit-status")).not_to_contain_text("已保存")  # type: ignore[attr-defined]
    pg.click("#notice-close")  # type: ignore[attr-defined]
    expect(notice).to_be_hidden()


def test_an_upload_over_the_size_limit_says_so(page: object) -> None:
    pg, server = page, page.server  # type: ignore[attr-defined]
    expect = playwright_api.expect
    log_in(pg, "shengwu")
    pg.goto(f"{server}/upload")
    big = b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024)  # over the default 20 MB of one request
    pg.set_input_files("#files", files=[{"name": "大文件.pdf", "mimeType": "application/pdf", "buffer": big}])
    pg.click("#upload-form button.primary")
    expect(pg.locator("#notice")).to_contain_text("上传内容超过大小限制（20 MB）")


def test_an_upload_says_it_is_reading_until_the_answer_comes(page: object) -> None:
    """After the bytes are sent, reading and reviewing takes a while (a scan ~10 s a page): the
    page says so and the button cannot be pressed twice, until the results arrive. The request
    is held in the browser (not timed) so the busy state is seen for certain."""
    pg, server = page, page.server  # type: ignore[attr-defined]
    expect = playwright_api.expect
    seed = next(iter(sorted(SEEDS.glob(f"{SEED}*.txt"))), None)
    if seed is None:
        pytest.skip("seed 000 not found")
    log_in(pg, "shengwu")
    pg.goto(f"{server}/upload")
    held: list[Any] = []
    pg.route(f"{server}/upload", lambda route: held.append(route))
    busy, button = pg.locator("#upload-busy"), pg.locator("#upload-form button.primary")
    expect(busy).to_be_hidden()
    pg.set_input_files("#files", str(seed))
    button.click()
    expect(busy).to_be_visible()
    expect(busy).to_have_text("正在读取和审核…")
    expect(button).to_be_disabled()
    assert len(held) == 1
    held[0].continue_()
    expect(pg.locator("#upload-results tr.r-imported")).to_contain_text("读取到 1 张表")
    expect(busy).to_be_hidden()
    expect(button).to_be_enabled()


# the widest element, for the failure message: what makes a narrow page scroll sideways
_WIDEST = """() => { const w = document.documentElement.clientWidth; const out = [];
  for (const el of document.querySelectorAll('body *')) { const r = el.getBoundingClientRect();
    if (r.right > w + 1 && getComputedStyle(el).position !== 'fixed') out.push(el.tagName + '.' + (el.getAttribute('class') || '')); }
  return {page: document.documentElement.scrollWidth, view: w, over: out.slice(0, 8)}; }"""


@pytest.mark.parametrize("path", ["/forms", "/", "/units"])
def test_a_narrow_window_never_scrolls_the_page_sideways(page: object, path: str) -> None:
    """On a phone-width window (420 px) the page itself fits: wide lists scroll inside their own
    box, the navigation wraps onto a second row instead of pushing the page wider."""
    pg, server = page, page.server  # type: ignore[attr-defined]
    log_in(pg, "reviewer")
    pg.set_viewport_size({"width": 420, "height": 800})
    pg.goto(f"{server}{path}")
    pg.wait_for_load_state("load")
    m = pg.evaluate(_WIDEST)
    assert m["page"] <= m["view"], m
    if path == "/forms":
        box = pg.locator("table.list").evaluate(
            "t => t.parentElement.scrollWidth > t.parentElement.clientWidth"
        )
        assert box, "the queue's list is wider than the window: it scrolls inside its own box"
        shot(pg, "queue-narrow")
