"""A document holding many forms reads as its parts do: the same forms, the same report links."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.contract import form_to_contract
from jixiao.read import read
from tests.conftest import seed


def test_reports_link_to_their_own_copy(tmp_path: Path) -> None:
    alone = read(seed("004"))
    links = [r.form_index for r in alone.reports]
    assert links and None not in links
    copies = 3
    big = tmp_path / "three.txt"
    big.write_text("\n\n".join([seed("004").read_text(encoding="utf-8")] * copies), encoding="utf-8")
    doc = read(big)
    n = len(alone.forms)
    assert len(doc.forms) == copies * n
    expected = [i + k * n for k in range(copies) for i in links]
    assert [r.form_index for r in doc.reports] == expected


def test_parse_json_is_the_whole_array(tmp_path: Path) -> None:
    path = seed("003")
    result = CliRunner().invoke(app, ["parse", str(path)])
    assert result.exit_code == 0
    forms = [form_to_contract(f) for f in read(path).forms]
    assert len(forms) > 1
    assert result.stdout == json.dumps(forms, ensure_ascii=False, indent=2) + "\n"


def test_xlsx_cell_under_a_merged_range_reads_empty(tmp_path: Path) -> None:
    """A value left in a covered cell (some exporters write one) is not shown by Excel, nor read."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws["A1"] = "项目名称"
    ws["B1"] = "道路维修"
    ws["A2"] = "单位名称"
    ws["B2"] = "武汉市某区某局"
    ws.merge_cells("B2:D3")
    path = tmp_path / "m.xlsx"
    wb.save(path)
    # put the covered cell's value back, as a careless exporter leaves it
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    xml = parts[sheet].decode()
    covered = '<c r="C2" t="inlineStr"><is><t>隐藏值</t></is></c>'
    row2 = re.search(r'<row r="2"[^>]*>.*?</row>', xml, re.S)
    assert row2 is not None and 'r="C2"' not in row2[0]
    xml = xml[: row2.end() - len("</row>")] + covered + xml[row2.end() - len("</row>") :]
    parts[sheet] = xml.encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    from openpyxl import load_workbook

    from jixiao.read._xlsx import xlsx_rows

    plain = load_workbook(path, read_only=True)  # the value is in the file ...
    assert any(c.value == "隐藏值" for row in plain.active.iter_rows() for c in row)
    plain.close()

    rows = xlsx_rows(path)
    texts = [r.texts for r in rows]
    assert ["单位名称", "武汉市某区某局"] in texts
    assert all("隐藏值" not in t for t in texts)
    row2 = next(r for r in rows if r.texts[:1] == ["单位名称"])
    assert row2.merged_down == frozenset({1})
