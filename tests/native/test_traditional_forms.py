"""Forms printed in traditional characters read as their simplified originals.

Units linked to Hong Kong/Macau, staff trained in Taiwan or simply a traditional-script font
print 績效目標 / 產出指標 / 年度目標: the reader must see the same goals, levels and indicators
as in the simplified form. The fixtures are template examples of other families converted with
the table below (written for these tests, one character to one, so the conversion inverts
exactly), and a written XLSX target table with two goal blocks.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from jixiao.contract import form_to_contract
from jixiao.model import Form
from jixiao.read import read
from jixiao.write import Template, write_xlsx

from .conftest import REPO

EXAMPLES_DIR = REPO.parent / "shared" / "templates" / "examples"

_SIMPLIFIED = (
    "万专业个为乡产亩仅众会体余兴养内农况准减创别办务动劳区协单厂县参发变叶后员响园场坚处备实审对岗岚"
    "巩带并应开强总户执护报担拨数时机杀权条标档检测济游湾满点独电监盖确秆种积称稳签粮级线经结绩续综绿"
    "缩缮职联脱营衔补计订训议论设证评调财质贫购贴贷费资转达过运进迟采银镇长门间队际险页项预额验鹭"
    "该规则围图书注"  # 注 as in 备注 (備註)
)
_TRADITIONAL = (
    "萬專業個為鄉產畝僅眾會體餘興養內農況準減創別辦務動勞區協單廠縣參發變葉後員響園場堅處備實審對崗嵐"
    "鞏帶並應開強總戶執護報擔撥數時機殺權條標檔檢測濟遊灣滿點獨電監蓋確稈種積稱穩簽糧級線經結績續綜綠"
    "縮繕職聯脫營銜補計訂訓議論設證評調財質貧購貼貸費資轉達過運進遲採銀鎮長門間隊際險頁項預額驗鷺"
    "該規則圍圖書註"
)
_TO_TRADITIONAL = str.maketrans(_SIMPLIFIED, _TRADITIONAL)
_TO_SIMPLIFIED = str.maketrans(_TRADITIONAL, _SIMPLIFIED)


def _contract(forms: list[Form]) -> list[dict[str, Any]]:
    """The forms as form-v1 JSON, without the reader's notes on the source's layout."""
    out = []
    for form in forms:
        data = form_to_contract(form)
        data.pop("issues", None)
        data["extra"] = {k: v for k, v in data["extra"].items() if k in ("fields", "rows", "notes")}
        out.append(data)
    return out


def _simplified(forms: list[Form]) -> list[dict[str, Any]]:
    """What the test's own table turns the forms' text back into (independent of the reader)."""
    return json.loads(json.dumps(_contract(forms), ensure_ascii=False).translate(_TO_SIMPLIFIED))


def _traditional_copy(example: str, tmp_path: Path) -> Path:
    text = (EXAMPLES_DIR / example).read_text(encoding="utf-8")
    converted = text.translate(_TO_TRADITIONAL)
    assert converted != text
    out = tmp_path / example
    out.write_text(converted, encoding="utf-8")
    return out


def test_table_converts_one_to_one() -> None:
    assert len(_SIMPLIFIED) == len(_TRADITIONAL) == len(set(_TRADITIONAL)) == len(set(_SIMPLIFIED))


@pytest.mark.parametrize(
    "example",
    [
        "12_department_target_placeholders.txt",  # title …申報表_第1頁, 年度績效指標 in the goal column
        "09_hubei_one_block_tab.txt",  # a self-evaluation whose notes open with 備註：
    ],
)
def test_traditional_example_reads_as_its_original(example: str, tmp_path: Path) -> None:
    original = read(EXAMPLES_DIR / example).forms
    converted = read(_traditional_copy(example, tmp_path)).forms
    assert _simplified(converted) == _contract(original)


def test_two_traditional_goal_blocks_stay_two_goals(tmp_path: Path) -> None:
    """A target table with a 中期目標 block and a 年度目標 block, each with its own header: two
    goals of their own indicators, not one goal of both blocks' indicators."""
    form = read(EXAMPLES_DIR / "13_target_101_style.xlsx").forms[0]
    annual = form.goals[0]
    medium = annual.model_copy(deep=True)
    medium.name, medium.text, medium.term = "中期目标（2024年—2026年）", "三年内建成并稳定运行。", None
    annual.name, annual.term = "年度目标", "annual"
    form.goals = [medium, annual]
    out = write_xlsx([form], tmp_path / "表.xlsx", Template.NATIONAL, notes="form")
    wb = load_workbook(out)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.value = cell.value.translate(_TO_TRADITIONAL)
                    cell.data_type = "s"  # a printed "=100%" stays text, not a formula
    wb.save(out)
    back = read(out).forms
    assert len(back) == 1
    goals = back[0].goals
    assert [g.name.translate(_TO_SIMPLIFIED) for g in goals] == ["中期目标(2024年—2026年)", "年度目标"]
    names = [i.name for i in annual.indicators]
    assert [[i.name.translate(_TO_SIMPLIFIED) for i in g.indicators] for g in goals] == [names, names]
    assert goals[0].text == "三年內建成並穩定運行。"
