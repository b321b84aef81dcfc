"""OCR of scanned forms of every family, measured against the text reading of the same pages.

    python benchmarks/ocr.py [--set seen|unseen] [--modes 300 150 photo] [--workers 2] [--seed-forms 1]
                             [--no-corpus] [--only NAME] [--work DIR] [--out ocr.json]

The documents (``benchmarks/ocr_cases.py``): every seed, every template example and one sample
document per corpus family, printed to PDF by the project's own writer, and the XLSX/DOCX among
them also printed by LibreOffice as they are (other people's forms do not look like ours). Each
PDF is rasterised per mode — 300 and 150 dpi scans with a skew of up to ±2°, noise, JPEG and a
red seal over a corner; ``photo``: 200 dpi with paper, uneven light and a perspective warp — and
read back by OCR, in a pool of ``--workers`` processes (``jixiao.store._workers.parallel_map``,
what ``jixiao import`` uses). Reported per family and mode:

- fields equal to the text reading of the same PDF, and to the hand-checked answers (office
  prints of files that have them);
- wrong fields the reader did not flag (no low-confidence cell on their row or with their
  text): wrong but confident, the worst outcome;
- review findings of the text reading still found on the scan, planted errors
  (``*.errors.json``) still found, and findings the scan has that the text reading has not
  (caused by OCR);
- CPU seconds per page (pages per second per core) and pages per second with the pool.

``--set unseen`` (``benchmarks/ocr_unseen.py``) measures instead forms the reader has never
seen: new forms generated from each family's forms (other units, projects, indicators and
figures), printed in another font, size, line weight, padding and column widths, scanned at
300/150 dpi (seals of other colours and places), by a cheap scanner at 200 dpi (grey paper,
uneven light, blur) and photographed (perspective, shadow, paper texture, ±5°). The generated
form is the answer. Its own modes: ``300 150 200 photo``. It also reports what the rule "ink
read as nothing → confidence 0" flags and what it catches.

Not a test: it takes many minutes (LibreOffice and OCR). Printed PDFs and scans are cached in
``--work``, so a run after a change reads the very same pages.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from benchmarks.ocr_cases import MODES, Case, build_cases, scan
from benchmarks.ocr_score import THRESHOLDS, compare, finding_keys, planted_found, read_scan
from benchmarks.ocr_unseen import UNSEEN_MODES, Unseen, build_unseen, text_twin, unseen_scan


def _page_count(pdf: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def _reference(case: Case | Unseen) -> dict[str, Any]:
    from jixiao.contract import findings_to_json, form_to_contract
    from jixiao.read import read
    from jixiao.review import review_document

    # an unseen case: the same layout's cells written to a workbook, read as text
    doc = read(text_twin(case)) if isinstance(case, Unseen) else read(case.pdf)
    return {
        "forms": [form_to_contract(f) for f in doc.forms],
        "findings": findings_to_json(review_document(doc).findings),
    }


def _died(path: str) -> dict[str, Any]:
    return {"error": f"worker died on {path}", "cpu": 0.0}


def run_mode(cases: list[Case] | list[Unseen], mode: str, work: Path, workers: int) -> dict[str, Any]:
    from jixiao.store._workers import parallel_map

    scans = [
        unseen_scan(c, mode, work) if isinstance(c, Unseen) else scan(c, mode, work, seed=k)
        for k, c in enumerate(cases)
    ]
    start = time.perf_counter()
    results = list(parallel_map(read_scan, [str(s) for s in scans], None, workers=workers, on_death=_died))
    wall = time.perf_counter() - start
    per_case: list[dict[str, Any]] = []
    for case, path, got in zip(cases, scans, results, strict=True):
        ref = _reference(case)
        row: dict[str, Any] = {
            "case": case.name,
            "family": case.family,
            "printer": case.printer if isinstance(case, Case) else case.template,
            "pages": _page_count(path),
            "cpu": got["cpu"],
            "error": got.get("error"),
        }
        s = compare(ref["forms"], got, case.name)
        row |= {"right": s.right, "total": s.total, "confident_wrong": s.confident_wrong}
        row |= {
            "cells_unread": got.get("cells_unread", 0),
            "caught_by_unread": s.caught_by_unread,
            "unread_rows_wrong": s.unread_rows_wrong,
            "unread_rows_right": s.unread_rows_right,
        }
        row["unflagged_at"] = {str(k): v for k, v in s.unflagged_at.items()}
        row["flagged_at"] = got.get("flagged_at", {})
        row["differences"] = s.samples[:10]
        row["confident_differences"] = s.confident_samples[:10]
        if case.answer:
            answers = json.loads(Path(case.answer).read_text(encoding="utf-8"))
            a = compare(answers, got, case.name)
            t = compare(answers, {"forms": ref["forms"], "low": []}, case.name)
            row |= {"answer_right": a.right, "answer_total": a.total, "text_answer_right": t.right}
        want = finding_keys(ref["findings"])
        have = finding_keys(got.get("findings") or [])
        row |= {"findings": len(want), "kept": len(want & have)}
        row["ocr_only"] = sorted(str(k) for k in have - want)
        row["ocr_only_errors"] = len(
            finding_keys(got.get("findings") or [], ("error",)) - finding_keys(ref["findings"], ("error",))
        )
        if isinstance(case, Case) and case.errors:
            planted = json.loads(Path(case.errors).read_text(encoding="utf-8"))
            row |= {
                "planted": len(planted),
                "planted_text": planted_found(planted, ref["findings"]),
                "planted_scan": planted_found(planted, got.get("findings") or []),
            }
        row["cells_low"] = got.get("cells_low", 0)
        row["cells_doubt"] = got.get("cells_doubt", 0)
        row["repairs"] = got.get("repairs", [])
        per_case.append(row)
        print(
            f"{mode} {case.name}: fields {s.right}/{s.total} (confident wrong {s.confident_wrong}),"
            f" findings {row['kept']}/{row['findings']}, {row['pages']} pages {got['cpu']:.1f} s CPU"
            + (f" ERROR {got['error']}" if got.get("error") else ""),
            flush=True,
        )
    pages = sum(r["pages"] for r in per_case)
    cpu = sum(r["cpu"] for r in per_case)
    return {
        "cases": per_case,
        "pages": pages,
        "cpu_s_per_page": round(cpu / pages, 2) if pages else None,
        "pages_per_s_one_core": round(pages / cpu, 3) if cpu else None,
        f"pages_per_s_{workers}_workers": round(pages / wall, 3) if wall else None,
    }


def _pct(a: int, b: int) -> str:
    return f"{a / b:.2%}" if b else "—"


def table(report: dict[str, Any]) -> str:
    """The per-family Markdown table of a report."""
    lines = [
        "| mode | family | printer | docs | pages | fields = text reading | fields = answers"
        " | wrong, confident | findings kept | planted found (text → scan) | OCR-only findings (errors)"
        " | cells flagged | repairs |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for mode, m in report["modes"].items():
        groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for r in m["cases"]:
            groups[(r["family"], r["printer"])].append(r)
        groups[("**all**", "")] = m["cases"]
        for (family, printer), rows in groups.items():

            def tot(key: str, rows: list[dict[str, Any]] = rows) -> int:
                return sum(r.get(key, 0) or 0 for r in rows)

            answered = [r for r in rows if "answer_total" in r]
            planted = [r for r in rows if "planted" in r]
            a_right = sum(r["answer_right"] for r in answered)
            a_total = sum(r["answer_total"] for r in answered)
            p_text = sum(r["planted_text"] for r in planted)
            p_scan = sum(r["planted_scan"] for r in planted)
            lines.append(
                f"| {mode} | {family} | {printer} | {len(rows)} | {tot('pages')}"
                f" | {_pct(tot('right'), tot('total'))} ({tot('total') - tot('right')} wrong)"
                f" | {_pct(a_right, a_total)}"
                f" | {tot('confident_wrong')} | {tot('kept')}/{tot('findings')}"
                + (f" | {p_text} → {p_scan} of {sum(r['planted'] for r in planted)}" if planted else " | —")
                + f" | {sum(len(r['ocr_only']) for r in rows)} ({tot('ocr_only_errors')})"
                f" | {tot('cells_low')} | {sum(len(r['repairs']) for r in rows)} |"
            )
        lines.append(
            f"| {mode} | speed | | | {m['pages']} | {m['cpu_s_per_page']} s CPU/page"
            f" = {m['pages_per_s_one_core']} pages/s per core | | | | | | | |"
        )
    return "\n".join(lines)


def curve(report: dict[str, Any]) -> str:
    """Wrong fields no person is sent to, and cells shown, at each confidence threshold."""
    lines = [
        "| mode | threshold | wrong fields not flagged | cells shown to a person |",
        "| --- | ---: | ---: | ---: |",
    ]
    for mode, m in report["modes"].items():
        for th in THRESHOLDS:
            key = str(th)
            if not any(key in r.get("flagged_at", {}) for r in m["cases"]):
                continue
            unflagged = sum(r.get("unflagged_at", {}).get(key, 0) for r in m["cases"])
            shown = sum(r.get("flagged_at", {}).get(key, 0) for r in m["cases"])
            lines.append(f"| {mode} | {th} | {unflagged} | {shown} |")
    return "\n".join(lines)


def unread_table(report: dict[str, Any]) -> str:
    """What the "ink read as nothing → confidence 0" rule costs and buys, per mode."""
    lines = [
        "| mode | cells of ink read as nothing | on a row with a wrong field | on a row read right"
        " | wrong fields only they flag | wrong, confident (without the rule → with it) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for mode, m in report["modes"].items():

        def tot(key: str, m: dict[str, Any] = m) -> int:
            return sum(r.get(key, 0) or 0 for r in m["cases"])

        cw = tot("confident_wrong")
        lines.append(
            f"| {mode} | {tot('cells_unread')} | {tot('unread_rows_wrong')} | {tot('unread_rows_right')}"
            f" | {tot('caught_by_unread')} | {cw + tot('caught_by_unread')} → {cw} |"
        )
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--set",
        choices=("seen", "unseen"),
        default="seen",
        help="seen: prints of the seeds and examples; unseen: new forms generated from their families",
    )
    ap.add_argument("--modes", nargs="+", choices=sorted({*MODES, *UNSEEN_MODES}))
    ap.add_argument("--variants", type=int, default=1, help="unseen: forms generated per source form")
    ap.add_argument("--seed-forms", type=int, default=1, help="forms per seed (keeps a run short)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-corpus", action="store_true", help="seeds and template examples only")
    ap.add_argument("--only", help="cases whose name or family contains this")
    ap.add_argument("--work", type=Path, default=Path("/tmp/jixiao-ocr-bench"))
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    # the per-file time limit is wall time: a 10-page scan on a shared machine can pass it
    os.environ.setdefault("JIXIAO_LIMIT_MAX_SECONDS", "7200")
    if args.set == "unseen":
        cases: list[Case] | list[Unseen] = build_unseen(args.work, args.variants, args.only)
        args.modes = args.modes or list(UNSEEN_MODES)
    else:
        cases = build_cases(args.work, args.seed_forms, not args.no_corpus, args.only)
        args.modes = args.modes or list(MODES)
    if bad := [m for m in args.modes if m not in (UNSEEN_MODES if args.set == "unseen" else MODES)]:
        ap.error(f"modes of the {args.set} set: not {bad}")
    report: dict[str, Any] = {"modes": {}}
    for mode in args.modes:
        report["modes"][mode] = run_mode(cases, mode, args.work, args.workers)
        if args.out:  # after each mode: a long run stopped early keeps what it measured
            args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    md = table(report) + "\n\n" + curve(report) + "\n\n" + unread_table(report)
    print(md)
    if args.out:
        args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        args.out.with_suffix(".md").write_text(md + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
