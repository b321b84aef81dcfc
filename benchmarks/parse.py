"""Parse throughput: forms per second and MB per second over the seeds, single process.

    python benchmarks/parse.py [--mb 5] [--seeds ../shared/seeds]

The seed documents are concatenated and repeated until the corpus reaches ``--mb`` megabytes,
then decoded, split into rows and built into forms, as ``jixiao parse`` does.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from jixiao.read import _clean, _vocab
from jixiao.read._forms import build_forms
from jixiao.read.text import decode, text_rows

_CACHED = (
    _clean.compact,
    _clean.clean_cell,
    _clean.split_weight,
    _clean.is_weight_only,
    _vocab.label_of,
    _vocab.is_goal_label,
)


def _run(corpus: list[bytes], cold: bool) -> tuple[float, int]:
    """Seconds and forms for one pass; ``cold`` empties the label caches before each document."""
    start = time.perf_counter()
    forms = 0
    for i, data in enumerate(corpus):
        if cold:
            for fn in _CACHED:
                fn.cache_clear()
        path = f"doc{i}.txt"
        forms += len(build_forms(text_rows(decode(data, path), path), path).forms)
    return time.perf_counter() - start, forms


ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

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
