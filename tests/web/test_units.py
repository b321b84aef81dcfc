"""单位比较 and 单位历年: what an analyst reads, and what a 填报人 of another unit may not."""

from __future__ import annotations

from pathlib import Path

from jixiao import store
from tests.web.conftest import CITY, CULTURE, EXAMPLES

PROJECT_2023 = EXAMPLES / "2023_江夏区文化馆_群众文化活动经费_项目自评表.txt"


def _next_year(tmp_path: Path) -> Path:
    """The 2023 form filed again for 2024 with a larger budget and a lower training target.

    The reader keeps values as printed without the layout's spaces ("≥300人次").
    """
    text = PROJECT_2023.read_text(encoding="utf-8")
    assert "≥300 人次" in text and "186.5" in text
    text = text.replace("2023 年", "2024 年").replace("186.5", "200").replace("≥300 人次", "≥200 人次")
    path = tmp_path / "2024_文化馆_项目自评表.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_unit_history_shows_years_projects_and_a_target_that_fell_while_budget_rose(
    loaded: store.Database, client_for, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    store.import_paths([_next_year(tmp_path)], loaded)
    c = client_for("reviewer")
    data = c.get(f"/api/units/{CULTURE}").json()
    assert [y["year"] for y in data["years"]] == [2023, 2024]
    assert all(y["forms"] == 1 for y in data["years"])
    [project] = [p for p in data["projects"] if p["project"] == "群众文化活动经费"]
    assert project["years"] == [2023, 2024]
    assert project["budgets"] == {"2023": "186.5", "2024": "200"}
    assert project["totals"] == {"2023": "98", "2024": "98"}
    [finding] = project["findings"]
    assert "培训基层文艺骨干人数" in finding and "≥300" in finding and "≥200" in finding

    page = c.get(f"/units/{CULTURE}", params={"project": "群众文化活动经费"})
    assert page.status_code == 200
    # the grade column is the re-scored grade, named as the form page names it (不是填报的等级)
    assert "<th>重算等级</th>" in page.text and "<th>等级</th>" not in page.text
    assert all(y["grades"] and not y["grades_printed"] for y in data["years"])
    assert "培训基层文艺骨干人数" in page.text and "≥300人次" in page.text and "≥200人次" in page.text
    indicators = c.get(f"/api/units/{CULTURE}", params={"project": "群众文化活动经费"}).json()["indicators"]
    training = next(i for i in indicators if i["name"] == "培训基层文艺骨干人数")
    assert training["targets"] == {"2023": "≥300人次", "2024": "≥200人次"}
    assert training["actuals"] == {"2023": "240人次", "2024": "240人次"}


def test_units_page_compares_units_and_a_filler_sees_only_its_own(loaded: store.Database, client_for) -> None:  # type: ignore[no-untyped-def]
    reviewer = client_for("reviewer").get("/api/units").json()
    units = {line["unit"] for line in reviewer["lines"]}
    assert {CULTURE, CITY} <= units
    culture_2023 = next(
        line
        for line in reviewer["lines"]
        if line["unit"] == CULTURE and line["year"] == 2023 and line["kind"] == "project_self_evaluation"
    )
    assert culture_2023["forms"] == 1 and culture_2023["printed_average"] == 98
    assert culture_2023["kind_label"] == "项目自评"
    titles = [title for title, _ in culture_2023["top_findings"]]
    assert "未达成目标却得满分" in titles  # three indicators not met but scored in full (checked by hand)
    assert "所用评分规则" not in titles  # a 提示 is not a finding to read here

    filler = client_for("chengguan")
    assert {line["unit"] for line in filler.get("/api/units").json()["lines"]} == {CITY}
    page = filler.get("/units")
    assert page.status_code == 200 and CITY in page.text and CULTURE not in page.text
    assert filler.get(f"/units/{CULTURE}").status_code == 403
    assert filler.get(f"/units/{CITY}").status_code == 200


def test_unknown_unit_or_project_is_a_clear_404(loaded: store.Database, client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("admin")
    r = c.get("/units/不存在的单位")
    assert r.status_code == 404 and "没有单位“不存在的单位”的表" in r.text
    r = c.get(f"/api/units/{CULTURE}", params={"project": "不存在的项目"})
    assert r.status_code == 404 and "不存在的项目" in r.json()["detail"]
