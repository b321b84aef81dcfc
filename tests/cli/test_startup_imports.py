"""The query commands start without the ORM, Alembic or the readers (issue 11: start-up < 0.3 s).

Behaviour, not timing: each command runs in a fresh interpreter and reports which of the heavy
packages it imported. ``sqlalchemy.orm`` alone costs about a query command's whole budget.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks._common import DB_COMMANDS
from tests.conftest import seed

# the PostgreSQL dialect too: the test database is SQLite, and nothing of PostgreSQL is needed there
HEAVY = (
    "sqlalchemy.orm",
    "alembic",
    "jixiao.read",
    "jixiao.store._schema",
    "jixiao.store._write",
    "jixiao.store._children",
    "sqlalchemy.dialects.postgresql",
)

PROBE = """
import json, sys
from jixiao.cli import main
heavy = json.loads(sys.argv[2])
sys.argv = ["jixiao", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit as e:
    code = e.code
else:
    code = 0
print(json.dumps({"code": code, "loaded": [m for m in heavy if m in sys.modules]}), file=sys.stderr)
"""


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("startup") / "j.db")
    from jixiao.store import Database, import_paths

    with Database(db) as database:
        summary = import_paths([seed("000")], database)
    assert summary.imported and not summary.failures
    return db


def _probe(args: list[str]) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args), json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    return json.loads(done.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "command",
    DB_COMMANDS,
    ids=" ".join,
)
def test_query_command_imports_no_orm_alembic_or_reader(stored: str, command: list[str]) -> None:
    result = _probe([*command, "--db", stored])
    assert result["code"] in (0, None)
    assert result["loaded"] == []


def test_help_imports_no_database_layer() -> None:
    result = _probe(["--help"])
    assert result["code"] in (0, None)
    assert result["loaded"] == []


@pytest.mark.parametrize(
    "command", [["--help"], ["stats"], ["verify"], ["parse", "-f", "json"], ["show", "1"]], ids=" ".join
)
def test_plain_output_imports_no_rich_console(stored: str, command: list[str]) -> None:
    """Rich's console, markup and tables cost a third of the start: lines to a pipe need none.
    ``show``'s head (its 导入 time holds a colon) is laid out without Rich where it fits: 160
    columns, as the folding of a long cell is Rich's."""
    args = [*command, str(seed("000"))] if command[0] == "parse" else command
    args = args if command == ["--help"] or command[0] == "parse" else [*args, "--db", stored]
    env = {**os.environ, "COLUMNS": "160"} if command[0] == "show" else None
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args), json.dumps(["rich.console", "rich.table"])],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
        env=env,
    )
    result = json.loads(done.stderr.strip().splitlines()[-1])
    assert result["code"] in (0, None)
    assert result["loaded"] == []


@pytest.mark.parametrize(
    "command", [["forms"], ["stats"], ["aliases", "list"], ["show", "1"], ["verify"]], ids=" ".join
)
def test_sqlite_query_imports_no_sqlalchemy_or_pydantic(stored: str, command: list[str]) -> None:
    """On an SQLite file the lists read through ``sqlite3`` (``store.Reader``), parse options
    without Typer's Pydantic adapters and print finding titles without the review package;
    ``show`` prints the stored form-v1 object without building the data model; ``verify``
    recounts on ``sqlite3`` (``_lite_verify``)."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps([*command, "--db", stored]), json.dumps(LIGHT)],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    result = json.loads(done.stderr.strip().splitlines()[-1])
    assert result["code"] in (0, None)
    assert result["loaded"] == []


LIGHT = ["sqlalchemy", "pydantic", "typer._adapters", "jixiao.model", "jixiao.review.checks", "jixiao.score"]
