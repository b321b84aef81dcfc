"""Write ``score_sheet.xlsx``: an invented 评价指标体系及评分表 (a scoring sheet, not a form) with
columns narrow enough that LibreOffice's PDF prints its header labels one space apart."""

from __future__ import annotations

from openpyxl import Workbook

wb = Workbook()
ws = wb.active
ws.append(["城乡垃圾分类补助项目绩效评价指标体系及评分表"])
ws.append(["一级指标", "二级指标", "三级指标", "分值", "评分标准", "指标解释", "得分"])
for row in (
    ["项目决策", "项目立项", "立项程序规范性", 4, "程序规范得4分，否则扣分", "是否按规定程序申请设立", 4],
    ["项目管理", "资金管理", "资金到位率", 6, "每低1个百分点扣0.1分", "实际到位/计划投入", 5.4],
    ["项目管理", "组织实施", "管理制度健全性", 5, "制度健全得5分", "是否建立健全管理制度", 5],
    ["项目绩效", "项目产出", "分类收集点建设数", 25, "按比例得分", "实际建设数/计划数", 23],
    ["项目绩效", "项目效益", "居民分类知晓率", 20, "达到目标得满分", "问卷调查知晓比例", 18],
    ["合计", "", "", 60, "", "", 55.4],
):
    ws.append(row)
for col, w in zip("ABCDEFG", [9, 9, 10, 5, 8, 8, 5], strict=True):
    ws.column_dimensions[col].width = w
wb.save("score_sheet.xlsx")
