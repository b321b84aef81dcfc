"""画幅 (frames of digitised archives, ``万画幅``) is a unit: a Chongqing row printing it in the
计量单位 column joins it to a bare target and actual (``≥120`` + ``万画幅`` → ``≥120万画幅``)."""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read

LINES = [
    "澄川县档案馆2023年度部门整体绩效自评表",
    "单位名称\t澄川县档案馆",
    "绩效指标",
    "指标名称\t计量单位\t指标性质\t年初指标值\t调整指标值\t全年完成值\t得分系数（%）\t指标权重（分）\t指标得分（分）\t是否核心指标",
    "馆藏档案数字化\t万画幅\t定量\t≥120\t\t132\t100\t12\t12\t否",
    "接收进馆档案\t卷\t定量\t≥8000\t\t8240\t100\t88\t88\t否",
    "合计\t\t\t\t\t\t\t100\t100",
]


def test_huafu_unit_joined_to_bare_values(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    [form] = read(path).forms
    got = [(i.name, i.target, i.actual) for _, i in form.indicators()]
    assert got[0] == ("馆藏档案数字化", "≥120万画幅", "132万画幅")
