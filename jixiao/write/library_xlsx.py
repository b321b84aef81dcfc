"""The 指标库 as a workbook: one row per indicator group, and every use of it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from jixiao.cycle.library import IndicatorGroup, IndicatorLibrary

__all__ = ["write_library_xlsx"]

_GROUP_HEAD = [
    "一级指标", "指标名称", "其他写法", "二级指标", "计量单位", "比较符", "最小值", "中位数", "最大值",
    "使用单位数", "使用单位", "年度", "使用次数",
]  # fmt: skip
_USAGE_HEAD = [
    "指标名称（归组）",
    "指标名称（原文）",
    "单位",
    "年度",
    "项目",
    "表名",
    "一级指标",
    "二级指标",
    "指标值",
]
_FAMILY = {"rate": "比率", "permille": "千分比", "count": "数量", "": "数值"}


def _value(family: str, x: float) -> float:
    return round(x * 100, 4) if family == "rate" else round(x, 4)


def _row(g: IndicatorGroup) -> list[object]:
    main = g.ranges[0] if g.ranges else None
    fam = _FAMILY.get(main.family, main.family.replace("money:", "金额·")) if main else ""
    return [
        g.level1 or "",
        g.name,
        "；".join(s for s in g.spellings if s != g.name),
        "；".join(g.level2),
        "；".join(f"{u or '（无）'}×{n}" for u, n in g.units_of_measure.items()),
        "；".join(f"{c}×{n}" for c, n in g.comparators.items()),
        f"{_value(main.family, main.low)}（{fam}）" if main else "",
        _value(main.family, main.median) if main else "",
        _value(main.family, main.high) if main else "",
        len(g.users),
        "；".join(g.users),
        "、".join(str(y) for y in g.years),
        g.count,
    ]


def write_library_xlsx(library: IndicatorLibrary, path: str | Path) -> Path:
    """Rates are shown in percent (95 for 95%); amounts in the base unit the values parse to."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "指标库"
    ws.append(_GROUP_HEAD)
    for g in library.groups:
        ws.append(_row(g))
    detail = wb.create_sheet("使用明细")
    detail.append(_USAGE_HEAD)
    for g in library.groups:
        for u in g.usages:
            detail.append(
                [g.name, u.name, u.unit, u.year, u.project, u.form_title, u.level1, u.level2, u.target]
            )
    for sheet in (ws, detail):
        for cell in sheet[1]:
            cell.font = Font(bold=True, name="宋体")
            cell.alignment = Alignment(horizontal="center")
        sheet.freeze_panes = "A2"
        for col in sheet.columns:
            letter = col[0].column_letter
            width = max(len(str(c.value or "")) for c in col[:200])
            sheet.column_dimensions[letter].width = min(max(8, width * 1.8), 60)
    out = Path(path)
    fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=out.parent if str(out.parent) else ".")
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out
