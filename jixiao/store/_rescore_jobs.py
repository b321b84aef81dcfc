"""A year's re-scoring in the background (the web app): one run per year at a time, its
progress and result in ``rescore_jobs`` so that any process can show them.

``start_rescore`` claims the year's row in one statement (a conditional UPDATE, else an INSERT
the primary key lets only one caller make), so two admins clicking at once start one run.
``run_rescore`` is what the app's worker thread runs: ``rescore_year`` (each form its own
transaction, so a run stopped anywhere leaves no form half-written) with the count written
back about once a second as a heartbeat. A run whose heartbeat is older than ``STALE`` — its
process was stopped or restarted — reads as 已中断 and the year can be re-scored again.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from jixiao.store._db import Database
from jixiao.store._rescore import RescoreResult, rescore_year
from jixiao.store._tables import RESCORE_JOBS

__all__ = ["JOB_STATES", "STALE", "RescoreJob", "rescore_job", "run_rescore", "start_rescore"]

STALE = timedelta(seconds=60)  # far above the time of one form; a beat is written each second
_BEAT_SECONDS = 1.0
JOB_STATES = {
    "running": "正在重新评分",
    "done": "已完成",
    "failed": "未完成（出错）",
    "interrupted": "已中断",
}

_J = RESCORE_JOBS.c


@dataclass
class RescoreJob:
    """The latest re-scoring of a year, as its page shows it."""

    year: int
    token: str
    state: str  # running / done / failed / interrupted
    done: int
    total: int
    message: str | None
    started_by: str
    started_at: datetime

    @property
    def state_label(self) -> str:
        return JOB_STATES[self.state]

    @property
    def running(self) -> bool:
        return self.state == "running"


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(t: datetime) -> datetime:
    return t if t.tzinfo else t.replace(tzinfo=UTC)  # SQLite gives the stored UTC time back naive


def start_rescore(db: Database, year: int, by: str) -> str | None:
    """Claim ``year`` for a new run: its token, or None while another run of the year is alive."""
    token = secrets.token_hex(16)
    now = _now()
    values = {
        "token": token,
        "state": "running",
        "done": 0,
        "total": 0,
        "message": None,
        "started_by": by,
        "started_at": now,
        "beat_at": now,
        "finished_at": None,
    }
    with db.session() as session:
        claimed = session.execute(
            update(RESCORE_JOBS)
            .where(_J.year == year, (_J.state != "running") | (_J.beat_at < now - STALE))
            .values(**values)
        ).rowcount
        if claimed:
            return token
    try:
        with db.session() as session:
            session.execute(insert(RESCORE_JOBS).values(year=year, **values))
    except IntegrityError:  # the row exists: a live run holds the year (or one just claimed it)
        return None
    return token


def rescore_job(db: Database, year: int) -> RescoreJob | None:
    """The latest run of ``year``; a running one whose heartbeat stopped reads as interrupted."""
    with db.reader() as session:
        row = session.execute(select(RESCORE_JOBS).where(_J.year == year)).first()
    if row is None:
        return None
    state = row.state
    if state == "running" and _aware(row.beat_at) < _now() - STALE:
        state = "interrupted"
    return RescoreJob(
        row.year, row.token, state, row.done, row.total, row.message, row.started_by, _aware(row.started_at)
    )


def run_rescore(db: Database, year: int, token: str, describe: Callable[[RescoreResult], str]) -> None:
    """Re-score ``year`` as the run ``token`` (from ``start_rescore``), recording its progress,
    then ``describe(result)`` or the error as its message. Writes only while the row is its own."""
    last = 0.0

    def beat(done: int, total: int, **more: object) -> None:
        with db.session() as session:
            session.execute(
                update(RESCORE_JOBS)
                .where(_J.year == year, _J.token == token)
                .values(done=done, total=total, beat_at=_now(), **more)
            )

    def progress(done: int, total: int) -> None:
        nonlocal last
        if time.monotonic() - last >= _BEAT_SECONDS:
            last = time.monotonic()
            beat(done, total)

    try:
        result = rescore_year(db, year, _started_by(db, year, token), progress)
    except Exception as e:  # recorded for the page; the worker thread has no one else to tell
        beat(0, 0, state="failed", message=f"{year} 年度重新评分未完成：{e}", finished_at=_now())
        raise
    beat(result.forms, result.forms, state="done", message=describe(result), finished_at=_now())


def _started_by(db: Database, year: int, token: str) -> str:
    with db.reader() as session:
        by = session.scalar(select(_J.started_by).where(_J.year == year, _J.token == token))
    return by or ""
