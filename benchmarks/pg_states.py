"""The counts the running sums do not keep, on a filled PostgreSQL: by workflow state and by gap.

    python benchmarks/pg_states.py --pg-url URL [--share 0.9] [--runs 5]

``pg_volume.py`` fills forms but no workflow rows (imports are finished documents, counted as
submitted), so its overview's count by state and the queue with ``?state=`` read an empty
``form_workflow``. A province that works its queue ends with a workflow row for most forms. This
gives ``--share`` of the current forms a row (states spread over ``STATES`` by form id), then
times and EXPLAINs what still counts forms one by one: the overview's count by state, the queue
with ``?state=`` (count and first page) and with a minimum gap (``min_inflation``). The rows it
adds are deleted at the end (``--keep`` leaves them); the running sums, whose cells keep the
state (migration 0008), are rebuilt from the forms after each change.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._common import median_ms
from benchmarks.pg_volume import Captured, explain
from jixiao import store
from jixiao.store import Database, QueueFilter
from jixiao.store import _summary as summary


def fill_workflow(db: Database, share: float) -> int:
    """A workflow row for ``share`` of the current forms, the states in turn by form id."""
    states = [s for s in store.STATES if s != "draft"]
    case = " ".join(f"WHEN {i} THEN '{s}'" for i, s in enumerate(states))
    with db.engine.begin() as c:
        c.exec_driver_sql("DELETE FROM form_workflow")
        n = c.exec_driver_sql(
            "INSERT INTO form_workflow (form_id, state, updated_at, updated_by) "
            f"SELECT id, CASE mod(id, {len(states)}) {case} END, now(), 'benchmark' FROM forms "
            f"WHERE NOT superseded AND mod(id * 7919, 1000) < {int(share * 1000)}"
        ).rowcount
    _resum(db)
    return int(n)


def _resum(db: Database) -> None:
    """The running sums rebuilt from the forms (their cells keep the workflow state, and these
    rows were made outside the writer), then the changed tables analysed."""
    with db.engine.begin() as c:
        summary.rebuild(c)
    with db.engine.connect() as c:
        auto = c.execution_options(isolation_level="AUTOCOMMIT")
        for table in ("form_workflow", "form_summaries", "year_summaries"):
            auto.exec_driver_sql(f"VACUUM ANALYZE {table}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pg-url", required=True)
    ap.add_argument("--share", type=float, default=0.9, help="current forms given a workflow row")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--explain", type=Path, default=None, help="write EXPLAIN (ANALYZE, BUFFERS) here")
    ap.add_argument("--keep", action="store_true", help="leave the workflow rows")
    args = ap.parse_args(argv)
    with Database(args.pg_url) as db:
        captured = Captured(db)
        with db.engine.connect() as c:
            current = c.execute(text("SELECT count(*) FROM forms WHERE NOT superseded")).scalar_one()
        rows = fill_workflow(db, args.share)
        print(f"{current} 张现行表，{rows} 行流程状态", flush=True)
        queries = {
            "overview (reviewer: all units)": lambda: store.overview(db),
            "queue ?state=returned": lambda: store.list_queue(db, QueueFilter(state="returned")),
            "queue ?state=submitted (the default state)": lambda: store.list_queue(
                db, QueueFilter(state="submitted")
            ),
            "queue ?min_inflation=5": lambda: store.list_queue(db, QueueFilter(min_inflation=5.0)),
        }
        notes = [f"# EXPLAIN (ANALYZE, BUFFERS): {current} current forms, {rows} workflow rows\n"]
        for name, fn in queries.items():
            print(f"{name}: {median_ms(fn, args.runs):.1f} ms", flush=True)
            notes.append(f"\n## {name}\n")
            for plan in explain(db, captured.run(fn)):
                notes.append("\n```\n" + plan + "\n```\n")
        if args.explain:
            args.explain.write_text("".join(notes), encoding="utf-8")
            print(f"EXPLAIN 已写入 {args.explain}", flush=True)
        if not args.keep:
            with db.engine.begin() as c:
                c.exec_driver_sql("DELETE FROM form_workflow WHERE updated_by = 'benchmark'")
            _resum(db)


if __name__ == "__main__":
    main()
