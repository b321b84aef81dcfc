"""A unit's draft is checked as its imported file was: the points printed in 一级/二级 labels,
which the stored form-v1 body has no field for, come back from the form's indicator rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jixiao import store
from tests.web.conftest import CULTURE, form_ids
from tests.web.test_filling import _indicator, _type

# A Wuhan project self-evaluation (the seeds' layout: points in every label) whose 产出指标 label
# prints 50 分 over two indicators of 20 分 each: 20 + 20 = 40 ≠ 50, by hand. The goal's four
# indicators add up to its 80 分 and the 总分 to 20 + 80 = 100, so that label is all that is wrong.
FORM = "\n".join(
    [
        "2023 年度非遗展演经费项目自评表",
        "",
        f"单位名称: {CULTURE} 填报日期: 2024 年 3 月 18 日",
        "",
        "项目名称\t\t非遗展演经费",
        f"主管部门\t\t江夏区文化和旅游局\t\t项目实施单位\t\t{CULTURE}",
        "预算执行情况 (万元) (20分)\t\t预算数(A)\t执行数(B)\t执行率(B/A)\t得分 (20分*执行率)",
        "\t\t年度财政资金总额\t50\t50\t100.00%\t20",
        "年度 绩效 目标 1 (80 分)\t一级 指标\t二级指标\t三级指标\t\t年初目标值 (A)\t实际完成值 (B)\t得分",
        "\t产出 指标 (50分)\t数量指标 (20分)\t举办非遗展演场次 (20分)\t\t≥10 场\t12 场\t20",
        "\t\t质量指标 (20分)\t展演安全事故发生次数 (20分)\t\t0 次\t0 次\t20",
        "\t效益 指标 (20分)\t社会效益指标 (20分)\t非遗传播覆盖人次 (20分)\t\t≥5000 人次\t6000 人次\t20",
        "\t满意度 指标 (20分)\t服务对象满意度指标 (20分)\t观众满意度 (20分)\t\t≥90%\t95%\t20",
        "总分\t\t100",
        "",
    ]
)
LABEL = "“产出指标”印为 50 分，其下 2 项指标分值合计 40 分"


def _label_findings(page: dict[str, Any]) -> list[str]:
    return [f["message"] for g in page["goals"] for f in g["findings"] if f["code"] == "goal.weight_mismatch"]


def test_a_draft_is_told_its_label_points_do_not_add_up(
    db: store.Database, client_for: Any, tmp_path: Path
) -> None:
    """Import raises the warning; the unit's draft (each change re-evaluated live, and the form
    page showing it) raised nothing, since the label's 50 分 was lost with the body. Now the
    draft keeps it, and so does the new revision a submitted draft becomes."""
    path = tmp_path / "2023_江夏区文化馆_非遗展演经费_项目自评表.txt"
    path.write_text(FORM, encoding="utf-8")
    assert len(store.import_paths([path], db).imported) == 1
    form_id = form_ids(db, unit=CULTURE, kind="project_self_evaluation")[0]
    reviewer = client_for("reviewer")
    assert _label_findings(reviewer.get(f"/api/forms/{form_id}").json()) == [LABEL]
    store.transition(db, form_id, "return", "reviewer", "请核对实际完成值")
    unit = client_for("wenhua")
    before = unit.get(f"/api/forms/{form_id}").json()
    _, seen = _indicator(before, "观众满意度")
    draft = _type(unit, form_id, **{f"{seen}.actual": "96%"})
    assert draft["showing_draft"] and _label_findings(draft) == [LABEL]
    assert _label_findings(unit.get(f"/api/forms/{form_id}").json()) == [LABEL]
    new_id = store.submit_form(db, form_id, "wenhua")
    assert new_id != form_id
    detail = store.get_form(db, new_id)
    assert detail is not None
    assert [f.message for f in detail.findings if f.code == "goal.weight_mismatch"] == [LABEL]
