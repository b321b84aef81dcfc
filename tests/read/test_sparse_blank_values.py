"""Space-separated (or pipe, or one-line) rows of a form published with 完成值 and 得分 left
empty: each row keeps only its printed cells, so a lone figure after the target could be the
分值 or the 得分, and a 定性 target the 指标值 or the 完成值. The columns a template prints on
every row (分值, 指标值) are the ones a row is least likely to leave empty, so the figure is
the points and the text the target; a unit of two counted units (台套) is a unit."""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read

FORM = """桐江县2024年度部门预算项目支出绩效自评表
项目名称  乡镇污水处理设施运维
主管部门  桐江县生态环境局  预算单位  桐江县污水处理服务中心
预算执行情况（万元）（10分）  年初预算  调整后预算数  预算执行数  预算执行率  权重  得分  原因
财政资金  100  100  95  95%  10  9.5
年度目标  预期目标  实际完成情况
保障乡镇污水处理设施稳定运行。  乡镇污水处理设施稳定运行。
绩效指标（90分）  一级指标  二级指标  三级指标  指标性质  指标值  度量单位  完成值  权重  得分  未完成原因分析
产出指标  数量指标  运维污水处理站点  ≥  24  座  30
购置在线检测设备  ≥  12  台套  20
效益指标  生态效益指标  出水达标率  ≥  95  %  20
可持续影响指标  运维管理制度  定性  健全有效  10
满意度指标  服务对象满意度指标  群众满意度  ≥  90  %  10
"""


def test_a_lone_figure_is_the_points_and_a_lone_text_the_target(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text(FORM, encoding="utf-8")
    [form] = read(path).forms
    got = [(i.name, i.target, i.actual, i.weight, i.score) for _, i in form.indicators()]
    assert got == [
        ("运维污水处理站点", "≥24座", None, 30, None),
        ("购置在线检测设备", "≥12台套", None, 20, None),
        ("出水达标率", "≥95%", None, 20, None),
        ("运维管理制度", "健全有效", None, 10, None),
        ("群众满意度", "≥90%", None, 10, None),
    ]
