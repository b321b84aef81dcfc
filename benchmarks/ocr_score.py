"""How a scan's reading compares with its reference, for ``benchmarks/ocr.py``.

Fields are counted as ``benchmarks/accuracy.py`` counts them (``compare_form``: header, budget,
overall goal, goals, indicators paired by name then position; NFKC, whitespace removed, numbers
within 0.005). A wrong field is *flagged* when the reader sent a person to it: a cell below the
confidence threshold lies on the same indicator row, or its text is (part of) the wrong value.
Every other wrong field is *wrong but confident* — the worst outcome, counted apart.
"""

from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from benchmarks.accuracy import Tally, compare_form

_IND = re.compile(r"indicators\[\d+\]\((.*)\)\.\w+$")
_FORM = re.compile(r"\[(\d+)\]")


class Recording(Tally):
    """A tally that keeps each wrong field as (where, expected, got)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, Any, Any]] = []

    def check(self, group: str, where: str, expected: Any, got: Any) -> None:
        before = len(self.wrong)
        super().check(group, where, expected, got)
        if len(self.wrong) > before:
            self.rows.append((where, expected, got))

    def missing(self, group: str, where: str, n: int) -> None:
        super().missing(group, where, n)
        self.rows.extend((where, "missing", None) for _ in range(n))


def _n(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        value = f"{value:g}"
    return "".join(unicodedata.normalize("NFKC", str(value)).split())


THRESHOLDS = (0.8, 0.85, 0.9, 0.95, 0.98)
_UNREAD = "单元格内有字迹，但未能识别出文字"  # jixiao.read._ocr: ink the recogniser made nothing of


def read_scan(path: str, _arg: Any = None) -> dict[str, Any]:
    """Read and review one scan (in a worker): the contract forms, findings, cells, CPU s.

    The reader is made to keep *every* cell (threshold above 1) so the benchmark sees the
    confidence of the cells behind a wrong field; the review still works at the real threshold
    (``jixiao.review.checks.read.LOW_CONFIDENCE``).
    """
    import jixiao.read._ocr as ocr
    from jixiao.contract import findings_to_json, form_to_contract
    from jixiao.read import ReadError, read
    from jixiao.review import review_document
    from jixiao.review.checks.read import LOW_CONFIDENCE, located_cells

    ocr.LOW_CONFIDENCE = 1.01
    start = time.process_time()
    try:
        doc = read(path)
    except ReadError as e:
        return {"error": str(e), "cpu": time.process_time() - start}
    cpu = time.process_time() - start
    findings = findings_to_json(review_document(doc).findings)
    cells: list[list[tuple[str | None, str, float, bool, str | None]]] = []
    for k, form in enumerate(doc.forms):
        cells.append(
            [
                (
                    loc.indicator.name if loc.indicator else None,
                    loc.cell.text,
                    loc.cell.confidence,
                    bool(getattr(loc.cell, "doubt", None)),
                    # "ink read as nothing" cells: the field they stand for (None: not located)
                    (loc.field or "?") if getattr(loc.cell, "doubt", None) == _UNREAD else None,
                )
                for loc in located_cells(form, k, doc)
            ]
        )
    doubts = [bool(getattr(c, "doubt", None)) for c in doc.cells]  # (a reader before the cross-checks)
    shown = [c for c, d in zip(doc.cells, doubts, strict=True) if c.confidence < LOW_CONFIDENCE or d]
    return {
        "forms": [form_to_contract(f) for f in doc.forms],
        "findings": findings,
        "cells": cells,
        "cells_low": len(shown),
        "cells_doubt": sum(
            1 for c, d in zip(doc.cells, doubts, strict=True) if d and c.confidence >= LOW_CONFIDENCE
        ),
        "cells_all": len(doc.cells),
        "cells_unread": sum(1 for c in doc.cells if getattr(c, "doubt", None) == _UNREAD),
        "flagged_at": {
            str(t): sum(1 for c, d in zip(doc.cells, doubts, strict=True) if c.confidence < t or d)
            for t in THRESHOLDS
        },
        "repairs": [(c.read_as, c.text) for c in doc.cells if c.repair],
        "cpu": cpu,
    }


@dataclass
class Score:
    right: int = 0
    total: int = 0
    wrong: int = 0
    confident_wrong: int = 0
    samples: list[str] = field(default_factory=list)
    confident_samples: list[str] = field(default_factory=list)
    unflagged_at: dict[float, int] = field(default_factory=dict)
    caught_by_unread: int = 0  # wrong fields only an "ink read as nothing" cell sends a person to
    unread_rows_wrong: int = 0  # such cells on an indicator row with a wrong field
    unread_rows_right: int = 0  # such cells on a row read right (their field empty in the answer)


def _explaining(where: str, value: Any, cells: list[Any], unread: bool = True) -> float | None:
    """The lowest confidence of the cells that send a person to a field (doubtful cells count as
    0): those on its indicator's row, and those whose text is (part of) the value read.
    ``unread=False``: as if cells of ink read as nothing were not flagged (an empty cell, 1.0)."""
    ind = _IND.search(where)
    v = _n(value)
    confs = [
        1.0 if (not unread and len(c) > 4 and c[4]) else (0.0 if c[3] else c[2])
        for c in cells
        if (ind and c[0] and _n(c[0]) == _n(ind[1])) or (v and _n(c[1]) and (_n(c[1]) in v or v in _n(c[1])))
    ]
    return min(confs) if confs else None


def compare(
    reference: list[dict[str, Any]], got: dict[str, Any], label: str, threshold: float = 0.8
) -> Score:
    """Fields of ``got`` (a ``read_scan`` result) against ``reference`` forms (form-v1)."""
    t = Recording()
    forms = got.get("forms") or []
    for i, exp in enumerate(reference):
        compare_form(t, f"{label}[{i}]", exp, forms[i] if i < len(forms) else None)
    s = Score(sum(t.right.values()), sum(t.total.values()))
    s.wrong = len(t.rows)
    all_cells = got.get("cells")
    if all_cells is None:  # a result of the reader before every cell was kept: low cells only
        all_cells = [[(name, text, 0.0, False) for name, text in form] for form in got.get("low") or []]
    s.unflagged_at = dict.fromkeys(THRESHOLDS, 0)
    for where, expected, value in t.rows:
        m = _FORM.search(where)
        k = int(m[1]) if m else 0
        lowest = _explaining(where, value, all_cells[k] if k < len(all_cells) else [])
        line = f"{where}: {expected!r} → {value!r}" + (f" (conf {lowest:.3f})" if lowest is not None else "")
        s.samples.append(line)
        if expected == "missing":
            continue
        for th in THRESHOLDS:
            if lowest is None or lowest >= th:
                s.unflagged_at[th] += 1
        if lowest is None or lowest >= threshold:
            s.confident_wrong += 1
            s.confident_samples.append(line)
        else:
            without = _explaining(where, value, all_cells[k] if k < len(all_cells) else [], unread=False)
            if without is None or without >= threshold:
                s.caught_by_unread += 1
    wrong_rows = {_n(m[1]) for where, _, _ in t.rows if (m := _IND.search(where))}
    for form_cells in all_cells:
        for c in form_cells:
            if len(c) > 4 and c[4]:
                if c[0] and _n(c[0]) in wrong_rows:
                    s.unread_rows_wrong += 1
                else:
                    s.unread_rows_right += 1
    return s


def finding_keys(findings: list[dict[str, Any]], severities: tuple[str, ...] = ()) -> set[tuple[Any, ...]]:
    """(form, code, indicator) of the review's own findings (not the reader's ``read.*``)."""
    return {
        (f["form"], f["code"], _n(f.get("indicator")))
        for f in findings
        if not f["code"].startswith("read.") and (not severities or f.get("severity") in severities)
    }


def planted_found(planted: list[dict[str, Any]], findings: list[dict[str, Any]]) -> int:
    """Planted errors (form, code, indicator) the review of the scan still reports."""
    keys = finding_keys(findings)
    by_code = {(k[0], k[1]) for k in keys}
    return sum(
        1
        for p in planted
        if ((p["form"], p["code"], _n(p.get("indicator"))) in keys)
        or (p.get("indicator") is None and (p["form"], p["code"]) in by_code)
    )
