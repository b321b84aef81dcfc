"""End-to-end review throughput: read + score + review, in forms per second.

    python benchmarks/review.py [--repeat N] [--workers N] [FILES...]

Defaults to the seed documents in ../shared/seeds, each read ``--repeat`` times. Prints
forms/s on one core and with ``--workers`` processes, and the ratio between them. The
comparison cache is cleared before every document so repeats do not flatter the figure.
"""

from __future__ import annotations

import argparse
import time
from multiprocessing import Pool
from pathlib import Path

from jixiao.read import read
from jixiao.review import review_document
from jixiao.score.compare import compare_texts
from jixiao.score.values import parse_value

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def review_file(path: str) -> tuple[int, int]:
    """(forms, findings) for one file, from a cold comparison cache."""
    compare_texts.cache_clear()
    parse_value.cache_clear()
    doc = read(path)
    result = review_document(doc)
    return len(doc.forms), len(result.findings)


def run(paths: list[str], workers: int) -> tuple[float, int, int]:
    start = time.perf_counter()
    if workers == 1:
        counts = [review_file(p) for p in paths]
    else:
        with Pool(workers) as pool:
            counts = pool.map(review_file, paths, chunksize=max(1, len(paths) // (workers * 8)))
    elapsed = time.perf_counter() - start
    return elapsed, sum(c[0] for c in counts), sum(c[1] for c in counts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=20, help="times each file is reviewed (default 20)")
    parser.add_argument("--workers", type=int, default=2, help="processes for the parallel run (default 2)")
    args = parser.parse_args()
    files = args.files or sorted(SEEDS.glob("*.txt"))
    if not files:
        raise SystemExit("没有可用的文件：请给出文件或准备 ../shared/seeds")
    paths = [str(f) for f in files] * args.repeat
    review_file(paths[0])  # import and warm up once
    one_t, forms, findings = run(paths, 1)
    print(f"文件 {len(paths)} 个（{len(files)} 个 × {args.repeat}），表 {forms} 张，审核意见 {findings} 条")
    one = forms / one_t
    print(f"单核：{one_t:.2f} 秒，{one:.0f} 张表/秒")
    if args.workers > 1:
        many_t, forms_n, _ = run(paths, args.workers)
        many = forms_n / many_t
        print(f"{args.workers} 进程：{many_t:.2f} 秒，{many:.0f} 张表/秒，为单核的 {many / one:.2f} 倍")
    # Where the time goes: reading alone, and scoring + review alone (on documents already read).
    docs = [read(p) for p in paths[: len(files) * min(args.repeat, 5)]]
    n = sum(len(d.forms) for d in docs)
    start = time.perf_counter()
    for p in paths[: len(docs)]:
        read(p)
    read_t = time.perf_counter() - start
    start = time.perf_counter()
    for d in docs:
        compare_texts.cache_clear()
        parse_value.cache_clear()
        review_document(d)
    review_t = time.perf_counter() - start
    print(f"其中 读取：{n / read_t:.0f} 张表/秒；评分+审核：{n / review_t:.0f} 张表/秒")
    print(f"目标：单核端到端 ≥300 张表/秒 —— {'达到' if one >= 300 else '未达到'}")


if __name__ == "__main__":
    main()
