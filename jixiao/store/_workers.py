"""Reading files in worker processes, in order, without leaving a process behind.

- A worker that dies (killed, out of memory) costs its own file only: the files that were in
  flight are tried again one by one in a fresh process, and the one that kills it again is
  reported as failed; the batch goes on.
- Workers die with the importing process (``PR_SET_PDEATHSIG`` on Linux), ignore Ctrl-C (the
  parent handles it), and are killed when the parent stops early for any reason.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

__all__ = ["parallel_map"]

R = TypeVar("R")


def _worker_init() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:  # a file that needs more memory than the limit fails alone (MemoryError), the batch goes on
        import resource

        from jixiao.settings import limits

        cap = int(limits().max_memory_mb * 1024 * 1024)
        _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard == resource.RLIM_INFINITY or cap < hard:
            resource.setrlimit(resource.RLIMIT_DATA, (cap, hard))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not Unix
        pass
    try:  # Linux: the kernel kills this worker when its parent dies, however the parent died
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass


def _pool(workers: int) -> ProcessPoolExecutor:
    # fork where the platform has it: workers start at once, without importing jixiao again.
    # They only read and review; the database connections they inherit are never touched.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init)


def _kill(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: pending work cancelled, worker processes killed and reaped."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in processes:
        if p.is_alive():
            p.kill()
    for p in processes:
        p.join(timeout=5)


def _alone(fn: Callable[..., R], path: str, arg: Any, on_death: Callable[[str], R]) -> R:
    """Run one file in a process of its own: the verdict on a file that may kill its worker."""
    pool = _pool(1)
    try:
        return pool.submit(fn, path, arg).result()
    except BrokenProcessPool:
        return on_death(path)
    finally:
        _kill(pool)


def _submit(pool: ProcessPoolExecutor, fn: Callable[..., R], path: str, arg: Any) -> Future[R]:
    """Submit; on a pool already broken, a future that says so (handled like any broken one)."""
    try:
        return pool.submit(fn, path, arg)
    except BrokenProcessPool as e:
        future: Future[R] = Future()
        future.set_exception(e)
        return future


def parallel_map(
    fn: Callable[[str, Any], R],
    paths: list[str],
    arg: Any,
    *,
    workers: int,
    on_death: Callable[[str], R],
) -> Iterator[R]:
    """``fn(path, arg)`` for every path, in ``workers`` processes, results in path order."""
    pool = _pool(workers)
    pending: deque[tuple[str, Future[R]]] = deque()
    todo = iter(paths)
    window = max(workers * 8, 16)  # lookahead: a slow file at the head must not idle the others
    try:
        while True:
            while len(pending) < window and (path := next(todo, None)) is not None:
                pending.append((path, _submit(pool, fn, path, arg)))
            if not pending:
                return
            path, future = pending[0]
            try:
                result = future.result()
            except BrokenProcessPool:
                # Some worker died: every file in flight is suspect. Each again, alone; then go on.
                _kill(pool)
                suspects = [p for p, _ in pending]
                pending.clear()
                for p in suspects:
                    yield _alone(fn, p, arg, on_death)
                pool = _pool(workers)
                continue
            pending.popleft()
            yield result
    finally:
        _kill(pool)
