"""Storage: every form, review and revision in a real database (SQLite file or PostgreSQL).

The only package that imports SQLAlchemy and Alembic. Public surface:

- ``Database(db=None)`` — open (and migrate) ``--db`` / ``$JIXIAO_DB`` / ``./jixiao.db``
- ``import_paths(paths, db, workers=1)`` → ``ImportSummary``
- ``list_forms``, ``get_form``, ``stats`` with ``FormFilter``; ``export_forms(db_url, …)``
- ``add_alias``, ``remove_alias``, ``list_units`` — the user-edited unit alias table
- accounts, sessions, tokens (``_users``); the workflow of a form with its review work
  (``_workflow``), drafts and submission (``_drafts``), the review queue and overview (``_queue``),
  re-scoring a year's stored forms under its rule set (``_rescore``)
- ``stored_forms``, ``targets_for`` — current forms with verdicts; a self-evaluation's target tables
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jixiao.store._lite import Reader, open_database
from jixiao.store._records import (
    FormDetail,
    FormFilter,
    FormSummary,
    Revision,
    StatsKey,
    UnitInfo,
    UnitYearStats,
    name_key,
)
from jixiao.store._url import DEFAULT_URL, StoreError, explain, is_database_error, resolve_url

if TYPE_CHECKING:
    from sqlalchemy.exc import SQLAlchemyError as DatabaseError

    from jixiao.store._accounts import ROLE_LABELS, ROLES, User, list_users, user_count
    from jixiao.store._cycle import StoredForm, stored_forms, targets_for
    from jixiao.store._db import Database
    from jixiao.store._drafts import (
        create_self_evaluation,
        get_draft,
        rule_set_for_year,
        save_draft,
        set_year_rule_set,
        submit_form,
    )
    from jixiao.store._import import (
        Failure,
        Imported,
        ImportSummary,
        Unchanged,
        collect_files,
        import_paths,
    )
    from jixiao.store._query import export_forms
    from jixiao.store._queue import (
        QUEUE_SORTS,
        ConfirmedFinding,
        Overview,
        QueueFilter,
        QueueKey,
        QueueRow,
        SortedKey,
        confirmed_findings,
        form_years,
        list_queue,
        overview,
    )
    from jixiao.store._rescore import RescoreResult, rescore_year
    from jixiao.store._rescore_jobs import RescoreJob, rescore_job, run_rescore, start_rescore
    from jixiao.store._units import AliasChange, AliasError
    from jixiao.store._users import (
        SESSION_HOURS,
        UserError,
        add_user,
        authenticate,
        create_session,
        create_token,
        delete_session,
        session_user,
        set_password,
        token_user,
        unit_of_name,
    )
    from jixiao.store._values import ParsedValue, parse_value
    from jixiao.store._workflow import (
        ACTIONS,
        DEFAULT_STATE,
        EDITABLE_STATES,
        STATE_LABELS,
        STATES,
        VERDICT_LABELS,
        AuditScore,
        Edit,
        ReviewNotes,
        Step,
        Verdict,
        WorkflowError,
        carry_pending,
        document_forms,
        form_unit,
        review_notes,
        set_audit_score,
        set_state,
        set_verdict,
        state_of,
        transition,
    )

_IMPORT_NAMES = frozenset(
    ("Failure", "Imported", "ImportSummary", "Unchanged", "collect_files", "import_paths")
)


# accounts and the web workflow (argon2, the web tables): loaded by what uses them, so a
# query command does not pay for them at start-up
_LAZY = {
    "Database": "_db",
    "StoredForm": "_cycle",
    "stored_forms": "_cycle",
    "targets_for": "_cycle",
    "export_forms": "_query",
    "AliasChange": "_units",
    "AliasError": "_units",
    "ParsedValue": "_values",
    "parse_value": "_values",
    "ROLE_LABELS": "_accounts",
    "ROLES": "_accounts",
    "SESSION_HOURS": "_users",
    "User": "_accounts",
    "UserError": "_users",
    "add_user": "_users",
    "authenticate": "_users",
    "create_session": "_users",
    "create_token": "_users",
    "delete_session": "_users",
    "list_users": "_accounts",
    "session_user": "_users",
    "set_password": "_users",
    "token_user": "_users",
    "unit_of_name": "_users",
    "user_count": "_accounts",
    "ACTIONS": "_workflow",
    "DEFAULT_STATE": "_workflow",
    "EDITABLE_STATES": "_workflow",
    "STATE_LABELS": "_workflow",
    "STATES": "_workflow",
    "VERDICT_LABELS": "_workflow",
    "AuditScore": "_workflow",
    "ConfirmedFinding": "_queue",
    "Edit": "_workflow",
    "Overview": "_queue",
    "QueueFilter": "_queue",
    "QueueKey": "_queue",
    "QueueRow": "_queue",
    "QUEUE_SORTS": "_queue",
    "SortedKey": "_queue",
    "ReviewNotes": "_workflow",
    "RescoreResult": "_rescore",
    "rescore_year": "_rescore",
    "RescoreJob": "_rescore_jobs",
    "rescore_job": "_rescore_jobs",
    "run_rescore": "_rescore_jobs",
    "start_rescore": "_rescore_jobs",
    "Step": "_workflow",
    "Verdict": "_workflow",
    "WorkflowError": "_workflow",
    "carry_pending": "_workflow",
    "confirmed_findings": "_queue",
    "create_self_evaluation": "_drafts",
    "document_forms": "_workflow",
    "form_unit": "_workflow",
    "form_years": "_queue",
    "get_draft": "_drafts",
    "list_queue": "_queue",
    "overview": "_queue",
    "review_notes": "_workflow",
    "rule_set_for_year": "_drafts",
    "save_draft": "_drafts",
    "set_audit_score": "_workflow",
    "set_state": "_workflow",
    "set_verdict": "_workflow",
    "set_year_rule_set": "_drafts",
    "state_of": "_workflow",
    "submit_form": "_drafts",
    "transition": "_workflow",
}


def __getattr__(name: str) -> Any:
    """SQLAlchemy, the import path (reader and review included), accounts and the workflow are
    loaded only by what uses them: a query command on SQLite needs none of them."""
    if name == "DatabaseError":  # SQLAlchemy's: loaded only by what catches it
        from sqlalchemy.exc import SQLAlchemyError

        globals()[name] = SQLAlchemyError
        return SQLAlchemyError
    if name in _IMPORT_NAMES or name in _LAZY:
        import importlib

        module = importlib.import_module(f"jixiao.store.{_LAZY.get(name, '_import')}")
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'jixiao.store' has no attribute {name!r}")


__all__ = [
    "ACTIONS",
    "DEFAULT_STATE",
    "DEFAULT_URL",
    "EDITABLE_STATES",
    "QUEUE_SORTS",
    "ROLES",
    "ROLE_LABELS",
    "SESSION_HOURS",
    "STATES",
    "STATE_LABELS",
    "VERDICT_LABELS",
    "AliasChange",
    "AliasError",
    "AuditScore",
    "ConfirmedFinding",
    "Database",
    "DatabaseError",
    "Edit",
    "Failure",
    "FormDetail",
    "FormFilter",
    "FormSummary",
    "ImportSummary",
    "Imported",
    "Overview",
    "ParsedValue",
    "QueueFilter",
    "QueueKey",
    "QueueRow",
    "Reader",
    "RescoreJob",
    "RescoreResult",
    "ReviewNotes",
    "Revision",
    "SortedKey",
    "StatsKey",
    "Step",
    "StoreError",
    "StoredForm",
    "Unchanged",
    "UnitInfo",
    "UnitYearStats",
    "User",
    "UserError",
    "Verdict",
    "WorkflowError",
    "add_alias",
    "add_user",
    "authenticate",
    "carry_pending",
    "collect_files",
    "confirmed_findings",
    "create_self_evaluation",
    "create_session",
    "create_token",
    "delete_session",
    "document_forms",
    "explain",
    "export_forms",
    "form_unit",
    "form_years",
    "get_draft",
    "get_form",
    "import_paths",
    "is_database_error",
    "list_forms",
    "list_queue",
    "list_units",
    "list_users",
    "name_key",
    "open_database",
    "overview",
    "parse_value",
    "remove_alias",
    "rescore_job",
    "rescore_year",
    "resolve_url",
    "review_notes",
    "rule_set_for_year",
    "run_rescore",
    "save_draft",
    "session_user",
    "set_audit_score",
    "set_password",
    "set_state",
    "set_verdict",
    "set_year_rule_set",
    "start_rescore",
    "state_of",
    "stats",
    "stored_forms",
    "submit_form",
    "targets_for",
    "token_user",
    "transition",
    "unit_of_name",
    "user_count",
]


def list_forms(
    db: Database | Reader, filters: FormFilter | None = None, *, limit: int | None = None, offset: int = 0
) -> tuple[list[FormSummary], int]:
    """Forms matching ``filters`` (newest year first, then by unit, latest import first) and their count."""
    filters = filters or FormFilter()
    if isinstance(db, Reader):
        from jixiao.store import _lite_query

        return _lite_query.list_forms(db, filters, limit=limit, offset=offset)
    from jixiao.store import _query

    return _query.list_forms(db, filters, limit=limit, offset=offset)


def get_form(db: Database | Reader, form_id: int, *, models: bool = True) -> FormDetail | None:
    """One form in full, with the scorecard and findings of its latest review; None if absent.

    ``models=False``: on an SQLite ``Reader`` the form, scorecard and findings may be light
    read-only views with the same printed fields (``jixiao show`` then needs no Pydantic)."""
    if isinstance(db, Reader):
        from jixiao.store import _lite_query

        return _lite_query.get_form(db, form_id, models=models)
    from jixiao.store import _query

    return _query.get_form(db, form_id)


def stats(
    db: Database | Reader, filters: FormFilter | None = None, *, limit: int | None = None, **page: Any
) -> tuple[list[UnitYearStats], int]:
    """Per unit, year and kind (``_stats.stats``, which takes ``offset``/``after``/``before``)."""
    filters = filters or FormFilter()
    simple = not (filters.include_superseded or filters.grade or filters.has_errors is not None)
    if isinstance(db, Reader) and simple and not any(page.values()):
        from jixiao.store import _lite_stats

        return _lite_stats.stats(db, filters, limit=limit)
    from jixiao.store import _stats

    return _stats.stats(db.full() if isinstance(db, Reader) else db, filters, limit=limit, **page)


def add_alias(db: Database, alias: str, unit: str) -> AliasChange:
    """Link ``alias`` to ``unit`` (one transaction); forms imported under the alias follow."""
    from jixiao.store._units import add_alias as _add_alias

    with db.session() as session:
        return _add_alias(session, alias, unit)


def remove_alias(db: Database, alias: str) -> str:
    """Remove an alias; returns the unit it named."""
    from jixiao.store._units import remove_alias as _remove_alias

    with db.session() as session:
        return _remove_alias(session, alias)


def list_units(db: Database | Reader) -> list[UnitInfo]:
    """Units with their aliases and current form counts."""
    if isinstance(db, Reader):
        from jixiao.store import _lite_query

        return _lite_query.list_units(db)
    from jixiao.store._units import list_units as _list_units

    with db.connect() as session:
        return _list_units(session)
