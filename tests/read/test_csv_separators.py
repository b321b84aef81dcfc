"""A CSV saved by Excel where the list separator is ``;`` reads as the same form as the one
saved with ``,``; a comma CSV whose cells hold ASCII ``;`` keeps its commas."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from jixiao.contract import form_to_contract
from jixiao.read import read

ROWS = [
    ["2022年度项目支出绩效自评表", "", "", "", "", "", "", ""],
    ["项目名称", "渔港维修", "", "", "", "", "", ""],
    ["主管部门", "海澄县农业农村局", "", "", "实施单位", "海澄县渔港管理站", "", ""],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["", "产出指标", "数量指标", "维修码头泊位", "≥4个", "4个", "50", "50"],
    ["", "", "时效指标", "完工时间", "2022年10月底前", "2022年10月15日", "40", "40"],
    ["总分", "", "", "", "", "", "100", "100"],
]


def saved(tmp_path: Path, name: str, sep: str, rows: list[list[str]] = ROWS) -> Path:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows(rows)
    path = tmp_path / name
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))
    return path


def forms(path: Path) -> list[dict[str, object]]:
    return [form_to_contract(f) for f in read(path).forms]


def test_semicolon_csv_reads_as_the_comma_csv(tmp_path: Path) -> None:
    comma = forms(saved(tmp_path, "a.csv", ","))
    assert comma and [i["name"] for i in comma[0]["goals"][0]["indicators"]] == ["维修码头泊位", "完工时间"]
    assert forms(saved(tmp_path, "b.csv", ";")) == comma


def test_ascii_semicolons_inside_comma_cells_do_not_change_the_separator(tmp_path: Path) -> None:
    rows = [list(r) for r in ROWS]
    rows[4][5] = "4个;含1个临时泊位"
    got = forms(saved(tmp_path, "c.csv", ",", rows))
    assert got[0]["goals"][0]["indicators"][0]["actual"] == "4个;含1个临时泊位"
