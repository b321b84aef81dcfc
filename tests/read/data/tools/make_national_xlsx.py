"""A small invented 项目支出绩效自评表 as XLSX (the national template: 项目资金 merged over its
rows, goals of long texts, 绩效指标 merged down, landscape, one page wide). ``pdftotext -layout``
of LibreOffice's PDF sets each line by its characters, not the page's columns: the 时效指标 row
(2024年10月底前, 2024年10月26日) prints its 分值 and 得分 one column right, under 得分 and
偏差原因分析及改进措施; the source of ``pdftotext_national_xlsx.txt`` (README.md). Run from a
scratch folder."""

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

ROWS = [
    ["项目支出绩效自评表"],
    ["（2024年度）"],
    ["项目名称", "农村公路日常养护补助"],
    ["主管部门", "河湾县交通运输局", None, None, "实施单位", None, "河湾县农村公路管理所"],
    [
        "项目资金（万元）",
        None,
        None,
        "年初预算数",
        "全年预算数（A）",
        "全年执行数（B）",
        "分值",
        "执行率（B/A）",
        "得分",
    ],
    [None, "年度资金总额", None, 240, 250, 237.5, 10, 0.95, 9.5],
    [None, "其中：当年财政拨款", None, 200, 210, 200, "—", "—", "—"],
    [None, "上年结转资金", None, 40, 40, 37.5, "—", "—", "—"],
    [None, "其他资金", None, 0, 0, 0, "—", "—", "—"],
    ["年度总体目标", "预期目标", None, None, None, "实际完成情况", None, None, None],
    [
        None,
        "对全县46条农村公路开展日常养护，\n修补破损路面15公里，保障5.2万农村群众安全出行。",
        None,
        None,
        None,
        "完成44条农村公路日常养护，修补破损路面15.6公里，5.2万农村群众出行保持畅通。",
    ],
    [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ],
    [
        None,
        "产出指标（50分）",
        "数量指标",
        "日常养护农村公路条数",
        "≥46条",
        "44条",
        10,
        9.57,
        "2条公路因改扩建暂停养护，已列入2025年计划。",
    ],
    [None, None, None, "修补破损路面长度", "≥15公里", "15.6公里", 10, 10],
    [None, None, "质量指标", "养护路段验收合格率", "100%", "100%", 10, 10],
    [None, None, None, "农村公路优良中等路率", "≥85%", "88.4%", 10, 10],
    [None, None, "时效指标", "年度养护任务完成时限", "2024年10月底前", "2024年10月26日", 5, 5],
    [None, None, "成本指标", "每公里路面平均修补成本", "≤3.2万元", "3.1万元", 5, 5],
    [None, "效益指标（30分）", "社会效益指标", "受益农村群众", "≥5.2万人", "5.2万人", 10, 10],
    [None, None, None, "公路安全通行率", "≥98%", "97%", 10, 10],
    [
        None,
        None,
        "可持续影响指标",
        "日常养护长效机制",
        "健全",
        "基本健全",
        10,
        7,
        "部分村级养护员尚未落实，下一步完善养护考核办法。",
    ],
    [None, "满意度指标（10分）", "服务对象满意度指标", "沿线群众满意度", "≥90%", "93%", 10, 10],
    ["总分", None, None, None, None, None, 100, 95.07],
    ["填报日期：2025年3月20日"],
]
MERGED = [
    "A1:I1",
    "A2:I2",
    "B3:I3",
    "B4:D4",
    "E4:F4",
    "G4:I4",
    "A5:A9",
    "B5:C5",
    "B6:C6",
    "B7:C7",
    "B8:C8",
    "B9:C9",
    "A10:A11",
    "B10:E10",
    "F10:I10",
    "B11:E11",
    "F11:I11",
    "A12:A22",
    "B13:B18",
    "C13:C14",
    "C15:C16",
    "B19:B21",
    "C19:C20",
    "A23:F23",
    "A24:I24",
]
TALL = {5, 6, 11, 13, 17, 21, 22}  # rows of two lines
wb = Workbook()
ws = wb.active
thin = Side(style="thin")
for r, row in enumerate(ROWS, start=1):
    ws.append(row)
    ws.row_dimensions[r].height = 30 if r in TALL else 15
    for cell in ws[r]:
        if r > 2 and r < len(ROWS):  # the table: wrapped, centred vertically, ruled
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
ws["A1"].font = Font(size=14, bold=True)
ws["A1"].alignment = ws["A2"].alignment = Alignment(horizontal="center")
for rng in MERGED:
    ws.merge_cells(rng)
ws["H6"].number_format = "0.00%"
for col, width in zip("ABCDEFGHI", [12, 10, 12, 24, 14, 14, 8, 8, 30], strict=True):
    ws.column_dimensions[col].width = width
ws.page_setup.orientation = "landscape"
ws.sheet_properties.pageSetUpPr.fitToPage = True  # one page wide
ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
wb.save("national_form.xlsx")
