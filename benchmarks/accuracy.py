"""Reading accuracy against hand-checked answers, field by field.

    python benchmarks/accuracy.py DIR [DIR ...] [--verbose] [--json out.json]

For every document in DIR that has a ``NAME.answer.json`` beside it (a form-v1 array), the
document is read as ``jixiao parse`` reads it and compared with the answer:

- forms are paired in printed order (a missed or extra form counts every field of it wrong);
- every contract field counts once: the header fields, the five budget numbers, the overall
  goal, each goal's name/text/weight and each indicator's eight fields (indicators paired by
  name, then by position);
- strings are compared after NFKC with all whitespace removed (the contract's rule), numbers
  within 0.005.

Where ``NAME.errors.json`` exists, the document is also reviewed and the planted errors
(form, code, indicator) counted as found or missed; error-severity findings that match no planted
error are counted as false errors.

The ``extra`` object is informative and not scored.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HEAD_FIELDS = ("kind", "title", "year", "unit", "project", "supervisor", "implementer", "filled_on")
TAIL_FIELDS = ("total_score", "deviation_reason", "improvement")
BUDGET_FIELDS = ("weight", "planned", "executed", "rate", "score")
OVERALL_FIELDS = ("weight", "target", "actual", "score")
GOAL_FIELDS = ("name", "text", "weight")
INDICATOR_FIELDS = ("level1", "level2", "name", "weight", "target", "actual", "score", "basis")


def norm(value: Any) -> Any:
    if isinstance(value, str):
        return "".join(unicodedata.normalize("NFKC", value).split()) or None
    return value


def same(a: Any, b: Any) -> bool:
    a, b = norm(a), norm(b)
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool):
        return abs(float(a) - float(b)) < 0.005
    return a == b


@dataclass
class Tally:
    right: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    wrong: list[str] = field(default_factory=list)

    def check(self, group: str, where: str, expected: Any, got: Any) -> None:
        self.total[group] += 1
        if same(expected, got):
            self.right[group] += 1
        else:
            self.wrong.append(f"{where}: expected {expected!r}, got {got!r}")

    def missing(self, group: str, where: str, n: int) -> None:
        self.total[group] += n
        self.wrong.append(f"{where}: missing ({n} fields)")

    @property
    def accuracy(self) -> float:
        t = sum(self.total.values())
        return sum(self.right.values()) / t if t else 1.0


def _indicators(goal: dict[str, Any]) -> list[dict[str, Any]]:
    return list(goal.get("indicators") or [])


def compare_form(t: Tally, where: str, exp: dict[str, Any], got: dict[str, Any] | None) -> None:
    if got is None:
        n = len(HEAD_FIELDS) + len(TAIL_FIELDS) + len(BUDGET_FIELDS) + len(OVERALL_FIELDS)
        n += sum(len(GOAL_FIELDS) + len(INDICATOR_FIELDS) * len(_indicators(g)) for g in exp["goals"])
        t.missing("form", where, n)
        return
    for f in HEAD_FIELDS + TAIL_FIELDS:
        t.check("header", f"{where}.{f}", exp.get(f), got.get(f))
    for block, fields in (("budget", BUDGET_FIELDS), ("overall_goal", OVERALL_FIELDS)):
        e, g = exp.get(block) or {}, got.get(block) or {}
        for f in fields:
            t.check(block, f"{where}.{block}.{f}", e.get(f), g.get(f))
    got_goals = list(got.get("goals") or [])
    for gi, eg in enumerate(exp.get("goals") or []):
        gg = got_goals[gi] if gi < len(got_goals) else None
        gw = f"{where}.goals[{gi}]"
        if gg is None:
            t.missing("goal", gw, len(GOAL_FIELDS) + len(INDICATOR_FIELDS) * len(_indicators(eg)))
            continue
        for f in GOAL_FIELDS:
            t.check("goal", f"{gw}.{f}", eg.get(f), gg.get(f))
        got_inds = _indicators(gg)
        used: set[int] = set()
        for ii, ei in enumerate(_indicators(eg)):
            k = next(
                (
                    k
                    for k, g in enumerate(got_inds)
                    if k not in used and norm(g.get("name")) == norm(ei.get("name"))
                ),
                ii if ii < len(got_inds) and ii not in used else None,
            )
            gi_ = got_inds[k] if k is not None else None
            if k is not None:
                used.add(k)
            iw = f"{gw}.indicators[{ii}]({ei.get('name')})"
            if gi_ is None:
                t.missing("indicator", iw, len(INDICATOR_FIELDS))
                continue
            for f in INDICATOR_FIELDS:
                t.check("indicator", f"{iw}.{f}", ei.get(f), gi_.get(f))
        extra = len(got_inds) - len(_indicators(eg))
        if extra > 0:
            t.missing("indicator", f"{gw}: {extra} extra indicators", extra)
    extra_goals = len(got_goals) - len(exp.get("goals") or [])
    if extra_goals > 0:
        t.missing("goal", f"{where}: {extra_goals} extra goals", extra_goals)


@dataclass
class Errors:
    found: int = 0
    missed: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)
    clean_forms: int = 0


def compare_errors(
    e: Errors, name: str, planted: list[dict[str, Any]], findings: list[dict[str, Any]], n_forms: int
) -> None:
    errors = [f for f in findings if f.get("severity") == "error"]
    used: set[int] = set()
    for p in planted:
        hit = next(
            (
                k
                for k, f in enumerate(errors)
                if k not in used
                and f.get("form") == p.get("form")
                and f.get("code") == p.get("code")
                and (p.get("indicator") is None or same(f.get("indicator"), p.get("indicator")))
            ),
            None,
        )
        if hit is None:
            e.missed.append(f"{name} form {p.get('form')}: {p.get('code')} {p.get('indicator') or ''}")
        else:
            used.add(hit)
            e.found += 1
    planted_forms = {p.get("form") for p in planted}
    e.clean_forms += sum(1 for i in range(n_forms) if i not in planted_forms)
    for k, f in enumerate(errors):
        if k in used:
            continue
        # a second finding on a planted error's form and place is the same root cause
        if any(f.get("form") == p.get("form") and f.get("code") == p.get("code") for p in planted):
            continue
        e.false.append(
            f"{name} form {f.get('form')}: {f.get('code')} {f.get('indicator') or ''} — {f.get('message')}"
        )


def documents(dirs: list[Path], docs_dir: Path | None = None) -> list[tuple[Path, Path]]:
    """(document, answer) pairs: ``NAME.answer.json`` beside ``NAME.*`` (or in ``docs_dir``)."""
    out = []
    for d in dirs:
        for answer in sorted(d.glob("*.answer.json")):
            stem = answer.name[: -len(".answer.json")]
            where = docs_dir or d
            docs = [p for p in where.glob(stem + ".*") if not p.name.endswith(".json")]
            if docs:
                out.append((docs[0], answer))
    return out


def run(dirs: list[Path], verbose: bool = False, docs_dir: Path | None = None) -> dict[str, Any]:
    from jixiao.contract import findings_to_json, form_to_contract
    from jixiao.read import ReadError, read

    tally = Tally()
    errs = Errors()
    per_file: dict[str, float] = {}
    forms_expected = forms_found = kinds_right = 0
    failures: list[str] = []
    for doc, answer in documents(dirs, docs_dir):
        expected = json.loads(answer.read_text(encoding="utf-8"))
        forms_expected += len(expected)
        try:
            document = read(doc)
            got = [form_to_contract(f) for f in document.forms]
        except ReadError as exc:
            document, got = None, []
            failures.append(f"{doc.name}: {exc}")
        except Exception as exc:  # a traceback is a failure to report, not to hide
            document, got = None, []
            failures.append(f"{doc.name}: TRACEBACK {type(exc).__name__}: {exc}")
        forms_found += min(len(got), len(expected))
        kinds_right += sum(1 for e, g in zip(expected, got, strict=False) if e["kind"] == g["kind"])
        t = Tally()
        for i, exp in enumerate(expected):
            compare_form(t, f"{doc.name}[{i}]", exp, got[i] if i < len(got) else None)
        for group in t.total:
            tally.total[group] += t.total[group]
            tally.right[group] += t.right[group]
        tally.wrong.extend(t.wrong)
        per_file[doc.name] = t.accuracy
        planted_path = answer.with_name(answer.name.replace(".answer.json", ".errors.json"))
        if planted_path.exists() and document is not None:
            from jixiao.review import review_document

            findings = findings_to_json(review_document(document).findings)
            compare_errors(
                errs, doc.name, json.loads(planted_path.read_text(encoding="utf-8")), findings, len(got)
            )
    result = {
        "documents": len(per_file),
        "forms_expected": forms_expected,
        "forms_found": forms_found,
        "kinds_right": kinds_right,
        "field_accuracy": tally.accuracy,
        "by_group": {g: tally.right[g] / tally.total[g] for g in sorted(tally.total)},
        "per_file": per_file,
        "errors_found": errs.found,
        "errors_missed": errs.missed,
        "false_errors": errs.false,
        "false_per_clean_form": len(errs.false) / errs.clean_forms if errs.clean_forms else 0.0,
        "read_failures": failures,
        "wrong": tally.wrong,
    }
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="读取准确率：与答案文件逐字段比较")
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--verbose", "-v", action="store_true", help="列出每个错误字段")
    ap.add_argument("--json", type=Path, help="把结果写成 JSON")
    ap.add_argument("--docs", type=Path, help="文档所在目录（答案文件在 DIR 中，例如种子文件的基线）")
    args = ap.parse_args(argv)
    r = run(args.dirs, args.verbose, args.docs)
    print(
        f"documents {r['documents']}  forms {r['forms_found']}/{r['forms_expected']}"
        f"  kinds right {r['kinds_right']}"
    )
    print(f"field accuracy {r['field_accuracy']:.2%}")
    for g, a in r["by_group"].items():
        print(f"  {g:<13} {a:.2%}")
    print("per file:")
    for name, a in r["per_file"].items():
        print(f"  {a:7.2%}  {name}")
    total_planted = r["errors_found"] + len(r["errors_missed"])
    print(
        f"planted errors found {r['errors_found']}/{total_planted}; false errors {len(r['false_errors'])} "
        f"({r['false_per_clean_form']:.3f} per error-free form)"
    )
    for m in r["errors_missed"]:
        print(f"  missed: {m}")
    for f in r["false_errors"]:
        print(f"  false:  {f}")
    for f in r["read_failures"]:
        print(f"  read failure: {f}")
    if args.verbose:
        for w in r["wrong"]:
            print(f"  wrong: {w}")
    if args.json:
        args.json.write_text(json.dumps(r, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
