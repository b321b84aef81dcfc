"""Storage: every form, review and revision in a real database (SQLite file or PostgreSQL).

The only package that imports SQLAlchemy and Alembic. Public surface:

- ``Database(db=None)`` — open (and migrate) ``--db`` / ``$JIXIAO_DB`` / ``./jixiao.db``
- ``import_paths(paths, db, workers=1)`` → ``ImportSummary``
- ``list_forms``, ``get_form``, ``stats`` with ``FormFilter``; ``export_forms(db_url, …)``
- ``add_alias``, ``remove_alias``, ``list_units`` — the user-edited unit alias table
- ``stored_forms``, ``targets_for`` — current forms with verdicts; a self-evaluation's target tables
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jixiao.store._cycle import StoredForm, stored_forms, targets_for
from jixiao.store._db import DEFAULT_URL, Database, StoreError, resolve_url
from jixiao.store._query import (
    FormDetail,
    FormFilter,
    FormSummary,
    Revision,
    UnitYearStats,
    export_forms,
    get_form,
    list_forms,
    stats,
)
from jixiao.store._units import AliasChange, AliasError, UnitInfo, name_key
from jixiao.store._units import add_alias as _add_alias
from jixiao.store._units import list_units as _list_units
from jixiao.store._units import remove_alias as _remove_alias
from jixiao.store._values import ParsedValue, parse_value

if TYPE_CHECKING:
    from jixiao.store._import import (
        Failure,
        Imported,
        ImportSummary,
        Unchanged,
        collect_files,
        import_paths,
    )

_IMPORT_NAMES = frozenset(
    ("Failure", "Imported", "ImportSummary", "Unchanged", "collect_files", "import_paths")
)


def __getattr__(name: str) -> Any:
    """The import path (reader and review included) is loaded only by what imports files."""
    if name in _IMPORT_NAMES:
        from jixiao.store import _import

        value = getattr(_import, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'jixiao.store' has no attribute {name!r}")

__all__ = [
    "DEFAULT_URL",
    "AliasChange",
    "AliasError",
    "Database",
    "Failure",
    "FormDetail",
    "FormFilter",
    "FormSummary",
    "ImportSummary",
    "Imported",
    "ParsedValue",
    "Revision",
    "StoreError",
    "StoredForm",
    "Unchanged",
    "UnitInfo",
    "UnitYearStats",
    "add_alias",
    "collect_files",
    "export_forms",
    "get_form",
    "import_paths",
    "list_forms",
    "list_units",
    "name_key",
    "parse_value",
    "remove_alias",
    "resolve_url",
    "stats",
    "stored_forms",
    "targets_for",
]


def add_alias(db: Database, alias: str, unit: str) -> AliasChange:
    """Link ``alias`` to ``unit`` (one transaction); forms imported under the alias follow."""
    with db.session() as session:
        return _add_alias(session, alias, unit)


def remove_alias(db: Database, alias: str) -> str:
    """Remove an alias; returns the unit it named."""
    with db.session() as session:
        return _remove_alias(session, alias)


def list_units(db: Database) -> list[UnitInfo]:
    """Units with their aliases and current form counts."""
    with db.reader() as session:
        return _list_units(session)
