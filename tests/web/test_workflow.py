"""The whole workflow through the HTTP interface: fill, recompute, submit, review, return, see."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from jixiao import store
from jixiao.review.catalogue import CATALOGUE
from tests.web.conftest import CITY, CULTURE, form_ids


def _self_evaluation(db: store.Database, unit: str) -> int:
    return form_ids(
        db, unit=unit, kind="department_self_evaluation" if unit == CITY else "project_self_evaluation"
    )[0]


def test_first_run_offers_setup_then_examples(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from jixiao.web import WebSettings, create_app
    from tests.web.conftest import EXAMPLES, csrf_of

    app = create_app(str(tmp_path / "new.db"), WebSettings(examples_dir=EXAMPLES))
    with TestClient(app, follow_redirects=False) as c:
        assert c.get("/").headers["location"] == "/login"
        assert c.get("/login").headers["location"] == "/setup"
        page = c.get("/setup")
        r = c.post(
            "/setup",
            data={
                "name": "管理员",
                "password": "pass-word-1",
                "password2": "pass-word-1",
                "csrf": csrf_of(page.text),
            },
        )
        assert r.status_code == 303
        home = c.get("/")
        assert "导入示例数据" in home.text
        assert c.post("/examples", data={"csrf": csrf_of(home.text)}).status_code == 303
        home = c.get("/")
        assert "导入示例数据" not in home.text
        assert c.get("/api/overview").json()["forms"] == 4
        # the set-up page is closed once an account exists
        assert c.get("/setup").headers["location"] == "/login"


def test_unit_edits_recompute_and_keep_history(loaded: store.Database, client_for) -> None:  # type: ignore[no-untyped-def]
    form_id = _self_evaluation(loaded, CITY)
    store.set_state(loaded, [form_id], "draft", "测试")
    unit = client_for("chengguan")
    page = unit.get(f"/api/forms/{form_id}").json()
    assert page["can_edit"] is True
    # 违法建设拆除面积: target ≥5万平方米, printed actual 4万平方米 with the full 5 points (checked by hand)
    goal = next(g for g in page["goals"] if any(i["name"] == "违法建设拆除面积" for i in g["indicators"]))
    ind = next(i for i in goal["indicators"] if i["name"] == "违法建设拆除面积")
    assert [f["code"] for f in ind["findings"]] == ["indicator.full_score_unmet"]
    assert ind["computed"] == "4"
    field = f"i.{goal['index']}.{ind['index']}.actual"
    r = unit.post(f"/forms/{form_id}/edit", data={field: "5万平方米"}, headers={"HX-Request": "true"})
    assert r.status_code == 200
    assert f'id="c-{goal["index"]}-{ind["index"]}"' in r.text
    assert "已保存" in r.text
    after = unit.get(f"/api/forms/{form_id}").json()
    ind2 = next(i for g in after["goals"] for i in g["indicators"] if i["name"] == "违法建设拆除面积")
    assert ind2["actual"] == "5万平方米"
    assert ind2["computed"] == "5"
    assert ind2["findings"] == []
    assert after["showing_draft"] is True
    assert [(e["field"], e["old"], e["new"], e["by"]) for e in after["edits"]] == [
        (f"{goal['name']} / 违法建设拆除面积 / 实际完成值", "4万平方米", "5万平方米", "chengguan")
    ]
    # a bad number is refused with the field's name and nothing is saved
    score = f"i.{goal['index']}.{ind['index']}.score"
    bad = unit.post(f"/forms/{form_id}/edit", data={score: "五分"}, headers={"HX-Request": "true"})
    assert "得分应为数字" in bad.text
    assert len(unit.get(f"/api/forms/{form_id}").json()["edits"]) == 1


def test_submit_review_return_and_resubmit(loaded: store.Database, client_for) -> None:  # type: ignore[no-untyped-def]
    form_id = _self_evaluation(loaded, CITY)
    store.set_state(loaded, [form_id], "draft", "测试")
    unit, reviewer = client_for("chengguan"), client_for("reviewer")
    page = unit.get(f"/api/forms/{form_id}").json()
    ind = next(i for g in page["goals"] for i in g["indicators"] if i["name"] == "违法建设拆除面积")
    unit.post(f"/forms/{form_id}/edit", data={f"i.{ind['goal_index']}.{ind['index']}.score": "4"})
    r = unit.post(f"/forms/{form_id}/submit")
    assert r.status_code == 303
    new_id = int(r.headers["location"].rsplit("/", 1)[1])
    assert new_id != form_id  # the draft became revision 2
    assert store.state_of(loaded, new_id) == "submitted"
    # submitted: read-only for the unit
    assert unit.post(f"/forms/{new_id}/edit", data={"total_score": "1"}).status_code == 409
    findings = reviewer.get(f"/api/forms/{new_id}/findings").json()
    total = next(f for f in findings if f["code"] == "form.total_mismatch")
    r = reviewer.post(
        f"/api/forms/{new_id}/verdicts",
        json={
            "code": total["code"],
            "goal": None,
            "indicator": None,
            "verdict": "confirmed",
            "comment": "总分请按明细合计",
        },
    )
    assert r.status_code == 200
    assert store.state_of(loaded, new_id) == "in_review"
    assert (
        reviewer.post(f"/forms/{new_id}/transition", data={"action": "return"}).status_code == 409
    )  # comment required
    r = reviewer.post(
        f"/forms/{new_id}/transition",
        data={"action": "return", "comment": "请更正总分", "opinion": "总分与明细不符"},
    )
    assert r.status_code == 303
    seen = unit.get(f"/forms/{new_id}").text
    assert "请更正总分" in seen and "总分请按明细合计" in seen and "总分与明细不符" in seen
    # returned: editable again; the verdict follows the form to its next revision
    unit.post(f"/forms/{new_id}/edit", data={"deviation_reason": "已更正"})
    r = unit.post(f"/forms/{new_id}/submit")
    third = int(r.headers["location"].rsplit("/", 1)[1])
    notes = store.review_notes(loaded, third)
    carried = {(v.code, v.stale) for v in notes.verdicts}
    assert ("form.total_mismatch", False) in carried
    steps = [(s.from_state, s.to_state) for s in notes.steps]
    assert ("in_review", "returned") in steps and steps[-1][1] == "submitted"
    r = reviewer.post(f"/api/forms/{third}/transitions", json={"action": "approve", "opinion": "同意"})
    assert r.json()["state"] == "approved"


def test_issue_list_holds_confirmed_findings_only(loaded: store.Database, client_for) -> None:  # type: ignore[no-untyped-def]
    import io

    from openpyxl import load_workbook

    form_id = _self_evaluation(loaded, CULTURE)
    reviewer = client_for("reviewer")
    findings = reviewer.get(f"/api/forms/{form_id}/findings").json()
    errors = [f for f in findings if f["severity"] == "error"]
    assert len(errors) >= 2
    for f, verdict in ((errors[0], "confirmed"), (errors[1], "rejected")):
        body = {k: f[k] for k in ("code", "goal", "indicator")} | {"verdict": verdict, "comment": "复核"}
        assert reviewer.post(f"/api/forms/{form_id}/verdicts", json=body).status_code == 200
    r = reviewer.get("/issues.xlsx")
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:5] == ("单位", "年度", "表格", "指标", "问题")
    assert len(rows) == 2
    col = {name: n for n, name in enumerate(rows[0])}
    assert rows[1][0] == CULTURE and rows[1][4] == errors[0]["message"] and rows[1][col["审核结论"]] == "确认"
    # what the unit corrects, beside the rule: the confirmed finding's own 整改建议
    assert col["整改建议"] == col["依据"] + 1
    assert rows[1][col["整改建议"]] == CATALOGUE[errors[0]["code"]].advice
    assert rows[1][col["严重程度"]] == "错误"


def test_issue_list_says_how_severe_each_finding_is_errors_first(loaded: store.Database, client_for) -> None:  # type: ignore[no-untyped-def]
    """A finding that is not an error, confirmed before an error of the same form, comes after
    it in the 问题清单, each named 错误/警告/提示 as the form's page names it."""
    import io

    from openpyxl import load_workbook

    from jixiao.vocabulary import SEVERITY_NAMES

    form_id = _self_evaluation(loaded, CULTURE)
    reviewer = client_for("reviewer")
    findings = reviewer.get(f"/api/forms/{form_id}/findings").json()
    # a warning or a note listed (in the form's order) before an error
    lighter = [
        f
        for n, f in enumerate(findings)
        if f["severity"] != "error" and any(g["severity"] == "error" for g in findings[n + 1 :])
    ]
    assert lighter, "the form needs a warning or a note before one of its errors"
    error = next(f for f in findings[findings.index(lighter[0]) :] if f["severity"] == "error")
    for f in (lighter[0], error):
        body = {k: f[k] for k in ("code", "goal", "indicator")} | {"verdict": "confirmed", "comment": ""}
        assert reviewer.post(f"/api/forms/{form_id}/verdicts", json=body).status_code == 200
    rows = list(
        load_workbook(io.BytesIO(reviewer.get("/issues.xlsx").content)).active.iter_rows(values_only=True)
    )
    col = {name: n for n, name in enumerate(rows[0])}
    assert [(r[col["问题"]], r[col["严重程度"]]) for r in rows[1:]] == [
        (error["message"], "错误"),
        (lighter[0]["message"], SEVERITY_NAMES[lighter[0]["severity"]]),
    ]


def test_create_self_evaluation_from_target(loaded: store.Database, client_for) -> None:  # type: ignore[no-untyped-def]
    target = form_ids(loaded, unit=CITY, kind="department_target")[0]
    unit = client_for("chengguan")
    r = unit.post(f"/forms/{target}/self-evaluation")
    assert r.status_code == 303
    new_id = int(r.headers["location"].rsplit("/", 1)[1])
    page = unit.get(f"/api/forms/{new_id}").json()
    assert page["kind"] == "department_self_evaluation" and page["state"] == "draft" and page["can_edit"]
    tpage = unit.get(f"/api/forms/{target}").json()
    # the target table sets 长期目标1 (4 indicators) and 年度目标1 (5): a year's self-evaluation
    # scores the year's targets, as every self-evaluation of the seeds and examples prints only 年度 goals
    assert [g["name"] for g in tpage["goals"]] == ["长期目标1", "年度目标1"]
    assert [g["name"] for g in page["goals"]] == ["年度目标1"]
    names = [(i["name"], i["target"]) for i in tpage["goals"][1]["indicators"]]
    assert len(names) == 5
    assert [(i["name"], i["target"]) for g in page["goals"] for i in g["indicators"]] == names
    assert all(i["actual"] == "" for g in page["goals"] for i in g["indicators"])
    # a second one for the same unit, year and kind is refused
    assert unit.post(f"/forms/{target}/self-evaluation").status_code == 409


def test_generated_self_evaluation_carries_budget(loaded: store.Database, client_for) -> None:  # type: ignore[no-untyped-def]
    # the 2024 project target table prints 项目总预算 60 and 项目当年预算 60 (万元) in its header,
    # no 预算执行 row: the self-evaluation's 预算数 is the year's budget, 执行数 left to the unit
    target = form_ids(loaded, unit=CULTURE, kind="project_target")[0]
    unit = client_for("wenhua")
    r = unit.post(f"/forms/{target}/self-evaluation")
    assert r.status_code == 303
    new_id = int(r.headers["location"].rsplit("/", 1)[1])
    budget = unit.get(f"/api/forms/{new_id}").json()["budget"]
    assert budget["planned"] == "60" and budget["executed"] == "" and budget["rate"] == ""
    form = store.get_draft(loaded, new_id)
    assert form is not None and form.budget is not None and form.budget.planned == 60
    assert "fields" not in form.extra


def test_upload_results_per_file(loaded: store.Database, client_for, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.web.conftest import EXAMPLES

    reviewer = client_for("reviewer")
    same = (EXAMPLES / "2024_江夏区文化馆_项目支出绩效目标表.txt").read_bytes()
    files = [
        ("files", ("again.txt", same, "text/plain")),
        ("files", ("broken.xlsx", b"not a zip", "application/octet-stream")),
        ("files", ("../../evil.exe", b"MZ", "application/octet-stream")),
    ]
    results = reviewer.post("/api/import", files=files).json()
    by_name = {r["name"]: r for r in results}
    assert by_name["again.txt"]["status"] == "duplicate"
    assert by_name["broken.xlsx"]["status"] == "error" and by_name["broken.xlsx"]["message"]
    assert by_name["evil.exe"]["status"] == "error" and "不支持的文件类型" in by_name["evil.exe"]["message"]


def test_unit_cannot_upload_another_units_forms(loaded: store.Database, client_for) -> None:  # type: ignore[no-untyped-def]
    from tests.web.conftest import EXAMPLES

    culture = (EXAMPLES / "2023_江夏区文化馆_群众文化活动经费_项目自评表.txt").read_bytes()
    edited = culture + b"\n"  # new bytes, same forms
    r = client_for("chengguan").post("/api/import", files=[("files", ("x.txt", edited, "text/plain"))])
    [result] = r.json()
    assert result["status"] == "error" and CULTURE in result["message"]


def test_review_without_storing(client_for) -> None:  # type: ignore[no-untyped-def]
    from tests.web.conftest import EXAMPLES

    content = (EXAMPLES / "2023_江夏区文化馆_群众文化活动经费_项目自评表.txt").read_bytes()
    c = client_for("wenhua")
    [result] = c.post("/api/review", files=[("files", ("a.txt", content, "text/plain"))]).json()
    assert result["forms"] == 1 and any(f["code"] == "indicator.full_score_unmet" for f in result["findings"])
    assert c.get("/api/forms").json()["total"] == 0


def test_downloads(loaded: store.Database, client_for) -> None:  # type: ignore[no-untyped-def]
    import io

    from docx import Document as Docx
    from openpyxl import load_workbook

    form_id = _self_evaluation(loaded, CULTURE)
    c = client_for("wenhua")
    xlsx = c.get(f"/forms/{form_id}/download/xlsx")
    assert xlsx.status_code == 200 and "attachment" in xlsx.headers["content-disposition"]
    cells = [
        v for row in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True) for v in row
    ]
    assert "群众文化活动经费" in " ".join(str(v) for v in cells if v)
    docx = c.get(f"/forms/{form_id}/download/docx")
    words = " ".join(c.text for t in Docx(io.BytesIO(docx.content)).tables for r in t.rows for c in r.cells)
    assert "群众文化活动经费" in words
    report = c.get(f"/forms/{form_id}/download/report.html")
    assert report.headers["content-type"].startswith("text/html")
    assert "未达成目标却得满分" in report.text  # the form's finding, by its catalogue title
    assert c.get(f"/forms/{form_id}/download/exe").status_code == 404


@pytest.mark.slow
def test_pdf_downloads(loaded: store.Database, client_for) -> None:  # type: ignore[no-untyped-def]
    import shutil

    if not shutil.which("soffice"):
        pytest.skip("LibreOffice 未安装")
    form_id = _self_evaluation(loaded, CULTURE)
    c = client_for("reviewer")
    for kind in ("pdf", "report.pdf"):
        r = c.get(f"/forms/{form_id}/download/{kind}")
        assert r.status_code == 200 and r.content[:5] == b"%PDF-", kind


def test_page_and_api_twin_share_one_model(loaded: store.Database, client_for) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    from jixiao.web.pages import FormPage, OverviewPage, QueuePage

    form_id = _self_evaluation(loaded, CULTURE)
    c = client_for("reviewer")
    for url, model in (
        (f"/api/forms/{form_id}", FormPage),
        ("/api/forms", QueuePage),
        ("/api/overview", OverviewPage),
    ):
        assert set(c.get(url).json()) == {f.name for f in dataclasses.fields(model)}, url
    page = c.get(f"/api/forms/{form_id}").json()
    html = c.get(f"/forms/{form_id}").text
    for goal in page["goals"]:
        for ind in goal["indicators"]:
            assert f'data-indicator="{ind["name"]}"' in html
            for f in ind["findings"]:
                assert f["message"] in html


def test_a_cleared_target_value_is_an_error_before_submitting(loaded: store.Database, client_for) -> None:  # type: ignore[no-untyped-def]
    """A target table sets the measure: a filler who clears an indicator's 指标值 is told so (an
    error on that row and in the count), not "已保存, 0 errors" with nothing left to evaluate against."""
    form_id = form_ids(loaded, unit=CULTURE, kind="project_target")[0]
    store.set_state(loaded, [form_id], "draft", "测试")
    unit = client_for("wenhua")
    page = unit.get(f"/api/forms/{form_id}").json()
    # 数字化记录非遗项目数: the annual table prints "≥3个" under 预计当年实现 (checked by hand)
    ind = next(i for g in page["goals"] for i in g["indicators"] if i["name"] == "数字化记录非遗项目数")
    assert ind["target"] == "≥3个" and ind["findings"] == []
    errors_before = page["errors"]
    r = unit.post(
        f"/forms/{form_id}/edit",
        data={f"i.{ind['goal_index']}.{ind['index']}.target": ""},
        headers={"HX-Request": "true"},
    )
    assert r.status_code == 200 and "已保存" in r.text
    assert "未填写指标值，无法据以评价是否完成" in r.text  # the live answer shows the new finding
    after = unit.get(f"/api/forms/{form_id}").json()
    cleared = next(i for g in after["goals"] for i in g["indicators"] if i["name"] == ind["name"])
    assert [(f["code"], f["severity"]) for f in cleared["findings"]] == [("target.missing_value", "error")]
    assert after["errors"] == errors_before + 1


def test_issue_list_basis_names_the_form_kind_and_the_place(loaded: store.Database, client_for) -> None:  # type: ignore[no-untyped-def]
    """The 依据 column says on which form and where (findings-v1 location), then the rule as it
    reads on that kind of form: a target table's row never cites a self-evaluation's column."""
    import io

    from openpyxl import load_workbook

    from jixiao.model import FormKind

    reviewer = client_for("reviewer")
    chosen = {}
    for kind in (FormKind.PROJECT_TARGET, FormKind.PROJECT_SELF_EVALUATION):
        form_id = form_ids(loaded, unit=CULTURE, kind=kind.value)[0]
        findings = reviewer.get(f"/api/forms/{form_id}/findings").json()
        f = next(f for f in findings if f["goal"] and f["indicator"])
        body = {k: f[k] for k in ("code", "goal", "indicator")} | {"verdict": "confirmed"}
        assert reviewer.post(f"/api/forms/{form_id}/verdicts", json=body).status_code == 200
        chosen[kind] = f
    ws = load_workbook(io.BytesIO(reviewer.get("/issues.xlsx").content)).active
    rows = list(ws.iter_rows(values_only=True))
    col = {name: n for n, name in enumerate(rows[0])}
    basis = {row[col["问题"]]: row[col["依据"]] for row in rows[1:]}
    assert len(basis) == 2
    for kind, f in chosen.items():
        text = basis[f["message"]]
        assert text.startswith(f"{kind.label}，“{f['goal']}”，指标“{f['indicator']}”："), text
    target_basis = basis[chosen[FormKind.PROJECT_TARGET]["message"]]
    assert "自评表" not in target_basis, target_basis
