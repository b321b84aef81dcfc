"""Values coerced without Pydantic (``_params.QuickParam``) are the values Typer's own coercion
gives, and whatever it cannot tell goes to Typer: the same value or the same error."""

from __future__ import annotations

from typing import Any

import pytest
import typer.main

from jixiao.cli import app
from jixiao.cli._params import QuickParam

VALUES: list[Any] = [
    None,
    "0",
    "5",
    "-1",
    "05",
    "-0",
    "+5",
    " 5",
    "1_0",
    "abc",
    "",
    "1e3",
    "9" * 20,
    7,
    -3,
    True,
]


def _outcome(coerce: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        return "value", coerce(value, param=param, ctx=ctx)
    except Exception as e:  # the error Typer reports for the value
        return type(e).__name__, str(e)


@pytest.mark.parametrize("command", ["forms", "stats", "show", "import"])
def test_quick_coercion_equals_typers(command: str) -> None:
    group = typer.main.get_command(app)
    cmd = group.get_command(None, command)  # type: ignore[arg-type]
    ctx = cmd.make_context(command, ["--help"], resilient_parsing=True)
    params = [p for p in cmd.get_params(ctx) if hasattr(p, "type_descriptor")]
    assert any(p.type_descriptor.annotation is int for p in params) or command == "show"
    for param in params:
        quick = QuickParam(param)
        for value in VALUES:
            assert _outcome(quick.coerce, value, param, ctx) == _outcome(
                quick.real().coerce, value, param, ctx
            ), (
                param.name,
                value,
            )


def test_query_command_builds_no_pydantic_adapter() -> None:
    """``forms --db x -n 5`` parses every option without Typer's Pydantic adapters."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from jixiao.cli import app\n"
        "r = CliRunner().invoke(app, ['forms', '--db', 'missing.db', '-n', '5', '--unit', 'x'])\n"
        "print(r.exit_code, 'typer._adapters' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["2", "False"]  # 2: no such database file, said in Chinese
