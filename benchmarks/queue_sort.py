"""The review queue sorted by 分差 or 错误数 (``?sort=``) on a filled database: page 1, a page deep
in the order (the page after the cursor of row ``--deep``, as the 下一页 link asks) and the last
page (``page=N``, read from the end), against the default order.

    python benchmarks/queue_sort.py --url postgresql+psycopg://user@host/db [--runs 5] [--explain F]
    python benchmarks/queue_sort.py --url sqlite:///path/to.db

Fill the database first (``benchmarks/pg_volume.py --bulk-base … --hold``, or ``store.py``).
Wall medians of the store's ``list_queue`` (count + page) as the page builder calls it; on
SQLite also the process CPU time (the database runs in the process). On PostgreSQL
``--explain`` writes ``EXPLAIN (ANALYZE, BUFFERS)`` of each statement.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._common import median_ms
from benchmarks.pg_volume import Captured, explain
from jixiao import store
from jixiao.store import Database


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--deep", type=int, default=50_000, help="the deep page starts after this row")
    ap.add_argument("--explain", type=Path, default=None)
    args = ap.parse_args(argv)
    with Database(args.url) as db:
        captured = Captured(db)
        with db.engine.connect() as c:
            current = c.execute(text("SELECT count(*) FROM forms WHERE NOT superseded")).scalar_one()
        print(f"{db.backend}：{current} 张现行表", flush=True)
        deep = min(args.deep, current - 1)
        notes = [f"# EXPLAIN (ANALYZE, BUFFERS): the queue's orders, {current} current forms\n"]
        for sort in ("", "gap", "errors"):
            cursor = store.list_queue(db, limit=1, offset=deep, sort=sort)[0][0].key
            cases = {
                "page 1": lambda s=sort: store.list_queue(db, limit=50, sort=s),
                f"after row {deep}": lambda s=sort, k=cursor: store.list_queue(db, limit=50, after=k, sort=s),
                "last page": lambda s=sort: store.list_queue(
                    db, limit=50, offset=(current - 1) // 50 * 50, sort=s
                ),
            }
            for name, fn in cases.items():
                label = f"sort={sort or '(default)'} {name}"
                cpu = time.process_time()
                wall = median_ms(fn, args.runs)
                cpu_ms = (time.process_time() - cpu) * 1000 / (args.runs + 1)  # median_ms warms once
                print(f"{label}: {wall:.1f} ms（进程 CPU {cpu_ms:.1f} ms/次）", flush=True)
                if args.explain and db.backend == "postgresql":
                    notes.append(f"\n## {label}\n")
                    notes += ["\n```\n" + p + "\n```\n" for p in explain(db, captured.run(fn))]
        if args.explain and db.backend == "postgresql":
            args.explain.write_text("".join(notes), encoding="utf-8")
            print(f"EXPLAIN 已写入 {args.explain}", flush=True)


if __name__ == "__main__":
    main()
