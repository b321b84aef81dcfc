"""PostgreSQL at national volume: fill rate, size per form and the web app's query latency.

    python benchmarks/pg_volume.py                          # 10^4, 3·10^4, 10^5, … within --budget
    python benchmarks/pg_volume.py --sizes 10000,100000 --budget-min 30
    python benchmarks/pg_volume.py --pg-url postgresql+psycopg://user@host/db   # an existing server
    python benchmarks/pg_volume.py --bulk-base 10000 --sizes 100000,1000000 --verify   # 10^6, measured

A PostgreSQL server of its own is started on a free loopback port, its data directory in
``.scratch-pg/`` of the work tree (removed after), unless ``--pg-url`` is given.

**Filling.** Forms are generated from the seeds with varied units and years (the corpus of
``benchmarks/store.py``: each synthetic document is a seed document re-filed by another unit for
another year, values moved a little; one document in twenty re-files an earlier one and becomes a
new revision). They go in through the store's own write path — ``store_document``, the function
``jixiao import`` calls for each file — ``--batch`` documents per transaction. The store offers
no COPY path (every form needs its unit resolved, its revision linked, its finding tallies
counted), so this is the fastest way that stores what an import stores. Reading and reviewing
happen once per seed, not per document: this measures the database, not the readers.

**Bulk mode** (``--bulk-base N``): N forms through the store by one writer, N more by two
concurrent writers (the forms/s figures), then copies of those rows made inside PostgreSQL
(``benchmarks/pg_bulk.py`` says exactly how) up to each of ``--sizes``, the running sums rebuilt
by the store's recounts; ``--verify`` runs ``jixiao verify`` on the result. Results of the
10^6 run: ``benchmarks/notes/pg_volume-10e6.md``.

**Measuring.** At each checkpoint (after ``ANALYZE``): forms/s of the segment, bytes per form
(``pg_total_relation_size`` of every jixiao table, summed, divided by the current forms), and
the median latency of what the web pages run — the page builders of ``jixiao.web.pages``
(queue page, form page, overview) and the store functions behind them — each with the SQL
it issues captured and ``EXPLAIN (ANALYZE, BUFFERS)`` written to ``--explain`` at the largest
size. At the end the growth from the last two checkpoints is extrapolated to 10^6 forms
(log-log slope per query; linear for time and size), and said to be an extrapolation.
"""

from __future__ import annotations

import argparse
import json
import math
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._common import median_ms, postgres_server
from benchmarks.store import EXAMPLES, SEEDS, Seed, corpus
from jixiao import store
from jixiao.store import Database, QueueFilter
from jixiao.store._write import store_document

REPO = Path(__file__).resolve().parents[1]
# A throw-away server: what a bulk load is configured with (no fsync wait, rare checkpoints).
BULK_OPTIONS = (
    "-c shared_buffers=256MB -c max_wal_size=8GB -c checkpoint_timeout=30min "
    "-c synchronous_commit=off -c wal_level=minimal -c max_wal_senders=0"
)


# --- what the web app runs ------------------------------------------------------------------


class Captured:
    """The SQL statements (with parameters) an engine runs while ``active``."""

    def __init__(self, db: Database) -> None:
        self.active = False
        self.statements: list[tuple[str, Any]] = []
        event.listen(db.engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if self.active and statement.lstrip().upper().startswith("SELECT"):
            self.statements.append((statement, parameters))

    def run(self, fn: Callable[[], Any]) -> list[tuple[str, Any]]:
        self.statements, self.active = [], True
        try:
            fn()
        finally:
            self.active = False
        return self.statements


def web_queries(db: Database) -> dict[str, Callable[[], Any]]:
    """Each page of the web app (as its builder runs it) and the store calls behind them."""
    from jixiao.web import _units, pages

    reviewer = store.User(id=1, name="审核人", role="reviewer")
    with db.engine.connect() as c:
        current = c.execute(text("SELECT count(*) FROM forms WHERE NOT superseded")).scalar_one()
        # a unit of the middle of the data, and its first current form
        form_id, unit_id = c.execute(
            text(
                "SELECT id, unit_id FROM forms WHERE NOT superseded AND unit_id IS NOT NULL "
                "ORDER BY id LIMIT 1 OFFSET :half"
            ),
            {"half": current // 2},
        ).one()
        unit = c.execute(text("SELECT name FROM units WHERE id = :u"), {"u": unit_id}).scalar_one()
        revised_id = c.execute(text("SELECT max(id) FROM forms WHERE revision > 1")).scalar() or form_id
    last_page = max(1, -(-current // 50))
    filler = store.User(id=2, name="填报人", role="filler", unit_ids=(unit_id,), unit_names=(unit,))
    pages.queue.CARRY_EVERY_S = 0.0  # every queue/overview page runs its carry check, as its first one does
    return {
        "queue page 1": lambda: pages.build_queue(db, QueueFilter(), 1),
        "queue last page": lambda: pages.build_queue(db, QueueFilter(), last_page),
        "queue ?year=2021&has_errors": lambda: pages.build_queue(
            db, QueueFilter(year=2021, has_errors=True), 1
        ),
        "queue ?state=returned": lambda: pages.build_queue(db, QueueFilter(state="returned"), 1),
        "unit history (queue ?unit=…)": lambda: pages.build_queue(db, QueueFilter(unit=unit), 1),
        "unit history, all revisions (forms --unit --all-revisions)": lambda: store.list_forms(
            db, store.FormFilter(unit=unit, include_superseded=True), limit=None
        ),
        "unit page (/units/{单位}: years, projects)": lambda: _units.build_unit(db, unit, None),
        "units page (/units: stats of all units)": lambda: _units.build_units(db, reviewer, None, None, 1),
        "form page": lambda: pages.build_form_page(db, form_id, reviewer),
        "form page of a revised form": lambda: pages.build_form_page(db, revised_id, reviewer),
        "overview (reviewer: all units)": lambda: pages.build_overview(db, reviewer),
        "overview (填报人: one unit)": lambda: store.overview(db, filler.unit_ids),
        "stats (unit × year aggregates)": lambda: store.stats(db, limit=50),
    }


def explain(db: Database, captured: list[tuple[str, Any]]) -> list[str]:
    """``EXPLAIN (ANALYZE, BUFFERS)`` of each distinct statement, as text."""
    plans, seen = [], set()
    with db.engine.connect() as c:
        for statement, params in captured:
            if statement in seen:
                continue
            seen.add(statement)
            rows = c.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + statement, params).all()
            plans.append(statement.strip() + "\n\n" + "\n".join(r[0] for r in rows))
    return plans


def size_per_form(db: Database) -> tuple[int, int, int]:
    """(bytes of jixiao's tables with their indexes and TOAST, current forms, all form rows)."""
    with db.engine.connect() as c:
        total = c.execute(
            text(
                "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relkind = 'r' AND n.nspname = current_schema()"
            )
        ).scalar_one()
        current = c.execute(text("SELECT count(*) FROM forms WHERE NOT superseded")).scalar_one()
        every = c.execute(text("SELECT count(*) FROM forms")).scalar_one()
    return int(total), int(current), int(every)


# --- the run --------------------------------------------------------------------------------


def fill_and_measure(
    url: str, seeds: list[Seed], sizes: list[int], units: int, batch: int, budget_s: float, runs: int,
    explain_to: Path,
) -> list[dict[str, Any]]:  # fmt: skip
    rows: list[dict[str, Any]] = []
    started = time.perf_counter()
    with Database(url) as db:
        captured = Captured(db)
        docs = corpus(seeds, units)
        stored = documents = 0
        for size in sizes:
            t = time.perf_counter()
            added = 0
            while stored < size:
                with db.session() as session:
                    for _ in range(batch):
                        s = store_document(session, next(docs), by="benchmark")
                        stored += len(s.form_ids)
                        added += len(s.form_ids)
                        documents += 1
            spent = time.perf_counter() - t
            with db.engine.connect() as c:
                c.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
            total_bytes, current, every = size_per_form(db)
            queries = web_queries(db)
            row = {
                "forms": every,
                "current_forms": current,
                "documents": documents,
                "fill_forms_per_s": added / spent,
                "fill_seconds": spent,
                "bytes": total_bytes,
                "bytes_per_form": total_bytes / every,
                "queries_ms": {name: median_ms(fn, runs) for name, fn in queries.items()},
            }
            rows.append(row)
            # kept as they come: a run stopped later still leaves its checkpoints
            explain_to.with_name("pg_volume-rows.json").write_text(
                json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8"
            )
            print(
                f"{every:>8} 张表（{documents} 份文件）：写入 {row['fill_forms_per_s']:.0f} 张/秒，"
                f"{total_bytes / 2**20:.0f} MB（{row['bytes_per_form'] / 1024:.1f} KB/张）；"
                + "，".join(f"{k} {v:.1f}ms" for k, v in row["queries_ms"].items()),
                flush=True,
            )
            last = size == sizes[-1] or time.perf_counter() - started > budget_s
            if last or size == sizes[0]:
                notes = [f"# EXPLAIN (ANALYZE, BUFFERS) at {every} forms\n"]
                for name, fn in queries.items():
                    notes.append(f"\n## {name}\n")
                    for plan in explain(db, captured.run(fn)):
                        notes.append("\n```\n" + plan + "\n```\n")
                target = explain_to.with_name(f"{explain_to.stem}-{every}{explain_to.suffix}")
                target.write_text("".join(notes), encoding="utf-8")
                print(f"EXPLAIN 已写入 {target}", flush=True)
            if last:
                if size != sizes[-1]:
                    used = time.perf_counter() - started
                    print(f"已用时 {used:.0f}s，超出预算，停止于 {every} 张表", flush=True)
                break
    return rows


def checkpoint(db: Database, runs: int) -> tuple[dict[str, Any], dict[str, Callable[[], Any]]]:
    """After ``VACUUM ANALYZE``: size per form and the median latency of every web query."""
    with db.engine.connect() as c:
        c.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
    total_bytes, current, every = size_per_form(db)
    queries = web_queries(db)
    row = {
        "forms": every,
        "current_forms": current,
        "bytes": total_bytes,
        "bytes_per_form": total_bytes / every,
        "queries_ms": {name: median_ms(fn, runs) for name, fn in queries.items()},
    }
    return row, queries


def write_explain(db: Database, captured: Captured, queries: dict[str, Callable[[], Any]], to: Path) -> Path:
    """EXPLAIN (ANALYZE, BUFFERS) of every statement each query runs, one Markdown file."""
    _total, _current, every = size_per_form(db)
    notes = [f"# EXPLAIN (ANALYZE, BUFFERS) at {every} forms\n"]
    for name, fn in queries.items():
        notes.append(f"\n## {name}\n")
        for plan in explain(db, captured.run(fn)):
            notes.append("\n```\n" + plan + "\n```\n")
    target = to.with_name(f"{to.stem}-{every}{to.suffix}")
    target.write_text("".join(notes), encoding="utf-8")
    return target


def _writer(url: str, seeds: list[Seed], units: int, start: int, step: int, count: int, batch: int) -> int:
    """One writer process: documents ``start, start+step, …`` of the corpus, ``count`` of them."""
    stored = 0
    with Database(url) as db:
        docs = corpus(seeds, units, start)
        done = 0
        while done < count:
            with db.session() as session:
                for _ in range(min(batch, count - done)):
                    doc = next(docs)
                    for _skip in range(step - 1):
                        next(docs)
                    stored += len(store_document(session, doc, by="benchmark").form_ids)
                    done += 1
    return stored


def store_fill(
    url: str, seeds: list[Seed], units: int, start_doc: int, forms: int, writers: int, batch: int
) -> tuple[int, int, float]:
    """About ``forms`` forms through ``store_document`` by ``writers`` concurrent processes.

    Returns (documents, forms stored, seconds). Documents are taken round-robin from the
    corpus, so the writers store disjoint documents and together the same as one would.
    """
    per_doc = sum(len(s.document.forms) for s in seeds) / len(seeds)
    docs = max(writers, round(forms / per_doc))
    docs -= docs % writers
    t = time.perf_counter()
    if writers == 1:
        stored = _writer(url, seeds, units, start_doc, 1, docs, batch)
    else:
        import multiprocessing

        ctx = multiprocessing.get_context("fork")  # the seeds, read once, shared by the writers
        with ctx.Pool(writers) as pool:
            parts = [
                pool.apply_async(_writer, (url, seeds, units, start_doc + w, writers, docs // writers, batch))
                for w in range(writers)
            ]
            stored = sum(p.get() for p in parts)
    return docs, stored, time.perf_counter() - t


def fill_bulk(
    url: str, seeds: list[Seed], sizes: list[int], units: int, batch: int, base: int, runs: int,
    explain_to: Path, verify: bool,
) -> list[dict[str, Any]]:  # fmt: skip
    """``base`` forms by one writer, ``base`` more by two at once, then copies to ``sizes``."""
    from benchmarks import pg_bulk

    rows: list[dict[str, Any]] = []
    rows_file = explain_to.with_name("pg_volume-rows-bulk.json")

    def keep(row: dict[str, Any], queries: dict[str, Callable[[], Any]] | None) -> None:
        rows.append(row)
        rows_file.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
        print(json.dumps(row, ensure_ascii=False), flush=True)

    documents = 0
    with Database(url) as db:
        captured = Captured(db)
        for writers in (1, 2):
            n, stored, spent = store_fill(url, seeds, units, documents, base, writers, batch)
            documents += n
            row, queries = checkpoint(db, runs)
            row.update(how=f"store_document, {writers} writer(s)", documents=documents,
                       fill_forms_per_s=stored / spent, fill_seconds=spent)  # fmt: skip
            keep(row, queries)
            if writers == 1:
                print(f"EXPLAIN 已写入 {write_explain(db, captured, queries, explain_to)}", flush=True)
        extent = pg_bulk.base_extent(db.engine)
        base_forms = rows[-1]["forms"]
        copies = 0
        for size in sizes:
            want = max(copies, -(-size // base_forms) - 1)
            if want == copies:
                continue
            t = time.perf_counter()
            for first in range(copies + 1, want + 1, 5):  # five copies per transaction
                pg_bulk.grow(db.engine, extent, first, min(first + 4, want))
                print(
                    f"  副本 {first}–{min(first + 4, want)} 已写入，{time.perf_counter() - t:.0f}s",
                    flush=True,
                )
            grown = time.perf_counter() - t
            t2 = time.perf_counter()
            pg_bulk.rebuild_sums(db.engine)
            rebuilt = time.perf_counter() - t2
            added = (want - copies) * base_forms
            copies = want
            row, queries = checkpoint(db, runs)
            row.update(how=f"INSERT … SELECT: {copies} copies of the {base_forms} store-made forms",
                       documents=documents * (copies + 1), fill_forms_per_s=added / grown,
                       fill_seconds=grown, rebuild_sums_seconds=rebuilt)  # fmt: skip
            if verify and size == sizes[-1]:
                row["verify"] = run_verify(url)
            keep(row, queries)
            if size == sizes[-1]:
                print(f"EXPLAIN 已写入 {write_explain(db, captured, queries, explain_to)}", flush=True)
    return rows


def run_verify(url: str) -> dict[str, Any]:
    """``jixiao verify`` (originals re-hashed, one current form per identity, tallies and
    summaries against a recount) as a user runs it, with its wall time and output."""
    import subprocess

    t = time.perf_counter()
    done = subprocess.run(
        [str(Path(sys.executable).with_name("jixiao")), "verify", "--db", url],
        capture_output=True,
        text=True,
        check=False,
    )
    out = {"returncode": done.returncode, "seconds": time.perf_counter() - t,
           "output": (done.stdout + done.stderr).strip()[-2000:]}  # fmt: skip
    print(f"jixiao verify：{out}", flush=True)
    return out


def measure_only(url: str, runs: int, explain_to: Path) -> None:
    """The checkpoint measurements on a database as it is (e.g. one another run is filling)."""
    with Database(url) as db:
        captured = Captured(db)
        _total, _current, every = size_per_form(db)
        queries = web_queries(db)
        for name, fn in queries.items():
            print(f"{name}: {median_ms(fn, runs):.1f} ms", flush=True)
        notes = [f"# EXPLAIN (ANALYZE, BUFFERS) at {every} forms\n"]
        for name, fn in queries.items():
            notes.append(f"\n## {name}\n")
            for plan in explain(db, captured.run(fn)):
                notes.append("\n```\n" + plan + "\n```\n")
        target = explain_to.with_name(f"{explain_to.stem}-{every}{explain_to.suffix}")
        target.write_text("".join(notes), encoding="utf-8")
        print(f"{every} 张表；EXPLAIN 已写入 {target}", flush=True)


def extrapolate(rows: list[dict[str, Any]], target: int = 1_000_000) -> dict[str, Any]:
    """10^6 from the last two checkpoints: latency by its log-log slope, time and size linearly."""
    a, b = rows[-2], rows[-1]
    k = target / b["forms"]
    growth = math.log(b["forms"] / a["forms"])
    slope = {
        q: math.log(max(b["queries_ms"][q], 1e-3) / max(a["queries_ms"][q], 1e-3)) / growth
        for q in b["queries_ms"]
    }
    return {
        "forms": target,
        "extrapolated_from": [a["forms"], b["forms"]],
        "fill_hours": target / b["fill_forms_per_s"] / 3600,
        "bytes": b["bytes_per_form"] * target,
        "bytes_per_form": b["bytes_per_form"],
        "queries_ms": {q: b["queries_ms"][q] * k ** max(slope[q], 0.0) for q in slope},
        "slopes": slope,
    }


def report(rows: list[dict[str, Any]], projected: dict[str, Any] | None) -> str:
    names = list(rows[0]["queries_ms"])
    cols = [f"{r['forms']:,}" for r in rows] + ([f"{projected['forms']:,}（外推）"] if projected else [])
    lines = ["| | " + " | ".join(cols) + " |", "|---|" + "---:|" * len(cols)]
    fill = [f"{r['fill_forms_per_s']:.0f}" for r in rows] + (
        [f"{projected['forms'] / (projected['fill_hours'] * 3600):.0f}（{projected['fill_hours']:.1f} h）"]
        if projected
        else []
    )
    lines.append("| 写入 张/秒 | " + " | ".join(fill) + " |")
    size = [f"{r['bytes'] / 2**20:,.0f} MB" for r in rows] + (
        [f"{projected['bytes'] / 2**30:,.1f} GB"] if projected else []
    )
    lines.append("| 库大小 | " + " | ".join(size) + " |")
    per = [f"{r['bytes_per_form'] / 1024:.1f}" for r in rows] + (
        [f"{projected['bytes_per_form'] / 1024:.1f}"] if projected else []
    )
    lines.append("| KB/张 | " + " | ".join(per) + " |")
    for n in names:
        vals = [f"{r['queries_ms'][n]:.1f}" for r in rows]
        if projected:
            vals.append(f"{projected['queries_ms'][n]:.0f}（斜率 {projected['slopes'][n]:.2f}）")
        lines.append(f"| {n} (ms) | " + " | ".join(vals) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,30000,100000,300000,1000000", help="checkpoints, in forms")
    ap.add_argument("--budget-min", type=float, default=30, help="stop after the checkpoint that passes this")
    ap.add_argument("--pg-url", default=None, help="an existing (empty) database, not a server of its own")
    ap.add_argument("--units", type=int, default=20000, help="synthetic units (a province has ~10^4)")
    ap.add_argument("--batch", type=int, default=50, help="documents per transaction")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per query (median)")
    ap.add_argument("--explain", type=Path, default=REPO / "benchmarks" / "results" / "pg_volume-explain.md")
    ap.add_argument("--measure-only", metavar="URL", help="measure a filled database, add nothing")
    ap.add_argument(
        "--bulk-base", type=int, default=0, metavar="N",
        help="N forms by one writer and N more by two, then copies in PostgreSQL (benchmarks/pg_bulk.py)",
    )  # fmt: skip
    ap.add_argument("--verify", action="store_true", help="run jixiao verify at the last size (bulk mode)")
    ap.add_argument(
        "--scratch",
        type=Path,
        default=REPO / ".scratch-pg",
        help="data directory of the server (removed after)",
    )
    ap.add_argument("--hold", action="store_true", help="keep the server (and its data) until SIGTERM")
    args = ap.parse_args(argv)
    if args.measure_only:
        measure_only(args.measure_only, args.runs, args.explain)
        return
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # still stop the server and remove its files
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    seeds = [Seed(p) for p in sorted(SEEDS.glob("*.txt")) + sorted(EXAMPLES.glob("*.txt"))]
    if not seeds:
        raise SystemExit(f"没有种子文件：{SEEDS}")
    print(f"种子：{len(seeds)} 份文件，{sum(len(s.document.forms) for s in seeds)} 张表", flush=True)
    args.explain.parent.mkdir(parents=True, exist_ok=True)
    with (
        postgres_server(args.scratch.resolve(), BULK_OPTIONS)
        if not args.pg_url
        else _given(args.pg_url) as url
    ):
        if args.bulk_base:
            rows = fill_bulk(
                url,
                seeds,
                sizes,
                args.units,
                args.batch,
                args.bulk_base,
                args.runs,
                args.explain,
                args.verify,
            )
        else:
            rows = fill_and_measure(
                url, seeds, sizes, args.units, args.batch, args.budget_min * 60, args.runs, args.explain
            )
        if args.hold:
            print(f"数据库保留在 {url}，直到收到 SIGTERM", flush=True)
            signal.pause()
    projected = (
        extrapolate(rows) if len(rows) >= 2 and rows[-1]["forms"] < 1_000_000 and not args.bulk_base else None
    )
    table = report(rows, projected)
    print("\n" + table)
    out = REPO / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)  # missing when --explain points elsewhere
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (out / f"pg_volume-{stamp}.json").write_text(
        json.dumps({"rows": rows, "extrapolated": projected}, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    (out / f"pg_volume-{stamp}.md").write_text(table + "\n", encoding="utf-8")
    print(f"\n结果已写入 benchmarks/results/pg_volume-{stamp}.json / .md")


@contextmanager
def _given(url: str) -> Iterator[str]:
    yield url


if __name__ == "__main__":
    main()
