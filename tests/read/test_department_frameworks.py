"""Level labels of the department frameworks in layouts that drop merged cells.

The older 部门整体支出 framework prints 投入/过程/产出/效果 at level 1 over 预算配置, 预算执行,
资产管理 …; Jiangxi's 管理指标 uses the same level 2. One cell per line, a row whose 一级/二级 are
merged starts at the first label it prints, so the labels must be known as labels: unknown, the
row was taken for an indicator named 投入指标 and every field of the block shifted.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read

HEAD = [
    "2023年度部门整体支出绩效自评表", "部门（单位）名称", "桐江县退役军人事务局",
    "绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
    "偏差原因分析及改进措施",
]  # fmt: skip


def _read(tmp_path: Path, rows: list[str]) -> list[tuple[str | None, str | None, str, float | None]]:
    path = tmp_path / "自评表.txt"
    path.write_text("".join(f"{c} |\n" for c in HEAD + rows), encoding="utf-8")
    [form] = read(path).forms
    return [(i.level1, i.level2, i.name, i.score) for _, i in form.indicators()]


def test_input_process_output_effect_levels(tmp_path: Path) -> None:
    rows = [
        "投入指标", "预算配置", "在职人员控制率", "≤100%", "96%", "10", "10", "",
        "过程指标", "预算执行", "预算完成率", "≥95%", "97.2%", "15", "15", "",
        "资产管理", "资产管理规范性", "规范", "规范", "10", "10", "",
        "产出指标", "职责履行", "走访慰问优抚对象", "≥1800人次", "1900人次", "35", "35", "",
        "效果指标", "履职效益", "退役军人就业率", "≥85%", "86%", "30", "30", "",
    ]  # fmt: skip
    assert _read(tmp_path, rows) == [
        ("投入指标", "预算配置", "在职人员控制率", 10),
        ("过程指标", "预算执行", "预算完成率", 15),
        ("过程指标", "资产管理", "资产管理规范性", 10),
        ("产出指标", "职责履行", "走访慰问优抚对象", 35),
        ("效果指标", "履职效益", "退役军人就业率", 30),
    ]


def test_jiangxi_management_level(tmp_path: Path) -> None:
    rows = [
        "管理指标（30分）", "预算执行", "预算执行率", "≥95%", "96%", "15", "15", "",
        "预算管理", "结转结余率", "≤8%", "6%", "15", "15", "",
        "产出指标（70分）", "数量指标", "走访慰问优抚对象", "≥1800人次", "1900人次", "70", "70", "",
    ]  # fmt: skip
    assert _read(tmp_path, rows) == [
        ("管理指标", "预算执行", "预算执行率", 15),
        ("管理指标", "预算管理", "结转结余率", 15),
        ("产出指标", "数量指标", "走访慰问优抚对象", 70),
    ]
