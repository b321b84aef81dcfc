"""Make ``hidden_formats.xlsx``; its .xls/.ods twins are LibreOffice's conversions of it.

    python tests/read/data/formats/make_hidden_formats.py tests/read/data/formats/hidden_formats.xlsx
    libreoffice --headless --convert-to xls|ods --outdir tests/read/data/formats hidden_formats.xlsx

The form of ``test_xlsx_hidden`` with a hidden code column B and a hidden first row, ruled
table cells, a merged A8:A9, amounts stored as numbers (72.456 shown as 0.00, 0.9 as 0%) and
a date cell shown as 2024年3月5日.
"""

import datetime as dt
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Border, Side

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from test_xlsx_hidden import ROWS

wb = Workbook()
ws = wb.active
ws.title = "自评表"
thin = Side(style="thin")
rows = [["填报日期：2019年1月5日"], *ROWS]
for r, row in enumerate(rows, 1):
    for c, v in enumerate(row):
        cell = ws.cell(r, 1 if c == 0 else c + 2, v)
        if r > 2:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.cell(r, 2, f"BM{r:02d}")
for col, v in zip("DEFGI", [80, 80, 72.456, 10, 9], strict=True):
    ws[f"{col}6"] = v
ws["F6"].number_format = "0.00"
ws["H6"] = 0.9
ws["H6"].number_format = "0%"
ws["E3"] = "填报日期"
ws["F3"] = dt.date(2024, 3, 5)
ws["F3"].number_format = 'yyyy"年"m"月"d"日"'
ws.column_dimensions["B"].hidden = True
ws.row_dimensions[1].hidden = True
ws.merge_cells("A8:A9")
wb.save(sys.argv[1])
