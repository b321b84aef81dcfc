"""A Dask cluster of two worker processes on this machine, shared by the engine tests."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

pytest.importorskip("distributed")


@pytest.fixture(scope="module")  # not session: other tests count multiprocessing children
def cluster_address() -> Iterator[str]:
    """The scheduler address of a local cluster of 2 worker processes (``--address`` of a test)."""
    import dask
    import distributed

    from jixiao.batch._dask import QUIET_HTTP

    with dask.config.set({"distributed.scheduler.allowed-failures": 2}):
        cluster = distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            scheduler_kwargs=QUIET_HTTP,
            silence_logs=logging.ERROR,
        )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()
