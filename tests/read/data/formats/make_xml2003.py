"""Write ``hidden_formats.xlsx`` as Excel 2003 XML (SpreadsheetML), the way Excel 2003 saves it.

    python tests/read/data/formats/make_xml2003.py tests/read/data/formats/hidden_formats.xlsx OUT.xls

LibreOffice's own "MS Excel 2003 XML" export fails on this machine, so the file is written from
the workbook by this script, following Microsoft's XML Spreadsheet Reference: cells written
once per merged range with ss:MergeAcross/ss:MergeDown, the covered cells left out and the next
cell given its ss:Index; hidden rows and columns ss:Hidden="1"; one ss:Style per look.
"""

import datetime as dt
import sys
from xml.sax.saxutils import escape

from openpyxl import load_workbook

wb = load_workbook(sys.argv[1])
ws = wb.active
styles: dict[tuple[str, bool, bool], str] = {}
merged = {(m.min_row, m.min_col): m for m in ws.merged_cells.ranges}
covered = {
    (r, c)
    for m in ws.merged_cells.ranges
    for r in range(m.min_row, m.max_row + 1)
    for c in range(m.min_col, m.max_col + 1)
    if (r, c) != (m.min_row, m.min_col)
}
rows = []
for r in range(1, ws.max_row + 1):
    hidden = ' ss:Hidden="1"' if ws.row_dimensions[r].hidden else ""
    cells, last = [], 0
    for c in range(1, ws.max_column + 1):
        cell = ws.cell(r, c)
        if (r, c) in covered or cell.value is None:
            continue
        look = (cell.number_format, cell.border.left.style is not None, bool(cell.font.b))
        sid = styles.setdefault(look, f"s{62 + len(styles)}")
        attrs = f' ss:StyleID="{sid}"' + ("" if c == last + 1 else f' ss:Index="{c}"')
        if (r, c) in merged:
            m = merged[(r, c)]
            attrs += f' ss:MergeAcross="{m.max_col - m.min_col}"' * (m.max_col > m.min_col)
            attrs += f' ss:MergeDown="{m.max_row - m.min_row}"' * (m.max_row > m.min_row)
            last = m.max_col
        else:
            last = c
        v = cell.value
        if isinstance(v, dt.datetime):
            data = f'<Data ss:Type="DateTime">{v:%Y-%m-%dT%H:%M:%S}.000</Data>'
        elif isinstance(v, int | float):
            data = f'<Data ss:Type="Number">{v}</Data>'
        else:
            data = f'<Data ss:Type="String">{escape(str(v))}</Data>'
        cells.append(f"    <Cell{attrs}>{data}</Cell>")
    rows.append(f'   <Row ss:Index="{r}"{hidden}>\n' + "\n".join(cells) + "\n   </Row>")
style_xml = []
for (fmt, left, bold), sid in styles.items():
    border = '<Borders><Border ss:Position="Left" ss:LineStyle="Continuous" ss:Weight="1"/></Borders>'
    style_xml.append(
        f'  <Style ss:ID="{sid}">'
        + (border if left else "")
        + ('<Font ss:Bold="1"/>' if bold else "")
        + (f'<NumberFormat ss:Format="{escape(fmt, {chr(34): "&quot;"})}"/>' if fmt != "General" else "")
        + "</Style>"
    )
cols = "".join(
    f'   <Column ss:Index="{k}" ss:Hidden="1"/>\n'
    for k, d in ((1 + i, ws.column_dimensions[chr(65 + i)]) for i in range(8))
    if d.hidden
)
out = f"""<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:html="http://www.w3.org/TR/REC-html40">
 <Styles>
{chr(10).join(style_xml)}
 </Styles>
 <Worksheet ss:Name="{escape(ws.title)}">
  <Table>
{cols}{chr(10).join(rows)}
  </Table>
 </Worksheet>
</Workbook>
"""
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write(out)
