"""A small invented Wuhan-style 项目支出绩效目标表 as DOCX tables: each goal table titled in its
first row (长期绩效目标表 merged over the columns) after the goals' texts (名称 | 目标说明), the goal's name (长期绩效目标1) merged down its
indicators and its 一级 label down its group, the annual table's 指标值 over 前年 | 上年 | 预计当年实现
(a two-row header); the source of ``lo_target_docx.txt`` (README.md). Run from a scratch folder."""

from docx import Document

HEAD = [["项目名称", "社区书屋提档升级", "项目主管部门", "江岸区文化和旅游局"],
        ["项目执行单位", "江岸区图书馆", "项目当年预算", "86"]]  # fmt: skip
GOALS = [["项目绩效总目标", "名称", "目标说明"],
         ["", "长期绩效目标1", "三年内建成社区书屋20个，藏书达到5万册。"],
         ["", "年度绩效目标1", "年内完成社区书屋8个提档升级。"]]  # fmt: skip
LONG = [
    ["长期绩效目标表", "", "", "", "", ""],
    ["目标名称", "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据"],
    ["长期绩效目标1", "产出指标", "数量指标", "新增社区书屋藏书", "≥1.5万册", "计划标准"],
    ["", "", "质量指标", "图书上架准确率", "≥98%", "行业标准"],
    ["", "效益指标", "社会效益指标", "书屋年接待读者人次", "≥3万人次", "历史标准"],
    ["长期绩效目标2", "产出指标", "时效指标", "书屋改造按期完成率", "100%", "计划标准"],
    ["", "满意度指标", "服务对象满意度指标", "读者满意度", "≥90%", "计划标准"],
]  # fmt: skip
YEAR = [
    ["年度绩效目标表", "", "", "", "", "", "", ""],
    ["目标名称", "一级指标", "二级指标", "三级指标", "指标值", "", "", "指标值确定依据"],
    ["", "", "", "", "前年", "上年", "预计当年实现", ""],
    ["年度绩效目标1", "产出指标", "数量指标", "新增社区书屋藏书", "", "", "≥0.5万册", "计划标准"],
    ["", "效益指标", "社会效益指标", "书屋年接待读者人次", "", "2.6万人次", "≥1万人次", "历史标准"],
]  # fmt: skip


def table(doc: Document, rows: list[list[str]]):  # type: ignore[no-untyped-def]
    t = doc.add_table(rows=0, cols=len(rows[0]))
    t.style = "Table Grid"
    for values in rows:
        for cell, text in zip(t.add_row().cells, values, strict=True):
            cell.text = text
    return t


doc = Document()
doc.add_paragraph("项目支出绩效目标表")
doc.add_paragraph("单位：万元")
table(doc, HEAD)
goals = table(doc, GOALS)
goals.cell(0, 0).merge(goals.cell(2, 0)).text = "项目绩效总目标"
doc.add_paragraph("")
long = table(doc, LONG)
long.cell(0, 0).merge(long.cell(0, 5)).text = "长期绩效目标表"
long.cell(2, 0).merge(long.cell(4, 0)).text = "长期绩效目标1"
long.cell(2, 1).merge(long.cell(3, 1)).text = "产出指标"
long.cell(5, 0).merge(long.cell(6, 0)).text = "长期绩效目标2"
doc.add_paragraph("")
year = table(doc, YEAR)
year.cell(0, 0).merge(year.cell(0, 7)).text = "年度绩效目标表"
for col in (0, 1, 2, 3, 7):
    text = YEAR[1][col]
    year.cell(1, col).merge(year.cell(2, col)).text = text
year.cell(1, 4).merge(year.cell(1, 6)).text = "指标值"
year.cell(3, 0).merge(year.cell(4, 0)).text = "年度绩效目标1"
doc.save("target_form.docx")
