"""A year's re-scoring in the background (``store.start_rescore`` / ``run_rescore``): one run
per year at a time, its progress and result in the database, a run whose process ended shown as
interrupted, and the table added to a database of the previous schema revision in place."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect, update

from jixiao import store
from jixiao.store._rescore_jobs import STALE
from jixiao.store._tables import RESCORE_JOBS
from tests.store.conftest import row_counts

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _describe(result: store.RescoreResult) -> str:
    return result.message("测试规则")


def test_one_run_per_year_its_progress_and_result(
    db: store.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.import_paths([EXAMPLES], db)
    store.set_year_rule_set(db, 2023, "national-2020")
    assert store.rescore_job(db, 2023) is None
    token = store.start_rescore(db, 2023, "admin")
    assert token is not None
    assert store.start_rescore(db, 2023, "another") is None  # the year is taken while it runs
    assert store.start_rescore(db, 2022, "another") is not None  # another year is not
    job = store.rescore_job(db, 2023)
    assert job is not None and job.running and job.state_label == "正在重新评分" and job.started_by == "admin"
    seen: list[tuple[int, int]] = []
    import jixiao.store._rescore_jobs as jobs

    def watched(db_: store.Database, year: int, by: str, progress):  # type: ignore[no-untyped-def]
        def both(done: int, total: int) -> None:
            progress(done, total)
            seen.append((done, total))
            now = store.rescore_job(db, 2023)  # what the page reads meanwhile
            assert now is not None and now.running and now.total == total

        return original(db_, year, by, both)

    original = jobs.rescore_year
    monkeypatch.setattr(jobs, "rescore_year", watched)
    store.run_rescore(db, 2023, token, _describe)
    monkeypatch.undo()
    # the examples file two 2023 self-evaluations (文化馆, 城管局); both change under 财预〔2020〕10号
    assert seen == [(1, 2), (2, 2)]
    job = store.rescore_job(db, 2023)
    assert job is not None and job.state == "done" and (job.done, job.total) == (2, 2)
    assert job.message == "2023 年度 2 张表按测试规则重新评分：2 张得出新的评分"
    # done: the year may be re-scored again, and a stale token writes nothing
    again = store.start_rescore(db, 2023, "admin")
    assert again is not None and again != token
    store.run_rescore(db, 2023, token, lambda r: "旧的一次")
    assert store.rescore_job(db, 2023).state == "running"  # type: ignore[union-attr]


def test_a_run_whose_process_stopped_reads_as_interrupted(db: store.Database) -> None:
    """A worker thread dies with its process: the row stays 'running' but its heartbeat stops.
    The page then says 已中断, and the year can be started again."""
    token = store.start_rescore(db, 2023, "admin")
    assert token is not None
    with db.session() as s:
        s.execute(
            update(RESCORE_JOBS).values(
                done=3, total=10, beat_at=datetime.now(UTC) - STALE - timedelta(seconds=1)
            )
        )
    job = store.rescore_job(db, 2023)
    assert job is not None and job.state == "interrupted" and job.state_label == "已中断"
    assert (job.done, job.total) == (3, 10)
    assert store.start_rescore(db, 2023, "admin") not in (None, token)


def test_a_failed_run_says_why(db: store.Database, monkeypatch: pytest.MonkeyPatch) -> None:
    import jixiao.store._rescore_jobs as jobs

    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr(jobs, "rescore_year", broken)
    token = store.start_rescore(db, 2023, "admin")
    assert token is not None
    with pytest.raises(RuntimeError):
        store.run_rescore(db, 2023, token, _describe)
    job = store.rescore_job(db, 2023)
    assert job is not None and job.state == "failed" and job.message == "2023 年度重新评分未完成：磁盘已满"
    assert store.start_rescore(db, 2023, "admin") is not None


def _counts(db: store.Database, exclude: str) -> dict[str, int]:
    """Rows per table of the older schema (``row_counts`` asks every table of the current one)."""
    from sqlalchemy import func, select

    from jixiao.store._schema import Base

    with db.reader() as s:
        return {
            t.name: s.scalar(select(func.count()).select_from(t)) or 0
            for t in Base.metadata.sorted_tables
            if t.name != exclude
        }


def test_upgrade_from_0009_adds_the_table_and_keeps_the_data(db_url: str) -> None:
    from alembic import command

    from jixiao.store._db import _script_directory

    with store.Database(db_url) as db:
        assert store.import_paths([EXAMPLES], db).failures == []
        cfg, _ = _script_directory()
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0009_queue_sorts")
        with db.engine.connect() as conn:
            assert "rescore_jobs" not in inspect(conn).get_table_names()
        before = _counts(db, exclude="rescore_jobs")
    with store.Database(db_url) as db:  # a writer opening the older database upgrades it
        with db.engine.connect() as conn:
            assert "rescore_jobs" in inspect(conn).get_table_names()
        assert row_counts(db) == {**before, "rescore_jobs": 0}
        assert store.start_rescore(db, 2023, "admin") is not None
