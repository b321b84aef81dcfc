"""Parse throughput: forms per second and MB per second over the seeds, single process.

    python benchmarks/parse.py [--mb 5] [--seeds ../shared/seeds]
    python benchmarks/parse.py --pdf [DIR ...]   # PDF: jixiao against the bare libraries

The seed documents are concatenated and repeated until the corpus reaches ``--mb`` megabytes,
then decoded, split into rows and built into forms, as ``jixiao parse`` does.

``--pdf`` reads every PDF of the sample folders (or of the DIRs given) as ``jixiao parse``
does, and in the same run the bare libraries' own read of the same files: pypdfium2 (open,
text of every page: the engine jixiao reads with) and pdfplumber (``extract_text`` of every
page: the engine before). CPU seconds, best of ``--rounds``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script, too

from benchmarks._common import best_cpu
from jixiao.read import _align, _clean, _headers, _levels, _segment, _vocab
from jixiao.read._forms import build_forms
from jixiao.read.text import decode, text_rows

_CACHED = (  # every per-cell-text cache of the reader, emptied for the cold figure
    _clean.compact,
    _clean.clean_cell,
    _clean.split_weight,
    _clean.is_weight_only,
    _vocab.label_of,
    _vocab.is_goal_label,
    _vocab._head_key,
    _vocab.is_level1,
    _vocab.is_level1_strict,
    _vocab.looks_level,
    _headers._role_of,
    _headers._overall_role,
    _headers.label_key,
    _headers.simplified,
    _align._fit_of,
    _segment._title_kind,
    _segment._report_title,
    _levels.parents,
)


def _clear_caches() -> None:
    for fn in _CACHED:
        fn.cache_clear()
    _headers._MEMOS.clear()  # the role and fit memos of every vocabulary


def _run(corpus: list[bytes], cold: bool) -> tuple[float, int]:
    """Seconds and forms for one pass; ``cold`` empties the label caches before each document."""
    start = time.process_time()
    forms = 0
    for i, data in enumerate(corpus):
        if cold:
            _clear_caches()
        path = f"doc{i}.txt"
        forms += len(build_forms(text_rows(decode(data, path), path), path).forms)
    return time.process_time() - start, forms


ROOT = Path(__file__).resolve().parents[1]
SAMPLES = (ROOT / "tests" / "corpus" / "files", ROOT.parent / "shared" / "templates" / "examples")


def bare_pdfium(path: Path) -> None:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    for page in doc:
        page.get_textpage().get_text_bounded()
    doc.close()


def bare_pdfplumber(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as doc:
        for page in doc.pages:
            page.extract_text()


def pdf_figures(dirs: list[Path], rounds: int) -> dict[str, float]:
    """Files, forms and CPU seconds of jixiao, pypdfium2 and pdfplumber over the PDFs of ``dirs``."""
    from jixiao.read import ReadError, read

    files, forms = [], 0
    for p in sorted(p for d in dirs for p in d.glob("*.pdf")):
        try:
            forms += len(read(p).forms)
            files.append(p)
        except ReadError:
            continue
    out = {"files": len(files), "forms": forms}
    if files:
        out["jixiao"] = best_cpu(lambda: [read(p) for p in files], rounds)
        out["pdfium"] = best_cpu(lambda: [bare_pdfium(p) for p in files], rounds)
        out["pdfplumber"] = best_cpu(lambda: [bare_pdfplumber(p) for p in files], rounds)
    return out


def _print_pdf(dirs: list[Path], rounds: int) -> None:
    f = pdf_figures(dirs, rounds)
    if not f["files"]:
        raise SystemExit("no readable PDF in " + ", ".join(map(str, dirs)))
    n = f["files"]
    print(f"{n} PDFs, {f['forms']} forms (CPU seconds, best of {rounds})")
    print(f"jixiao:     {f['forms'] / f['jixiao']:,.1f} forms/s, {f['jixiao'] / n * 1000:.1f} ms/file")
    for lib in ("pdfium", "pdfplumber"):
        ratio = f["jixiao"] / f[lib]
        print(f"{lib + ':':11} {f[lib] / n * 1000:.1f} ms/file — jixiao / {lib} = {ratio:.2f}×")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument(
        "--pdf", nargs="*", type=Path, help="PDF throughput over these folders (default: the samples)"
    )
    args = ap.parse_args()
    if args.pdf is not None:
        _print_pdf(args.pdf or list(SAMPLES), args.rounds)
        return

    docs = [p.read_bytes() for p in sorted(args.seeds.glob("*.txt"))]
    if not docs:
        raise SystemExit(f"no seed documents in {args.seeds}")
    corpus: list[bytes] = []
    size = 0
    while size < args.mb * 1e6:
        for d in docs:
            corpus.append(d)
            size += len(d)

    print(f"corpus: {len(corpus)} documents, {size / 1e6:.2f} MB")
    for label, cold in (("warm caches (a long import)", False), ("cold caches (each document alone)", True)):
        runs = [_run(corpus, cold) for _ in range(args.rounds)]
        best, forms = min(runs)
        print(
            f"{label}: best of {args.rounds} {best:.2f} s — {forms / best:,.0f} forms/s, "
            f"{size / 1e6 / best:.2f} MB/s, {best / forms * 1000:.2f} ms per form (one process)"
        )


if __name__ == "__main__":
    main()
