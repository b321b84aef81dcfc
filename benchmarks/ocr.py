"""OCR of scanned forms, measured against the text reading of the same forms.

    python benchmarks/ocr.py [--seeds ../shared/seeds] [--limit-forms 3] [--dpi 300 150]
                             [--workers 2] [--photo] [--out ocr.json]

Every seed form is printed to PDF by the project's own writer (``jixiao.write.write_pdf``, needs
LibreOffice), that PDF is read from its text layer (the reference), then rasterised at each dpi
with a skew of up to ±2°, scanner noise, JPEG compression and a red seal over the top-right corner
(``--photo`` adds paper, uneven light and a perspective warp), saved as a PDF without text layer
and read back by OCR. Reported per dpi:

- field accuracy: the form-v1 fields (heads, budget, goals, every indicator field) equal to the
  text reading after NFKC and whitespace removal, over all fields of the text reading;
- review findings of the text reading still found on the scan (code + indicator), which covers
  the planted errors of the seeds, and the share of cells sent to a person (read.low_confidence);
- pages per second on one core, and with a pool of ``--workers`` processes.

Not a test: it takes minutes (LibreOffice and OCR); run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import tempfile
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from benchmarks.scans import degrade, rasterise, save_pdf
from jixiao.contract import form_to_contract
from jixiao.model import Document, Form
from jixiao.read import read
from jixiao.review import review_document

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))
    return value


def _leaves(data: Any, prefix: str = "") -> dict[str, Any]:
    """Every scalar field of a form-v1 record by its path (``goals.0.indicators.2.target``)."""
    out: dict[str, Any] = {}
    if isinstance(data, dict):
        for k, v in data.items():
            if k in ("schema", "extra"):
                continue
            out.update(_leaves(v, f"{prefix}{k}."))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.update(_leaves(v, f"{prefix}{i}."))
    elif data is not None:
        out[prefix.rstrip(".")] = _norm(data)
    return out


def field_accuracy(reference: list[Form], scanned: list[Form]) -> tuple[int, int, list[str]]:
    """(fields equal, fields of the reference, a few of the differing paths)."""
    ref = {f"{n}.{k}": v for n, f in enumerate(reference) for k, v in _leaves(form_to_contract(f)).items()}
    got = {f"{n}.{k}": v for n, f in enumerate(scanned) for k, v in _leaves(form_to_contract(f)).items()}
    wrong = [k for k, v in ref.items() if got.get(k) != v]
    return len(ref) - len(wrong), len(ref), [f"{k}: {ref[k]!r} → {got.get(k)!r}" for k in wrong[:8]]


def _finding_keys(doc: Document) -> set[tuple[int, str, str | None]]:
    return {
        (f.form, f.code, f.indicator) for f in review_document(doc).findings if not f.code.startswith("read.")
    }


def _scan(pdf: Path, dpi: int, out: Path, photo: bool, seed: int) -> Path:
    rng = random.Random(seed)
    pages = [
        degrade(p, skew=rng.uniform(-2, 2), noise=5, jpeg=70, seal=(k == 0), photo=photo, seed=seed + k)
        for k, p in enumerate(rasterise(pdf, dpi))
    ]
    return save_pdf(pages, out, dpi)


def _page_job(args: tuple[str, int]) -> int:
    """One page of a scanned PDF read by OCR in a worker process (for the pool figure)."""
    import pypdfium2 as pdfium

    from jixiao.read._ocr import read_page
    from jixiao.read._ocr_image import pdf_page_image

    path, index = args
    doc = pdfium.PdfDocument(path)
    try:
        img = pdf_page_image(doc, index)
    finally:
        doc.close()
    return len(read_page(img, index + 1, path).rows)


def _page_count(pdf: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def run(seeds: Path, dpis: list[int], limit_forms: int, workers: int, photo: bool) -> dict[str, Any]:
    from jixiao.write import write_pdf

    tmp = Path(tempfile.mkdtemp(prefix="jixiao-ocr-bench-"))
    report: dict[str, Any] = {"dpi": {}}
    sources = []
    for n, seed in enumerate(sorted(seeds.glob("*.txt"))):
        forms = read(seed).forms[:limit_forms]
        if not forms:
            continue
        sources.append((seed.name, write_pdf(forms, tmp / f"{n}.pdf")))
    for dpi in dpis:
        ok = total = pages = 0
        found = expected = low = 0
        seconds = 0.0
        samples: list[str] = []
        scans = []
        for k, (name, pdf) in enumerate(sources):
            text_doc = read(pdf)
            scan = _scan(pdf, dpi, tmp / f"{k}.scan{dpi}.pdf", photo, seed=k)
            scans.append(scan)
            start = time.perf_counter()
            ocr_doc = read(scan)
            seconds += time.perf_counter() - start
            pages += _page_count(scan)
            a, b, diff = field_accuracy(text_doc.forms, ocr_doc.forms)
            ok, total = ok + a, total + b
            samples += [f"{name}: {d}" for d in diff[:3]]
            want, got = _finding_keys(text_doc), _finding_keys(ocr_doc)
            expected += len(want)
            found += len(want & got)
            low += sum(1 for c in ocr_doc.cells if c.confidence < 0.8)
            print(f"{dpi} dpi {name}: fields {a}/{b}, findings {len(want & got)}/{len(want)}", flush=True)
        jobs = []
        for scan in scans:
            jobs += [(str(scan), i) for i in range(_page_count(scan))]
        start = time.perf_counter()
        with ProcessPoolExecutor(max_workers=workers) as pool:
            list(pool.map(_page_job, jobs))
        pooled = time.perf_counter() - start
        report["dpi"][str(dpi)] = {
            "field_accuracy": round(ok / total, 4) if total else None,
            "fields": total,
            "findings_still_found": f"{found}/{expected}",
            "cells_flagged_low_confidence": low,
            "pages": pages,
            "pages_per_second_one_core": round(pages / seconds, 3) if seconds else None,
            f"pages_per_second_{workers}_workers": round(len(jobs) / pooled, 3) if pooled else None,
            "differences": samples[:12],
        }
    return report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=Path, default=SEEDS)
    ap.add_argument("--dpi", type=int, nargs="+", default=[300, 150])
    ap.add_argument("--limit-forms", type=int, default=1000, help="forms per seed (keeps a run short)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--photo", action="store_true", help="phone-photo look: paper, light, perspective")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    report = run(args.seeds, args.dpi, args.limit_forms, args.workers, args.photo)
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
