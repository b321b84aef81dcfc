"""Line breaking for Chinese text mixed with numbers and Latin words, by terminal cell width.

A line may break between two Chinese characters, but never inside a number ("12517.42",
"68.83%"), a Latin word or code ("form.total_mismatch"), before a closing mark (，。）、)
or after an opening one (（“). Rich folds such runs wherever the column ends.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

__all__ = ["wrap_items", "wrap_text"]

# one unbreakable unit: a run of Latin letters/digits/signs, or any single other character
_TOKEN = re.compile(r"[A-Za-z0-9_.,:;%‰+\-−/=<>≥≤~×*@#&'\"()\[\]]+|\s+|.", re.S)
_NO_START = set("，。、；：！？）」』》〉】”’%‰·…—,.;:!?)]")  # never begins a line
_NO_END = set("（「『《〈【“‘([")  # never ends a line


def _units(text: str) -> list[str]:
    """Tokens glued into breakable units: closing marks join the unit before, opening the one after."""
    units: list[str] = []
    carry = ""
    for tok in _TOKEN.findall(text):
        if tok[0] in _NO_START and units and not carry:
            units[-1] += tok
            continue
        if len(tok) == 1 and tok in _NO_END:
            carry += tok
            continue
        units.append(carry + tok)
        carry = ""
    if carry:
        units.append(carry)
    return units


def wrap_text(text: str, width: int, *, hang: str = "") -> list[str]:
    """``text`` in lines of at most ``width`` cells; lines after the first start with ``hang``."""
    width = max(width, cell_len(hang) + 8)
    lines: list[str] = []
    for para in text.split("\n"):
        line = hang if lines else ""
        fresh = True  # nothing but the indent on this line yet
        for unit in _units(para):
            if fresh:
                unit = unit.lstrip()
            if not fresh and cell_len(line) + cell_len(unit.rstrip() or unit) > width:
                lines.append(line.rstrip())
                line, fresh, unit = hang, True, unit.lstrip()
            line += unit
            fresh = fresh and not unit
            while cell_len(line) > width:  # one unit wider than a line: fold it, nothing else fits
                cut = _fit(line, width)
                lines.append(line[:cut])
                line = hang + line[cut:]
        lines.append(line.rstrip())
    return lines


def _fit(text: str, width: int) -> int:
    n = 0
    for i, ch in enumerate(text):
        n += cell_len(ch)
        if n > width:
            return max(i, 1)
    return len(text)


def wrap_items(items: list[str], width: int, *, sep: str = "　", hang: str = "") -> list[str]:
    """Items (“分值 10”, “目标值 280亿元” …) joined by ``sep``, a line break only between items;
    an item longer than a line is wrapped on its own by ``wrap_text``."""
    width = max(width, cell_len(hang) + 8)
    lines: list[str] = []
    line = ""
    for item in items:
        candidate = (hang if lines else "") + item if not line else line + sep + item
        if cell_len(candidate) <= width:
            line = candidate
            continue
        first = not lines and not line
        if line:
            lines.append(line)
        indent = "" if first else hang
        parts = [indent + x for x in wrap_text(item, width - cell_len(indent))]
        lines += parts[:-1]
        line = parts[-1]
    if line:
        lines.append(line)
    return lines
