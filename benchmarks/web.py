"""Web benchmark: page and API latency at 1k (and 100k) forms, and 50 concurrent API clients.

    python benchmarks/web.py                                  # 1k forms, SQLite and PostgreSQL
    python benchmarks/web.py --sizes 1000,100000 --backends sqlite
    python benchmarks/web.py --load-seconds 60 --clients 50   # the load run (default)

For each back end the database is filled with the synthetic corpus of ``benchmarks/store.py``
(seed forms varied per unit and year, written by the real ``store_document``), then
``jixiao serve`` is started as its own process on 127.0.0.1 and measured over HTTP:

1. **Latency** — median and p95 of sequential requests to the 审核队列 (``/forms``), a form page
   (``/forms/{id}``, random forms), the 总览 (``/``) and their ``/api/`` twins.
2. **Load** — ``--clients`` concurrent httpx clients for ``--load-seconds`` on the API (queue,
   random form pages, overview, findings), counting errors (any status ≥ 400 or failed
   request; goal 0) and the p95 latency.

Results are printed and written to ``benchmarks/results/web.json``. Not a test: timings never
go into an assertion.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import httpx2 as httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store import SEEDS, Seed, corpus, free_port, fresh_database, throwaway_postgres

from jixiao.store import Database, add_user, create_token, list_forms
from jixiao.store._write import store_document

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"


def fill(url: str, seeds: list[Seed], size: int, units: int = 400, per_tx: int = 50) -> tuple[str, list[int]]:
    """Fill the database to ``size`` forms; returns a reviewer's API token and some form ids."""
    with Database(url) as db:
        docs = corpus(seeds, units)
        stored = 0
        t = time.perf_counter()
        while stored < size:
            with db.session() as session:
                for _ in range(per_tx):
                    stored += len(store_document(session, next(docs), by="benchmark").form_ids)
        print(f"  写入 {stored} 张表用时 {time.perf_counter() - t:.0f} 秒", flush=True)
        user = add_user(db, "bench-reviewer", "bench-password-1", "reviewer")
        token = create_token(db, user.id, "benchmark")
        rows, _ = list_forms(db, limit=2000)
        return token, [r.id for r in rows]


def start_server(url: str, port: int) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "jixiao", "serve", "--db", url, "--port", str(port)]
    if not (REPO / "jixiao" / "__main__.py").exists():
        cmd = [str(Path(sys.executable).parent / "jixiao"), "serve", "--db", url, "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("jixiao serve 未能启动：" + (proc.stderr.read().decode() if proc.stderr else ""))


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def latencies(base: str, token: str, ids: list[int], runs: int) -> dict[str, dict[str, float]]:
    rng = random.Random(1)
    pages = {
        "审核队列 /forms": lambda: "/forms",
        "表格页 /forms/{id}": lambda: f"/forms/{rng.choice(ids)}",
        "总览 /": lambda: "/",
        "API /api/forms": lambda: "/api/forms",
        "API /api/forms/{id}": lambda: f"/api/forms/{rng.choice(ids)}",
        "API /api/overview": lambda: "/api/overview",
    }
    out = {}
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=120) as c:
        for name, path in pages.items():
            c.get(path())  # warm
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                r = c.get(path())
                times.append((time.perf_counter() - t) * 1000)
                r.raise_for_status()
            out[name] = {"median_ms": statistics.median(times), "p95_ms": pct(times, 95)}
            print(
                f"    {name:<22} 中位数 {out[name]['median_ms']:7.1f} ms   p95 {out[name]['p95_ms']:7.1f} ms",
                flush=True,
            )
    return out


async def load(base: str, token: str, ids: list[int], clients: int, seconds: float) -> dict[str, Any]:
    times: list[float] = []
    errors: dict[str, int] = {}
    stop = time.perf_counter() + seconds

    async def client(n: int) -> None:
        rng = random.Random(n)
        async with httpx.AsyncClient(
            base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60
        ) as c:
            while time.perf_counter() < stop:
                path = rng.choice(
                    [
                        "/api/forms",
                        f"/api/forms/{rng.choice(ids)}",
                        "/api/overview",
                        f"/api/forms/{rng.choice(ids)}/findings",
                    ]
                )
                t = time.perf_counter()
                try:
                    r = await c.get(path)
                    if r.status_code >= 400:
                        errors[str(r.status_code)] = errors.get(str(r.status_code), 0) + 1
                except httpx.HTTPError as e:
                    errors[type(e).__name__] = errors.get(type(e).__name__, 0) + 1
                times.append((time.perf_counter() - t) * 1000)

    t0 = time.perf_counter()
    await asyncio.gather(*(client(n) for n in range(clients)))
    spent = time.perf_counter() - t0
    result = {
        "clients": clients,
        "seconds": round(spent, 1),
        "requests": len(times),
        "requests_per_s": len(times) / spent,
        "errors": sum(errors.values()),
        "errors_by_kind": errors,
        "median_ms": statistics.median(times) if times else None,
        "p95_ms": pct(times, 95) if times else None,
    }
    print(
        f"    {clients} 个并发客户端 {spent:.0f} 秒：{len(times)} 次请求"
        f"（{result['requests_per_s']:.0f} 次/秒），"
        f"错误 {result['errors']}，中位数 {result['median_ms']:.0f} ms，p95 {result['p95_ms']:.0f} ms",
        flush=True,
    )
    return result


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000")
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--pg-url", help="an existing PostgreSQL server (default: a throw-away one)")
    ap.add_argument("--runs", type=int, default=30, help="requests per page for the latency figures")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--load-seconds", type=float, default=60.0, help="0: no load run")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    backends = args.backends.split(",")
    seeds = [Seed(p) for p in sorted(SEEDS.glob("*.txt"))]
    if not seeds:
        raise SystemExit(f"找不到种子文件：{SEEDS}")
    report: list[dict[str, Any]] = []
    need_server = "postgresql" in backends and not args.pg_url
    with (
        throwaway_postgres() if need_server else nullcontext(None) as started,
        tempfile.TemporaryDirectory() as tmp,
    ):
        pg_url = args.pg_url or started
        for backend in backends:
            for size in sizes:
                print(f"{backend}，{size} 张表：", flush=True)
                with fresh_database(backend, Path(tmp), pg_url, f"jixiao_web_{size}") as url:
                    token, ids = fill(url, seeds, size)
                    port = free_port()
                    server = start_server(url, port)
                    try:
                        base = f"http://127.0.0.1:{port}"
                        row: dict[str, Any] = {"backend": backend, "forms": size}
                        row["latency"] = latencies(base, token, ids, args.runs)
                        if args.load_seconds > 0 and size == sizes[0]:
                            row["load"] = asyncio.run(load(base, token, ids, args.clients, args.load_seconds))
                        report.append(row)
                    finally:
                        server.terminate()
                        server.wait(10)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "web.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"结果已写入 {out.relative_to(REPO)}（机器：{os.cpu_count()} 核）")


if __name__ == "__main__":
    main()
