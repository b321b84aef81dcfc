"""Helpers every benchmark shares: CPU and wall timing, a throw-away PostgreSQL server.

One place, so that the figures of ``python -m benchmarks``, ``parse.py``, ``store.py`` and
``pg_volume.py`` are taken the same way.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["best_cpu", "free_port", "median_ms", "postgres_server"]


def best_cpu(fn: Callable[[], object], rounds: int, warm: bool = True) -> float:
    """Best CPU seconds of ``rounds`` calls (a first call before them warms the caches).

    CPU time of this process, not wall time: on a shared 2-core machine the wall clock
    measures the neighbours as much as the code.
    """
    if warm:
        fn()
    best = float("inf")
    for _ in range(rounds):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def median_ms(fn: Callable[[], Any], runs: int = 5) -> float:
    """Median wall milliseconds of ``runs`` calls after a warming one (database round trips)."""
    fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def postgres_server(where: Path | None = None, options: str = "-c shared_buffers=256MB") -> Iterator[str]:
    """A PostgreSQL server on a free loopback port for the duration (as scripts/postgres.sh does
    for CI), its data under ``where`` (a temporary directory if None), removed afterwards."""
    bins = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: [int(x) for x in p.parent.name.split(".")]
    )
    if not bins:
        raise SystemExit("找不到 PostgreSQL（/usr/lib/postgresql/*/bin）；可用 --pg-url 指定已有的数据库")
    pgbin = bins[-1]
    if where is None:
        where = Path(tempfile.mkdtemp(prefix="jixiao-bench-pg."))
    else:
        shutil.rmtree(where, ignore_errors=True)
        where.mkdir(parents=True)
    port = free_port()
    as_user: list[str] = []
    if os.geteuid() == 0:
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(where, "postgres")
    run = lambda *a: subprocess.run([*as_user, *a], check=True, stdout=subprocess.DEVNULL)  # noqa: E731
    run(str(pgbin / "initdb"), "-D", str(where / "data"), "-A", "trust", "-U", "jixiao")
    opts = f"-p {port} -k {where} -c listen_addresses=127.0.0.1 {options}"
    run(str(pgbin / "pg_ctl"), "-D", str(where / "data"), "-o", opts, "-l", str(where / "log"), "-w", "start")
    try:
        yield f"postgresql+psycopg://jixiao@127.0.0.1:{port}/postgres"
    finally:
        run(str(pgbin / "pg_ctl"), "-D", str(where / "data"), "-m", "fast", "stop")
        shutil.rmtree(where, ignore_errors=True)


# Every database command a user runs to look (the start-up benchmark times them; the start-up
# test checks in a fresh interpreter that none imports the ORM, Alembic or the readers).
DB_COMMANDS: tuple[list[str], ...] = (
    ["forms"],
    ["forms", "--all-revisions"],
    ["stats"],
    ["show", "1"],
    ["verify"],
    ["aliases", "list"],
    ["history", "--unit", "武汉"],
    ["compare"],
    ["user", "list"],
)
