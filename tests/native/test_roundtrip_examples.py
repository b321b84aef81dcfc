"""Every template example (other regions' forms) → XLSX / DOCX → read → the same form.

The seeds' round trip is ``test_roundtrip``; these forms carry what the Wuhan-style layout
prints beyond the seeds (a 年初预算数 column, 资金来源 rows, label/value cells), in both templates. ``UNPRINTED``
names the extras no printed layout has a place for yet: a known gap, compared nowhere else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from jixiao.read import read
from jixiao.write import Template, write_docx, write_xlsx

from .conftest import REPO, comparable

EXAMPLES_DIR = REPO.parent / "shared" / "templates" / "examples"
EXAMPLES = (
    sorted(p for p in EXAMPLES_DIR.iterdir() if p.suffix in (".txt", ".html", ".xlsx", ".docx"))
    if EXAMPLES_DIR.is_dir()
    else []
)
pytestmark = pytest.mark.skipif(not EXAMPLES, reason="../shared/templates/examples 不存在")

# extras of other templates that the Wuhan-style layout has no column or row for (yet)
UNPRINTED = {
    "initial_targets",
}
# target tables of other layouts: their goal blocks and 中期/年度 funds do not survive yet
TARGET_GAPS: set[str] = set()


def _printed(form: Any) -> dict[str, Any]:
    data = comparable(form)
    data["extra"] = {k: v for k, v in data["extra"].items() if k not in UNPRINTED}
    return data


@pytest.mark.parametrize("template", list(Template), ids=str)
@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name[:2])
def test_example_forms_round_trip(example: Path, fmt: str, template: Template, tmp_path: Path) -> None:
    if example.name in TARGET_GAPS:
        pytest.xfail("目标表的中期目标与资金行尚未写回")
    forms = read(example).forms
    assert forms, example.name
    out = tmp_path / f"{example.stem}.{fmt}"
    (write_xlsx if fmt == "xlsx" else write_docx)(forms, out, template, notes="form")
    back = read(out)
    assert [_printed(f) for f in back.forms] == [_printed(f) for f in forms]


def test_initial_budget_is_printed_in_its_own_column(tmp_path: Path) -> None:
    """The national department example prints 年初预算数 1250 beside 全年预算数 1380."""
    forms = read(EXAMPLES_DIR / "03_national_department.docx").forms
    assert forms[0].extra["initial_budget"] == 1250
    out = write_xlsx(forms, tmp_path / "表.xlsx", notes="form")
    from openpyxl import load_workbook

    ws = load_workbook(out).active
    assert ws is not None
    row = next(r for r in ws.iter_rows(values_only=True) if "年初预算数" in r)
    values = next(r for r in ws.iter_rows(min_row=2, values_only=True) if 1250 in r)
    assert row.index("年初预算数") == values.index(1250)
    assert read(out).forms[0].extra["initial_budget"] == 1250


def test_national_funds_rows_sit_under_the_budget_columns(tmp_path: Path) -> None:
    """Example 01 prints 其中：当年财政拨款 150 / 170 / 165 under 年初预算数 / 全年预算数 /
    全年执行数 (财预〔2020〕10号: … 全年执行数 | 分值 | 执行率 | 得分), not spread above the block."""
    from openpyxl import load_workbook

    forms = read(EXAMPLES_DIR / "01_national_project_2023.xlsx").forms
    out = write_xlsx(forms, tmp_path / "表.xlsx", Template.NATIONAL, notes="form")
    ws = load_workbook(out).active
    assert ws is not None
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    head = next(n for n, r in enumerate(rows) if "年初预算数" in r)
    cols = {name: rows[head].index(name) for name in ("年初预算数", "全年预算数（A）", "全年执行数（B）")}
    assert rows[head].index("分值") < rows[head].index("执行率（B/A）") < rows[head].index("得分")
    funded = next(n for n, r in enumerate(rows) if any(str(x).startswith("其中") for x in r if x))
    assert funded == head + 2  # right under 年度资金总额
    assert [rows[funded][c] for c in cols.values()] == ["150", "170", "165"]
    assert read(out).forms[0].extra["rows"] == forms[0].extra["rows"]


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_target_without_unit_keeps_its_implementer_only(fmt: str, tmp_path: Path) -> None:
    """A project target whose table names no unit (only 主管部门 and 实施单位) is printed with
    项目实施单位: 项目执行单位 would read back as the form's unit."""
    form = read(EXAMPLES_DIR / "13_target_101_style.xlsx").forms[0]
    form.unit = None
    out = (write_xlsx if fmt == "xlsx" else write_docx)([form], tmp_path / f"表.{fmt}", notes="form")
    back = read(out).forms[0]
    assert (back.unit, back.implementer) == (None, form.implementer)
