"""Which distributed engine: Dask distributed or Ray, measured on this machine.

    .scratch-venv/bin/python benchmarks/engines.py            # both engines (install both first)
    python benchmarks/engines.py --files 500 --workers 2 --db postgresql+psycopg://…

Run in a scratch environment that has both engines (``pip install dask distributed ray``);
only the chosen engine is a jixiao dependency. For each engine installed:

1. **start-up** — a cluster of ``--workers`` worker processes on this machine, from nothing to
   the first task answered (Dask: ``LocalCluster``; Ray: ``ray.init`` + one task per worker);
2. **per-task overhead** — ``--files`` empty tasks, submitted and gathered in order;
3. **the real job** — jixiao's per-file function (``_read_and_review``: read + review, the
   result shipped back) on ``--files`` small text files, against the same in one process and
   in jixiao's own process pool (``--engine local -j``);
4. **memory** — resident memory of the client and every process of the cluster after (3);
5. **install size** — the engine's wheel and the installed size of everything it adds to
   jixiao's own dependencies.

With ``--db``, also the cost of writing one document in the client (the real ``_store``,
one transaction) against reading and reviewing it: whether one writer keeps up with the workers.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.metadata as md
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
sys.path.insert(0, str(REPO))


def noop(i: int) -> int:
    return i


def make_files(folder: Path, n: int) -> list[str]:
    """``n`` distinct small text files: the smallest seed, each copy with its own last line."""
    seed = min(SEEDS.glob("*.txt"), key=lambda p: p.stat().st_size)
    body = seed.read_bytes()
    paths = []
    for i in range(n):
        p = folder / f"{i:04d}_{seed.name}"
        p.write_bytes(body + f"\n副本 {i}\n".encode())
        paths.append(str(p))
    return paths


def rss_tree(pids: list[int]) -> float:
    """MB resident in these processes and all their descendants (each counted once)."""
    import psutil

    seen: dict[int, int] = {}
    for pid in pids:
        try:
            root = psutil.Process(pid)
        except psutil.NoSuchProcess:
            continue
        for p in [root, *root.children(recursive=True)]:
            with contextlib.suppress(psutil.NoSuchProcess):
                seen[p.pid] = p.memory_info().rss
    return sum(seen.values()) / 2**20


def _name(req: str) -> str:
    return re.split(r"[\s;\[<>=!~(]", req, maxsplit=1)[0].lower().replace("_", "-")


def closure(dist: str) -> set[str]:
    """``dist`` and every distribution it requires (no extras), as installed here."""
    todo, found = [dist.lower()], set()
    while todo:
        name = todo.pop()
        if name in found:
            continue
        try:
            d = md.distribution(name)
        except md.PackageNotFoundError:
            continue
        found.add(name)
        for req in d.requires or []:
            if "extra ==" not in req:
                todo.append(_name(req))
    return found


def installed_mb(names: set[str]) -> float:
    total = 0
    for name in names:
        for f in md.distribution(name).files or []:
            with contextlib.suppress(OSError):
                total += f.locate().stat().st_size
    return total / 2**20


def install_size(engine_dist: list[str]) -> dict[str, Any]:
    ours = closure("jixiao")
    added: set[str] = set()
    for d in engine_dist:
        added |= closure(d)
    added -= ours
    return {"added_distributions": sorted(added), "added_installed_mb": round(installed_mb(added), 1)}


def time_ordered(submit: Any, gather_one: Any, items: list[Any], window: int) -> float:
    """Submit with a bounded window, collect in order (as jixiao does); seconds."""
    t = time.perf_counter()
    pending: list[Any] = []
    it = iter(items)
    while True:
        while len(pending) < window and (x := next(it, None)) is not None:
            pending.append(submit(x))
        if not pending:
            break
        gather_one(pending.pop(0))
    return time.perf_counter() - t


def bench_dask(paths: list[str], workers: int) -> dict[str, Any]:
    import logging

    import distributed

    from jixiao.store._import import _read_and_review

    t = time.perf_counter()
    cluster = distributed.LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}, silence_logs=logging.ERROR,
    )  # fmt: skip
    client = distributed.Client(cluster, set_as_default=False)
    client.submit(noop, -1, pure=False).result()
    startup = time.perf_counter() - t
    window = max(workers * 8, 16)
    n = len(paths)
    empty = time_ordered(
        lambda i: client.submit(noop, i, pure=False), lambda f: f.result(), list(range(n)), window
    )
    real = time_ordered(
        lambda p: client.submit(_read_and_review, p, None, pure=False), lambda f: f.result(), paths, window
    )
    memory = rss_tree([os.getpid()])
    t = time.perf_counter()
    client.close()
    cluster.close()
    shutdown = time.perf_counter() - t
    return {
        "engine": "dask",
        "version": md.version("distributed"),
        "startup_s": startup,
        "per_task_ms": empty / n * 1000,
        "real_files_per_s": n / real,
        "memory_mb": memory,
        "shutdown_s": shutdown,
        **install_size(["distributed"]),
    }


def bench_ray(paths: list[str], workers: int) -> dict[str, Any]:
    import ray

    from jixiao.store._import import _read_and_review

    t = time.perf_counter()
    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    noop_r = ray.remote(noop)
    work_r = ray.remote(_read_and_review)
    ray.get([noop_r.remote(-i) for i in range(1, workers + 1)])
    startup = time.perf_counter() - t
    window = max(workers * 8, 16)
    n = len(paths)
    empty = time_ordered(lambda i: noop_r.remote(i), ray.get, list(range(n)), window)
    real = time_ordered(lambda p: work_r.remote(p, None), ray.get, paths, window)
    memory = rss_tree([os.getpid()])
    t = time.perf_counter()
    ray.shutdown()
    shutdown = time.perf_counter() - t
    return {
        "engine": "ray",
        "version": md.version("ray"),
        "startup_s": startup,
        "per_task_ms": empty / n * 1000,
        "real_files_per_s": n / real,
        "memory_mb": memory,
        "shutdown_s": shutdown,
        **install_size(["ray"]),
    }


def bench_local(paths: list[str], workers: int) -> list[dict[str, Any]]:
    from jixiao.store._import import _died, _read_and_review
    from jixiao.store._workers import parallel_map

    t = time.perf_counter()
    for p in paths:
        _read_and_review(p, None)
    one = time.perf_counter() - t
    t = time.perf_counter()
    for _ in parallel_map(_read_and_review, paths, None, workers=workers, on_death=_died):
        pass
    pool = time.perf_counter() - t
    return [
        {"engine": "one process", "real_files_per_s": len(paths) / one},
        {"engine": f"local -j {workers}", "real_files_per_s": len(paths) / pool},
    ]


def _write_share(url: str, items: list[tuple[str, Any]]) -> None:
    """One concurrent writer: store its share of the documents, each in its own transaction."""
    from jixiao.store import Database
    from jixiao.store._import import _nul_free, _store
    from jixiao.store._write import Prepared

    with Database(url) as db:
        for p, r in items:
            content = Path(p).read_bytes()
            doc, review = _nul_free(*r)
            _store(db, Prepared(p, hashlib.sha256(content).hexdigest(), content, doc, review), "benchmark")


def bench_write(paths: list[str], url: str, writers: int) -> dict[str, Any]:
    """Per document: read+review (worker side) against storing it — by one writer (the client,
    as jixiao does) and by ``writers`` concurrent processes (as workers writing would)."""
    import multiprocessing

    from sqlalchemy import text

    from jixiao.store import Database
    from jixiao.store._import import _read_and_review

    t = time.perf_counter()
    results = [(p, _read_and_review(p, None)) for p in paths]
    read_s = time.perf_counter() - t
    n = len(paths)
    half = n // 2
    with Database(url) as db:  # migrated once, before any timing
        pass
    t = time.perf_counter()
    _write_share(url, results[:half])
    one_s = time.perf_counter() - t
    ctx = multiprocessing.get_context("fork")
    rest = results[half:]
    t = time.perf_counter()
    procs = [ctx.Process(target=_write_share, args=(url, rest[k::writers])) for k in range(writers)]
    for pr in procs:
        pr.start()
    for pr in procs:
        pr.join()
    many_s = time.perf_counter() - t
    with Database(url) as db, db.engine.connect() as c:
        stored = c.execute(text("SELECT count(*) FROM documents")).scalar_one()
    return {
        "backend": url.split(":", 1)[0],
        "documents": n,
        "stored": stored,
        "read_review_ms_per_doc": read_s / n * 1000,
        "write_ms_per_doc": one_s / half * 1000,
        f"write_ms_per_doc_{writers}_concurrent_writers": many_s / len(rest) * 1000,
        "workers_one_writer_keeps_up_with": (read_s / n) / (one_s / half),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=500)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--engines", default="dask,ray")
    ap.add_argument("--db", action="append", default=[], help="also measure the client's write cost here")
    ap.add_argument("--writers", type=int, default=2, help="concurrent writers compared with one")
    args = ap.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="jixiao-engines."))
    try:
        paths = make_files(folder, args.files)
        rows: list[dict[str, Any]] = bench_local(paths, args.workers)
        for name in filter(None, args.engines.split(",")):
            fn = {"dask": bench_dask, "ray": bench_ray}[name.strip()]
            try:
                rows.append(fn(paths, args.workers))
            except ImportError as e:
                print(f"{name}: 未安装（{e}）", file=sys.stderr)
            print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
        writes = []
        for i, url in enumerate(args.db):
            sub = folder / f"w{i}"
            sub.mkdir()
            writes.append(bench_write(make_files(sub, min(args.files, 200)), url, args.writers))
            print(json.dumps(writes[-1], ensure_ascii=False), flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print("\n| 引擎 | 版本 | 启动 (s) | 每任务开销 (ms) | 真实任务 文件/秒 | 内存 (MB) | 新增安装 (MB) |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['engine']} | {r.get('version', '')} | {r.get('startup_s', float('nan')):.2f} | "
            f"{r.get('per_task_ms', float('nan')):.2f} | {r['real_files_per_s']:.0f} | "
            f"{r.get('memory_mb', float('nan')):.0f} | {r.get('added_installed_mb', float('nan'))} |"
        )
    for w in writes:
        print(
            f"\n{w['backend']}：读取+审核 {w['read_review_ms_per_doc']:.1f} ms/份，客户端写入 "
            f"{w['write_ms_per_doc']:.1f} ms/份 → 一个写入端可跟上约 "
            f"{w['workers_one_writer_keeps_up_with']:.1f} 个工作进程；{args.writers} 个并发写入端："
            f"{w[f'write_ms_per_doc_{args.writers}_concurrent_writers']:.1f} ms/份（写入者互斥）"
        )
    out = REPO / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / f"engines-{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(
        json.dumps({"engines": rows, "writes": writes}, ensure_ascii=False, indent=2), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
