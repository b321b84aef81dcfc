"""填报说明 under a table is a note, never a row of it.

A 衔接资金 target form ends its table with ``填报说明 | 标注★★★的为必选核心指标。``. Printed one
cell per line the stream read it as one more indicator (named 填报说明, target the note); in
TAB rows it was skipped with a warning about a row without a name.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read

HEAD = ["2024年度项目绩效目标表", "项目名称", "蔬菜大棚产业提升"]
TABLE = [
    "绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据",
    "", "产出指标", "数量指标", "★★★新建连栋蔬菜大棚", "≥60亩", "历史标准",
    "配套水肥一体化设施", "≥2套", "行业标准",
]  # fmt: skip
NOTE = ["填报说明", "标注★★★的为必选核心指标。"]


def test_notes_label_ends_a_table_one_cell_per_line(tmp_path: Path) -> None:
    path = tmp_path / "目标表.txt"
    cells = [c or " " for c in HEAD + TABLE + NOTE]
    path.write_text("\n\n".join(cells) + "\n", encoding="utf-8")
    [form] = read(path).forms
    assert [i.name for _, i in form.indicators()] == ["新建连栋蔬菜大棚", "配套水肥一体化设施"]
    assert form.extra["notes"] == "标注★★★的为必选核心指标。"


def test_notes_label_in_tab_rows(tmp_path: Path) -> None:
    path = tmp_path / "目标表.txt"
    lines = [*HEAD[:1], "\t".join(HEAD[1:]), "\t".join(TABLE[:6]), "\t".join(TABLE[6:12])]
    lines += ["\t\t\t" + "\t".join(TABLE[12:]), "\t".join(NOTE)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc = read(path)
    [form] = doc.forms
    assert [i.name for _, i in form.indicators()] == ["新建连栋蔬菜大棚", "配套水肥一体化设施"]
    assert form.extra["notes"] == "标注★★★的为必选核心指标。"
    assert not doc.issues
