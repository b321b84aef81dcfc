"""Hand-made XLSX packages for the reader's tests: every part written out, nothing implied.

A workbook is built from sheet bodies (the XML inside ``<sheetData>``), so a test can hold a
cell the way some program wrote it (inline strings, no ``r``, rows out of order …).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml."

STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="{MAIN}">
 <numFmts count="5">
  <numFmt numFmtId="164" formatCode="0.0%"/>
  <numFmt numFmtId="165" formatCode="#,##0.00"/>
  <numFmt numFmtId="166" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>
  <numFmt numFmtId="167" formatCode="[h]:mm"/>
  <numFmt numFmtId="168" formatCode="[$-804]0.000"/>
 </numFmts>
 <fonts count="4">
  <font><sz val="11"/><name val="宋体"/></font>
  <font><b/><sz val="11"/><name val="宋体"/></font>
  <font><sz val="16"/><name val="黑体"/></font>
  <font><b val="0"/><sz val="12"/></font>
 </fonts>
 <fills count="1"><fill><patternFill patternType="none"/></fill></fills>
 <borders count="3">
  <border><left/><right/><top/><bottom/><diagonal/></border>
  <border><left style="thin"><color auto="1"/></left><right style="thin"/><top/><bottom/></border>
  <border><left style="none"/><right style="thin"/><top/><bottom/></border>
 </borders>
 <cellXfs count="12">
  <xf numFmtId="0" fontId="0" borderId="0"/>
  <xf numFmtId="0" fontId="1" borderId="0"/>
  <xf numFmtId="0" fontId="2" borderId="0"/>
  <xf numFmtId="0" fontId="0" borderId="1" applyBorder="1"/>
  <xf numFmtId="164" fontId="0" borderId="1"/>
  <xf numFmtId="165" fontId="0" borderId="1"/>
  <xf numFmtId="14" fontId="0" borderId="1"/>
  <xf numFmtId="166" fontId="0" borderId="1"/>
  <xf numFmtId="167" fontId="0" borderId="2"/>
  <xf numFmtId="10" fontId="3" borderId="1"/>
  <xf numFmtId="168" fontId="0" borderId="1"/>
  <xf numFmtId="21" fontId="0" borderId="1"/>
 </cellXfs>
</styleSheet>
"""


def _sheet_xml(body: str, merges: list[str], dimension: str | None) -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    merged = ""
    if merges:
        refs = "".join(f'<mergeCell ref="{m}"/>' for m in merges)
        merged = f'<mergeCells count="{len(merges)}">{refs}</mergeCells>'
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{MAIN}" xmlns:r="{REL}">'
        f"{dim}<sheetData>{body}</sheetData>{merged}</worksheet>"
    )


def make_xlsx(
    path: Path,
    sheets: list[tuple[str, str]],
    *,
    strings: list[str] | None = None,
    merges: dict[int, list[str]] | None = None,
    styles: str | None = STYLES,
    date1904: bool = False,
    hidden: set[int] = frozenset(),  # type: ignore[assignment]
    dimension: str | None = None,
) -> Path:
    """A workbook of ``sheets`` (title, sheetData body); ``strings`` are raw ``<si>`` bodies."""
    merges = merges or {}
    parts: dict[str, str] = {}
    overrides = [("/xl/workbook.xml", CT + "sheet.main+xml")]
    rels = []
    entries = []
    for i, (title, body) in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = _sheet_xml(body, merges.get(i - 1, []), dimension)
        overrides.append((f"/xl/worksheets/sheet{i}.xml", CT + "worksheet+xml"))
        rels.append(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>')
        state = ' state="hidden"' if i - 1 in hidden else ""
        entries.append(f'<sheet name="{title}" sheetId="{i}"{state} r:id="rId{i}"/>')
    if strings is not None:
        sis = "".join(f"<si>{s}</si>" for s in strings)
        parts["xl/sharedStrings.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="{MAIN}" count="{len(strings)}">{sis}</sst>'
        )
        overrides.append(("/xl/sharedStrings.xml", CT + "sharedStrings+xml"))
        rels.append(f'<Relationship Id="rId100" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>')
    if styles is not None:
        parts["xl/styles.xml"] = styles
        overrides.append(("/xl/styles.xml", CT + "styles+xml"))
        rels.append(f'<Relationship Id="rId101" Type="{REL}/styles" Target="styles.xml"/>')
    pr = '<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>"
    parts["xl/workbook.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="{MAIN}" xmlns:r="{REL}">{pr}'
        f"<sheets>{''.join(entries)}</sheets></workbook>"
    )
    parts["xl/_rels/workbook.xml.rels"] = f'<Relationships xmlns="{PKG}">{"".join(rels)}</Relationships>'
    parts["_rels/.rels"] = (
        f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
        f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    over = "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in overrides)
    parts["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{over}</Types>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return path
