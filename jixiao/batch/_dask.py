"""The Dask distributed engine: the same per-file function, on a cluster's worker processes.

- ``address`` None starts a cluster of worker processes on this machine for the run (and
  stops it after); otherwise the run connects to the scheduler at ``address`` as a client.
- Results come back in path order through a bounded window of futures, so memory does not
  grow with the number of files and a slow file at the head does not idle the workers.
- A file whose worker dies is retried by the scheduler on another worker, a bounded number
  of times (``allowed-failures``); then it is reported as failed and the batch goes on. An
  exception raised by the task itself (not by the file: those are results) is retried
  ``RETRIES`` times, then reported.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from jixiao.batch import EngineError

R = TypeVar("R")

RETRIES = 2  # a task that raises is tried this many more times before it is reported
ALLOWED_FAILURES = 2  # workers that may die on one file (local cluster) before it is reported
CONNECT_TIMEOUT = "20s"
# The scheduler's health/metrics server on a free port (its default, 8787, may be taken by
# another cluster: Dask would then warn and move); no dashboard.
QUIET_HTTP = {"dashboard_address": "127.0.0.1:0"}


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as e:
        raise EngineError(
            "未安装 Dask distributed，无法使用 --engine dask（请安装：pip install 'jixiao[cluster]'）"
        ) from e
    return distributed


def _client(address: str | None, workers: int) -> tuple[Any, Any]:
    """(client, cluster or None): connected to ``address``, or to a new local cluster."""
    distributed = _distributed()
    import dask

    if address is not None:
        try:
            return distributed.Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False), None
        except (OSError, TimeoutError, ValueError) as e:
            raise EngineError(
                f"无法连接 Dask 调度器 {address}（{type(e).__name__}）：请确认调度器已启动、地址和端口正确"
            ) from e
    n = workers if workers > 1 else (os.cpu_count() or 1)
    with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}):
        cluster = distributed.LocalCluster(
            n_workers=n,
            threads_per_worker=1,  # reading and reviewing hold the GIL: one file per process
            processes=True,
            host="127.0.0.1",  # this machine only: nothing listens beyond loopback
            dashboard_address=None,
            scheduler_kwargs=QUIET_HTTP,
            silence_logs=logging.ERROR,
        )
    try:
        return distributed.Client(cluster, set_as_default=False), cluster
    except BaseException:
        cluster.close()
        raise


def dask_map(
    address: str | None,
    fn: Callable[[str, Any], R],
    paths: list[str],
    arg: Any,
    *,
    workers: int,
    on_death: Callable[[str], R],
    on_error: Callable[[str, str], R],
) -> Iterator[R]:
    """``fn(path, arg)`` for every path on the cluster, results in path order (see module doc)."""
    client, cluster = _client(address, workers)
    return _results(client, cluster, fn, paths, arg, on_death, on_error)


def _results(
    client: Any,
    cluster: Any,
    fn: Callable[[str, Any], R],
    paths: list[str],
    arg: Any,
    on_death: Callable[[str], R],
    on_error: Callable[[str, str], R],
) -> Iterator[R]:
    from distributed import KilledWorker

    run = uuid.uuid4().hex[:12]
    nworkers = max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))
    window = max(nworkers * 8, 16)
    pending: deque[tuple[str, Any]] = deque()
    todo = iter(enumerate(paths))
    try:
        while True:
            while len(pending) < window and (item := next(todo, None)) is not None:
                i, path = item
                future = client.submit(fn, path, arg, key=f"jixiao-{run}-{i}", pure=False, retries=RETRIES)
                pending.append((path, future))
            if not pending:
                return
            path, future = pending.popleft()
            try:
                result = future.result()
            except KilledWorker:
                result = on_death(path)
            except Exception as e:  # the task raised on every try (e.g. jixiao missing on a worker)
                result = on_error(path, f"集群执行失败（{type(e).__name__}，已重试 {RETRIES} 次）")
            finally:
                future.release()
            yield result
    finally:
        for _, future in pending:
            future.cancel()
        client.close()
        if cluster is not None:
            cluster.close()
