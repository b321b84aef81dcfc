"""Storage benchmark: import throughput, database size and query latency at 1k / 10k / 100k forms.

    python benchmarks/store.py                       # SQLite and a throw-away PostgreSQL, up to 100k
    python benchmarks/store.py --sizes 1000,10000    # smaller
    python benchmarks/store.py --backends sqlite
    python benchmarks/store.py --pg-url postgresql+psycopg://user@host/db   # an existing (empty) database

Two measurements per back end:

1. **End to end** — the real ``import_paths`` (read → review → store, one transaction per
   document) on copies of the seed files, with 1 and 2 worker processes.
2. **At scale** — a synthetic corpus generated from the seed forms (units, years and values
   varied per document; one document in twenty after the first 12,000 re-files a unit's form
   for the same year and so becomes a new revision). Reading and reviewing are done once per seed and reused;
   each synthetic document is written through the real write path (``store_document`` in its
   own transaction, exactly as ``import_paths`` does). After 1k, 10k and 100k forms the
   database size and the latency of the ``forms``/``stats``/``show`` queries are measured.

When the review stage finds nothing (placeholder review), each form gets 0–5 synthetic
findings with catalogue codes and a synthetic scorecard (recomputed total, grade) so that
``stats``, ``--grade`` and ``--has-errors`` have realistic data.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script, too

from sqlalchemy import text

from benchmarks._common import median_ms, postgres_server
from jixiao.model import Document, Finding, Form, Scorecard
from jixiao.read import read
from jixiao.review import ReviewResult, review_document
from jixiao.store import Database, FormFilter, get_form, import_paths, list_forms, stats
from jixiao.store._write import Prepared, store_document

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
EXAMPLES = REPO / "examples"

DISTRICTS = [
    "江岸区",
    "江汉区",
    "硚口区",
    "汉阳区",
    "武昌区",
    "青山区",
    "洪山区",
    "东西湖区",
    "汉南区",
    "蔡甸区",
    "江夏区",
    "黄陂区",
    "新洲区",
    "东湖高新区",
    "经开区",
    "临空港区",
]
ORGS = [
    "政务服务和大数据管理局",
    "财政局",
    "教育局",
    "卫生健康局",
    "文化和旅游局",
    "城市管理执法局",
    "统计局",
    "科技和经济信息化局",
    "民政局",
    "人力资源和社会保障局",
    "住房和城市更新局",
    "园林和林业局",
    "水务和湖泊局",
    "交通运输局",
    "农业农村局",
    "商务局",
    "审计局",
    "司法局",
    "应急管理局",
    "市场监督管理局",
    "文化馆",
    "图书馆",
    "档案馆",
    "疾病预防控制中心",
    "生物产业基地建设管理办公室",
]
CODES = [("form.total_mismatch", "error"), ("indicator.score_mismatch", "error"),
         ("indicator.full_score_unmet", "error"), ("budget.rate_mismatch", "warning"),
         ("goal.weight_mismatch", "warning"), ("target.vague", "warning"), ("target.missing_basis", "info"),
         ("indicator.missing_actual", "info")]  # fmt: skip


# --- the corpus --------------------------------------------------------------------------


class Seed:
    """A seed document read and reviewed once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.content = path.read_bytes()
        self.document = read(path)
        self.review = review_document(self.document)


def unit_name(u: int) -> str:
    combos = len(DISTRICTS) * len(ORGS)
    base = f"{DISTRICTS[u % len(DISTRICTS)]}{ORGS[(u // len(DISTRICTS)) % len(ORGS)]}"
    return base if u < combos else f"{base}第{u // combos + 1}分局"


def synthetic_findings(doc: Document, rng: random.Random) -> list[Finding]:
    findings = []
    for i, f in enumerate(doc.forms):
        for _ in range(rng.choice((0, 0, 1, 1, 2, 3, 5))):
            code, severity = rng.choice(CODES)
            findings.append(
                Finding(form=i, form_title=f.title, code=code, severity=severity, message="合成审核意见")  # type: ignore[arg-type]
            )
    return findings


def synthetic_scorecards(doc: Document, rng: random.Random) -> list[Scorecard]:
    cards = []
    for i, f in enumerate(doc.forms):
        computed = (
            None if f.total_score is None else round(max(0.0, f.total_score - rng.choice((0, 0, 1, 6))), 2)
        )
        grade = None if computed is None else "优" if computed >= 90 else "良" if computed >= 80 else "中"
        cards.append(
            Scorecard(
                form=i,
                rule_set="synthetic",
                total_printed=f.total_score,
                total_computed=computed,
                grade_computed=grade,
            )
        )
    return cards


def vary(form: Form, unit: str, year: int, rng: random.Random) -> Form:
    """The seed form as another unit's form of another year, its printed values moved a little."""
    f = form.model_copy(deep=True)
    f.unit = unit
    if f.supervisor:
        f.supervisor = unit
    if f.implementer:
        f.implementer = unit
    if f.year is not None:
        f.title = f.title.replace(str(f.year), str(year))
    f.year = year
    if f.total_score is not None:
        f.total_score = round(max(0.0, f.total_score - rng.choice((0, 0, 0.5, 1, 2.5, 8))), 2)
    if f.budget is not None and f.budget.executed is not None:
        f.budget.executed = round(f.budget.executed * rng.uniform(0.6, 1.05), 2)
    for _, ind in f.indicators():
        if ind.score is not None and ind.weight and rng.random() < 0.1:
            ind.score = round(ind.weight * rng.choice((0, 0.5, 0.8)), 2)
    return f


def corpus(seeds: list[Seed], units: int, start: int = 0) -> Iterator[Prepared]:
    """Synthetic documents, endless; document ``i`` is seed ``i % len(seeds)`` for one unit and year."""
    i = start
    while True:
        seed = seeds[i % len(seeds)]
        rng = random.Random(i)
        # Each round of units × 6 years takes new units, except one document in 20, which
        # re-files an earlier round's form (same unit, year and project): a new revision.
        years = 6
        round_ = i // (units * years)
        u = (i * 7919) % units + (0 if i % 20 == 0 else round_ * units)
        year = 2019 + (i // units) % years
        unit = unit_name(u)
        doc = Document(
            path=f"synthetic/{i:06d}_{seed.path.name}",
            reader=seed.document.reader,
            forms=[vary(f, unit, year, rng) for f in seed.document.forms],
            reports=[r.model_copy(deep=True) for r in seed.document.reports],
        )
        review = seed.review
        findings = review.findings or synthetic_findings(doc, rng)
        cards = review.scorecards or synthetic_scorecards(doc, rng)
        review = ReviewResult(review.rule_set, review.rule_set_version, cards, findings)
        content = seed.content + f"\n# synthetic {i} {unit} {year}\n".encode()
        yield Prepared(doc.path, hashlib.sha256(content).hexdigest(), content, doc, review)
        i += 1


# --- back ends -----------------------------------------------------------------------------


@contextmanager
def fresh_database(backend: str, workdir: Path, pg_url: str | None, name: str) -> Iterator[str]:
    if backend == "sqlite":
        path = workdir / f"{name}.db"
        for p in workdir.glob(f"{name}.db*"):
            p.unlink()
        yield f"sqlite:///{path}"
        return
    assert pg_url is not None
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(pg_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def db_size(db: Database) -> int:
    if db.backend == "sqlite":
        raw = db.engine.raw_connection()  # outside a transaction: writers' connections begin IMMEDIATE
        try:
            raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
        path = Path(db.engine.url.database or "")
        return path.stat().st_size + sum(p.stat().st_size for p in path.parent.glob(path.name + "-*"))
    with db.engine.connect() as c:
        return int(c.execute(text("SELECT pg_database_size(current_database())")).scalar_one())


def analyze(db: Database) -> None:
    with db.engine.connect() as c:
        if db.backend == "sqlite":
            c.exec_driver_sql("PRAGMA optimize")
        else:
            c.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")


# --- measurements --------------------------------------------------------------------------


def queries(db: Database) -> dict[str, float]:
    some_unit = unit_name(7)
    rows, _ = list_forms(db, FormFilter(unit=some_unit), limit=1)
    form_id = rows[0].id if rows else 1
    return {
        "forms": median_ms(lambda: list_forms(db, limit=50)),
        "forms --unit --year": median_ms(
            lambda: list_forms(db, FormFilter(unit=some_unit, year=2020), limit=50)
        ),
        "forms --unit 局 (loose)": median_ms(lambda: list_forms(db, FormFilter(unit="财政"), limit=50)),
        "forms --has-errors": median_ms(lambda: list_forms(db, FormFilter(has_errors=True), limit=50)),
        "forms --grade 优 --kind": median_ms(
            lambda: list_forms(db, FormFilter(grade="优", kind="project_self_evaluation"), limit=50)
        ),
        "stats": median_ms(lambda: stats(db, limit=50)),
        "stats --year": median_ms(lambda: stats(db, FormFilter(year=2021), limit=50)),
        "stats --limit 0 (all rows)": median_ms(lambda: stats(db), runs=3),
        "show": median_ms(lambda: get_form(db, form_id)),
    }


def end_to_end(
    backend: str, url_for: Callable[[str], Any], seeds: list[Path], copies: int, workdir: Path
) -> list[dict]:
    """The real import path on copies of the seed files (each copy a distinct file)."""
    src = workdir / "e2e"
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir()
    for k in range(copies):
        for p in seeds:
            (src / f"{k:03d}_{p.name}").write_bytes(p.read_bytes() + f"\n副本 {k}\n".encode())
    results = []
    for workers in (1, 2):
        with url_for(f"e2e_{workers}") as url, Database(url) as db:
            t = time.perf_counter()
            summary = import_paths([src], db, workers=workers)
            elapsed = time.perf_counter() - t
            assert not summary.failures, summary.failures[:3]
            results.append(
                {
                    "backend": backend,
                    "workers": workers,
                    "documents": len(summary.imported),
                    "forms": summary.forms,
                    "seconds": elapsed,
                    "forms_per_s": summary.forms / elapsed,
                }
            )
            print(
                f"  端到端 {backend} workers={workers}: {summary.forms} 张表 / {elapsed:.1f}s = "
                f"{summary.forms / elapsed:.0f} 张/秒",
                flush=True,
            )
    return results


def at_scale(
    backend: str, url: str, seeds: list[Seed], sizes: list[int], units: int, batch_from: int, batch: int
) -> list[dict]:
    """Fill the database through ``store_document``; measure at each size.

    Up to ``batch_from`` forms every document is its own transaction (as ``import_paths``
    does); beyond, ``batch`` documents share one (fewer commits: the bulk fill of the 100k run).
    Only storing is timed, not generating the synthetic documents.
    """
    results = []
    with Database(url) as db:
        docs = corpus(seeds, units)
        stored = documents = revised = 0
        for size in sizes:
            spent = 0.0
            added = 0
            per_tx = 1 if stored < batch_from else batch
            while stored < size:
                group = [next(docs) for _ in range(per_tx)]
                t = time.perf_counter()
                with db.session() as session:
                    for prep in group:
                        s = store_document(session, prep, by="benchmark")
                        stored += len(s.form_ids)
                        added += len(s.form_ids)
                        revised += s.revised
                        documents += 1
                spent += time.perf_counter() - t
            analyze(db)
            row = {
                "backend": backend,
                "forms": stored,
                "documents": documents,
                "revised": revised,
                "segment_forms": added,
                "segment_seconds": spent,
                "documents_per_transaction": per_tx,
                "forms_per_s": added / spent if spent else 0,
                "db_bytes": db_size(db),
                "queries_ms": queries(db),
            }
            results.append(row)
            q = row["queries_ms"]
            print(
                f"  {backend} {stored:>7} 张表（{documents} 份文件，{revised} 张为修订版）："
                f"写入 {row['forms_per_s']:.0f} 张/秒（每事务 {per_tx} 份），"
                f"库 {row['db_bytes'] / 2**20:.0f} MB；" + "，".join(f"{k} {v:.1f}ms" for k, v in q.items()),
                flush=True,
            )
    return results


def print_report(e2e: list[dict], scale: list[dict]) -> None:
    print("\n== 端到端导入（读取+审核+写入，真实 import_paths）==")
    print(f"{'后端':<12}{'进程':>4}{'文件':>6}{'表':>7}{'秒':>8}{'表/秒':>9}")
    for r in e2e:
        print(
            f"{r['backend']:<12}{r['workers']:>4}{r['documents']:>6}{r['forms']:>7}"
            f"{r['seconds']:>8.1f}{r['forms_per_s']:>9.0f}"
        )
    print("\n== 规模（写入路径 store_document，每份文件一个事务）==")
    names = list(scale[0]["queries_ms"]) if scale else []
    print(
        f"{'后端':<12}{'表':>8}{'写入 表/秒':>12}{'事务':>5}{'库 MB':>8}  "
        + "  ".join(f"{n}(ms)" for n in names)
    )
    for r in scale:
        q = r["queries_ms"]
        print(
            f"{r['backend']:<12}{r['forms']:>8}{r['forms_per_s']:>12.0f}{r['documents_per_transaction']:>5}"
            f"{r['db_bytes'] / 2**20:>8.1f}  " + "  ".join(f"{q[n]:>{len(n) + 4}.1f}" for n in names)
        )
    by_backend: dict[str, list[dict]] = {}
    for r in scale:
        by_backend.setdefault(r["backend"], []).append(r)
    for backend, rows in by_backend.items():
        if len(rows) > 1:
            first, last = rows[0], rows[-1]
            growth = last["forms"] / first["forms"]
            print(f"\n{backend}：表数 ×{growth:.0f} 时，查询耗时增长倍数：")
            for n in names:
                print(f"  {n:<24} ×{last['queries_ms'][n] / max(first['queries_ms'][n], 1e-6):.1f}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000", help="checkpoints, in forms")
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--pg-url", default=None, help="use this PostgreSQL server instead of starting one")
    ap.add_argument("--units", type=int, default=2000, help="number of synthetic units")
    ap.add_argument(
        "--batch-from", type=int, default=10_000, help="forms stored one document per transaction"
    )
    ap.add_argument("--batch", type=int, default=20, help="documents per transaction after --batch-from")
    ap.add_argument(
        "--e2e-copies", type=int, default=21, help="copies of the seed set for the end-to-end run"
    )
    ap.add_argument("--workdir", type=Path, default=None, help="where SQLite files go (default: a temp dir)")
    args = ap.parse_args(argv)
    # Stopped early (Ctrl-C, kill): still stop the throw-away server and remove its files.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]

    seed_paths = sorted(SEEDS.glob("*.txt")) + sorted(EXAMPLES.glob("*.txt"))
    if not seed_paths:
        raise SystemExit(f"没有种子文件：{SEEDS}")
    t = time.perf_counter()
    seeds = [Seed(p) for p in seed_paths]
    n_forms = sum(len(s.document.forms) for s in seeds)
    print(
        f"种子：{len(seeds)} 份文件，{n_forms} 张表，"
        f"{sum(len(f.indicators()) for s in seeds for f in s.document.forms)} 个指标"
        f"（读取+审核 {time.perf_counter() - t:.1f}s）",
        flush=True,
    )

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="jixiao-bench."))
    workdir.mkdir(parents=True, exist_ok=True)
    e2e: list[dict] = []
    scale: list[dict] = []
    need_server = "postgresql" in backends and not args.pg_url
    with (
        postgres_server(options="-c fsync=on -c shared_buffers=256MB")
        if need_server
        else nullcontext(None) as started
    ):
        pg_url = args.pg_url or started
        for backend in backends:
            print(f"\n[{backend}]", flush=True)

            def url_for(name: str, backend: str = backend) -> Any:
                return fresh_database(backend, workdir, pg_url, name)

            e2e += end_to_end(backend, url_for, seed_paths, args.e2e_copies, workdir)
            if not sizes:
                continue
            with url_for("scale") as url:
                scale += at_scale(backend, url, seeds, sizes, args.units, args.batch_from, args.batch)
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    print_report(e2e, scale)
    out = REPO / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (out / f"store-{stamp}.json").write_text(
        json.dumps({"end_to_end": e2e, "scale": scale}, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    print(f"\n结果已写入 benchmarks/results/store-{stamp}.json")


if __name__ == "__main__":
    sys.exit(main())
