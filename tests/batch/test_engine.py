"""The engine layer: choosing an engine, and mapping a job over files on a 2-worker Dask cluster."""

from __future__ import annotations

import pytest

from jixiao.batch import EngineError, EngineSpec, engine_map, engine_spec

from . import jobs


def test_choices_are_checked_in_chinese() -> None:
    assert engine_spec("local") == EngineSpec("local", None)
    assert engine_spec("Dask", " tcp://127.0.0.1:8786 ") == EngineSpec("dask", "tcp://127.0.0.1:8786")
    with pytest.raises(EngineError, match=r"不支持 Ray 引擎.*Dask distributed.*--engine dask"):
        engine_spec("ray")
    with pytest.raises(EngineError, match="未知的执行引擎“spark”"):
        engine_spec("spark")
    with pytest.raises(EngineError, match="--address 只能与 --engine dask 一起使用"):
        engine_spec("local", "tcp://127.0.0.1:8786")


def _died(path: str) -> str:
    return f"died:{path}"


def _error(path: str, reason: str) -> str:
    return f"error:{path}:{reason}"


def test_results_come_back_in_path_order(cluster_address: str) -> None:
    paths = [f"f{i:03d}" for i in range(60)]  # more than the window of futures
    spec = EngineSpec("dask", cluster_address)
    got = list(engine_map(spec, jobs.echo, paths, "x", workers=2, on_death=_died, on_error=_error))
    assert got == [f"x:{p}" for p in paths]


def test_a_file_that_kills_its_worker_is_retried_then_reported(cluster_address: str) -> None:
    paths = ["a", "die-1", "b"]
    spec = EngineSpec("dask", cluster_address)
    got = list(engine_map(spec, jobs.die_on_marked, paths, None, workers=2, on_death=_died, on_error=_error))
    assert got == ["a", "died:die-1", "b"]


def test_a_job_that_raises_is_retried_then_reported(cluster_address: str) -> None:
    spec = EngineSpec("dask", cluster_address)
    got = list(
        engine_map(spec, jobs.raise_on_marked, ["a", "boom", "b"], None, workers=2, on_death=_died, on_error=_error)
    )
    assert got[0] == "a" and got[2] == "b"
    assert got[1].startswith("error:boom:集群执行失败（RuntimeError，已重试 2 次）")


def test_an_unreachable_scheduler_is_one_chinese_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    from jixiao.batch import _dask

    monkeypatch.setattr(_dask, "CONNECT_TIMEOUT", "2s")
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    spec = EngineSpec("dask", f"tcp://127.0.0.1:{port}")
    with pytest.raises(EngineError, match=f"无法连接 Dask 调度器 tcp://127.0.0.1:{port}"):
        engine_map(spec, jobs.echo, ["a"], None, workers=2, on_death=_died, on_error=_error)
