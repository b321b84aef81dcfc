"""Measure jixiao on the held-out corpus: per-field accuracy and planted errors found.

    .venv/bin/python tests/corpus/measure.py [DIR] [--by family|layout|field] [--show NAME]

Compares ``jixiao.read`` + ``form_to_contract`` with every ``NAME.answer.json`` in DIR
(default tests/corpus/files) and ``review_document`` with ``NAME.errors.json``. Text is
compared after Unicode NFKC with all whitespace removed (the contract's rule); numbers
within 1e-6. A missed indicator counts all its fields as wrong; extra indicators the reader
invents are counted apart. Measurement only: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
ANSWER = ".answer.json"

FORM_FIELDS = [
    "kind",
    "title",
    "year",
    "unit",
    "project",
    "supervisor",
    "implementer",
    "filled_on",
    "total_score",
    "deviation_reason",
    "improvement",
]
BUDGET_FIELDS = ["weight", "planned", "executed", "rate", "score"]
GOAL_FIELDS = ["name", "text", "weight"]
IND_FIELDS = ["level1", "level2", "name", "weight", "target", "actual", "score", "basis"]


def norm(v: Any) -> Any:
    if isinstance(v, str):
        s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", v))
        return s or None
    if isinstance(v, bool):
        return v
    if isinstance(v, int | float):
        return round(float(v), 6)
    return v


def same(a: Any, b: Any) -> bool:
    a, b = norm(a), norm(b)
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) < 1e-6
    return a == b


@dataclass
class Tally:
    """Right/total per field, plus what the reader got wrong, for one or many documents."""

    right: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    wrong: list[tuple[str, str, Any, Any]] = field(default_factory=list)  # (doc, field, expected, got)
    extra_indicators: int = 0
    forms_expected: int = 0
    forms_found: int = 0  # matched with the right kind
    read_errors: list[str] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)
    planted: int = 0
    planted_found: int = 0
    missed_errors: list[tuple[str, str, str | None]] = field(default_factory=list)
    false_errors: list[tuple[str, str, str | None]] = field(default_factory=list)
    clean_forms: int = 0

    def add(self, doc: str, name: str, expected: Any, got: Any) -> None:
        self.total[name] += 1
        if same(expected, got):
            self.right[name] += 1
        else:
            self.wrong.append((doc, name, expected, got))

    def merge(self, other: Tally) -> None:
        self.right.update(other.right)
        self.total.update(other.total)
        self.wrong += other.wrong
        for name in (
            "extra_indicators",
            "forms_expected",
            "forms_found",
            "planted",
            "planted_found",
            "clean_forms",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.read_errors += other.read_errors
        self.crashes += other.crashes
        self.missed_errors += other.missed_errors
        self.false_errors += other.false_errors

    def accuracy(self) -> float:
        t = sum(self.total.values())
        return sum(self.right.values()) / t if t else 1.0


def _match_forms(expected: list[dict], got: list[dict]) -> list[tuple[dict, dict | None]]:
    """Each expected form with the unused read form agreeing on most header fields."""
    free = list(range(len(got)))
    pairs = []
    for e in expected:
        best, score = None, -1
        for k in free:
            s = sum(same(e[f], got[k].get(f)) for f in FORM_FIELDS) + (k == len(pairs)) * 0.5
            if s > score:
                best, score = k, s
        if best is not None:
            free.remove(best)
        pairs.append((e, got[best] if best is not None else None))
    return pairs


def _indicators(form: dict | None) -> list[tuple[int, dict]]:
    if not form:
        return []
    return [(gi, i) for gi, g in enumerate(form.get("goals") or []) for i in g.get("indicators") or []]


def compare_form(doc: str, e: dict, g: dict | None, t: Tally) -> None:
    g = g or {}
    for f in FORM_FIELDS:
        t.add(doc, f, e[f], g.get(f))
    eb, gb = e["budget"], g.get("budget")
    if eb is None:
        t.add(doc, "budget", None, gb)
    else:
        for f in BUDGET_FIELDS:
            t.add(doc, f"budget.{f}", eb[f], (gb or {}).get(f))
    eo, go = e["overall_goal"], g.get("overall_goal")
    if eo is None:
        t.add(doc, "overall_goal", None, go)
    else:
        for f in ("target", "actual"):
            t.add(doc, f"overall_goal.{f}", eo[f], (go or {}).get(f))
    ggoals = g.get("goals") or []
    for k, eg in enumerate(e["goals"]):
        gg = ggoals[k] if k < len(ggoals) else {}
        for f in GOAL_FIELDS:
            t.add(doc, f"goal.{f}", eg[f], gg.get(f))
    got = _indicators(g)
    used: set[int] = set()
    for gi, ei in _indicators(e):
        match = None
        for k, (ggi, gi_ind) in enumerate(got):
            if k not in used and same(ei["name"], gi_ind.get("name")):
                match = k
                if ggi == gi:
                    break
        if match is None:  # same place in the same goal, when the name itself was misread
            pos = [k for k, (ggi, _) in enumerate(got) if ggi == gi and k not in used]
            idx = [x for x in _indicators(e) if x[0] == gi].index((gi, ei))
            if idx < len(pos) and len(got) == len(_indicators(e)):
                match = pos[idx]
        gi_ind = got[match][1] if match is not None else {}
        if match is not None:
            used.add(match)
        for f in IND_FIELDS:
            t.add(doc, f"indicator.{f}", ei[f], gi_ind.get(f))
    t.extra_indicators += len(got) - len(used)


def measure_file(path: Path, review: bool = True) -> Tally:
    from jixiao.contract import form_to_contract
    from jixiao.read import ReadError, read

    t = Tally()
    name = path.name
    stem = path.with_suffix("")
    expected = json.loads((path.parent / (stem.name + ANSWER)).read_text(encoding="utf-8"))
    errors_path = path.parent / (stem.name + ".errors.json")
    planted = json.loads(errors_path.read_text(encoding="utf-8")) if errors_path.exists() else []
    t.forms_expected = len(expected)
    try:
        doc = read(path)
    except ReadError as e:
        t.read_errors.append(f"{name}: {e}")
        doc = None
    except Exception as e:  # measured, not hidden: a traceback is a failure of the reader
        t.crashes.append(f"{name}: {type(e).__name__}: {e}")
        doc = None
    got = [form_to_contract(f) for f in doc.forms] if doc is not None else []
    pairs = _match_forms(expected, got)
    for e, g in pairs:
        if g is not None and g["kind"] == e["kind"]:
            t.forms_found += 1
        compare_form(name, e, g, t)
    if expected or got:  # a document that holds no form (a 评分表, a report) must not give one
        t.add(name, "forms", len(expected), len(got))
    claims_path = path.parent / (stem.name + ".report.json")
    if claims_path.exists():  # a file holding only a 自评报告: read as a report, its claims kept
        claims = json.loads(claims_path.read_text(encoding="utf-8"))
        reports = doc.reports if doc is not None else []
        t.add(name, "report.found", True, bool(reports))
        t.add(
            name, "report.stated_score", claims["stated_score"], reports[0].stated_score if reports else None
        )
        t.add(name, "report.stated_rate", claims["stated_rate"], reports[0].stated_rate if reports else None)
    if review and doc is not None and doc.forms:
        try:
            from jixiao.review import review_document

            findings = review_document(doc).findings
        except Exception as e:
            t.crashes.append(f"{name}: review: {type(e).__name__}: {e}")
            findings = []
        index = {id(g): k for k, g in enumerate(got)}
        exp_index = {k: index.get(id(g)) if g is not None else None for k, (_, g) in enumerate(pairs)}
        errs = [f for f in findings if f.severity == "error"]
        matched: set[int] = set()
        for p in planted:
            t.planted += 1
            want = exp_index.get(p["form"])
            hit = next(
                (
                    k
                    for k, f in enumerate(errs)
                    if k not in matched
                    and f.form == want
                    and f.code == p["code"]
                    and (p["indicator"] is None or same(f.indicator, p["indicator"]))
                ),
                None,
            )
            if hit is None:
                t.missed_errors.append((name, p["code"], p["indicator"]))
            else:
                matched.add(hit)
                t.planted_found += 1
        dirty = {exp_index.get(p["form"]) for p in planted}
        t.clean_forms += sum(1 for k in range(len(expected)) if exp_index.get(k) not in dirty)
        for k, f in enumerate(errs):
            if k not in matched:
                t.false_errors.append((name, f.code, f.indicator))
    elif review:
        t.planted += len(planted)
        t.missed_errors += [(name, p["code"], p["indicator"]) for p in planted]
    return t


def documents(folder: Path = FILES) -> list[Path]:
    out = []
    for answer in sorted(folder.glob("*" + ANSWER)):
        stem = answer.name[: -len(ANSWER)]
        docs = [p for p in folder.glob(stem + ".*") if not p.name.endswith(".json")]
        out += docs
    return sorted(out)


def manifest(folder: Path = FILES) -> dict[str, dict]:
    path = folder / "manifest.json"
    if not path.exists():
        return {}
    return {m["file"]: m for m in json.loads(path.read_text(encoding="utf-8"))}


def report(folder: Path, by: str, show: str | None) -> None:
    info = manifest(folder)
    total = Tally()
    groups: dict[str, Tally] = defaultdict(Tally)
    for path in documents(folder):
        t = measure_file(path)
        total.merge(t)
        m = info.get(path.name, {})
        key = {"family": "+".join(m.get("families", ["?"])), "layout": m.get("layout", path.suffix)}.get(by)
        if key is not None:
            groups[key].merge(t)
        if show and show in path.name:
            for doc, f, e, g in t.wrong:
                print(f"  {doc} {f}: expected {e!r}, got {g!r}")
    fields = sum(total.total.values())
    print(f"{len(documents(folder))} documents, {total.forms_expected} forms, {fields} fields")
    print(
        f"fields right: {total.accuracy():.2%}   forms found with their kind: "
        f"{total.forms_found}/{total.forms_expected}   extra indicators: {total.extra_indicators}"
    )
    print(
        f"planted errors found: {total.planted_found}/{total.planted}   false errors: {len(total.false_errors)} "
        f"on {total.clean_forms} error-free forms ({len(total.false_errors) / max(1, total.clean_forms):.2f} per form)"
    )
    print(f"read errors: {len(total.read_errors)}   tracebacks: {len(total.crashes)}")
    for line in total.crashes:
        print("  TRACEBACK", line)
    if by == "field":
        for f in sorted(total.total, key=lambda f: total.right[f] / total.total[f]):
            print(f"  {f:28s} {total.right[f] / total.total[f]:7.2%}  ({total.right[f]}/{total.total[f]})")
    else:
        for key in sorted(groups):
            g = groups[key]
            print(
                f"  {key:12s} {g.accuracy():7.2%}  forms {g.forms_found}/{g.forms_expected}  "
                f"errors {g.planted_found}/{g.planted}  false {len(g.false_errors)}"
            )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", type=Path, default=FILES)
    ap.add_argument("--by", choices=["family", "layout", "field"], default="family")
    ap.add_argument("--show", help="print the wrong fields of documents whose name contains this")
    args = ap.parse_args()
    report(args.folder, args.by, args.show)


if __name__ == "__main__":
    sys.exit(main())
