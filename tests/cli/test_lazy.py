"""The root group builds a sub-command only when it is used, and lists exactly what the
command modules register (issue 11: ``jixiao --help`` and every command start in < 0.3 s)."""

from __future__ import annotations

import pkgutil
from importlib import import_module
from typing import Any

import pytest
import typer
import typer.main
from typer.testing import CliRunner

import jixiao.cli
from jixiao.cli import app
from jixiao.cli._help import ChineseGroup
from jixiao.cli._lazy import COMMANDS

runner = CliRunner()


def _modules() -> list[str]:
    """Every command module of ``jixiao.cli``: those with a ``register`` function."""
    names = [m.name for m in pkgutil.iter_modules(jixiao.cli.__path__) if not m.name.startswith("_")]
    return [n for n in names if hasattr(import_module(f"jixiao.cli.{n}"), "register")]


def _registered_names(module: str) -> list[str]:
    scratch = typer.Typer()
    import_module(f"jixiao.cli.{module}").register(scratch)
    names = [c.name or typer.main.get_command_name(c.callback.__name__) for c in scratch.registered_commands]  # type: ignore[union-attr]
    return names + [g.name for g in scratch.registered_groups if g.name]


def test_table_names_every_registered_command_once() -> None:
    found: dict[str, str] = {}
    for module in _modules():
        for name in _registered_names(module):
            assert name not in found, f"{name} registered by {found.get(name)} and {module}"
            found[name] = module
    assert found == COMMANDS


# the order in which the root module registered the command modules before the lazy group
MAIN_ORDER = (
    "parse",
    "review",
    "store",
    "export",
    "cycle",
    "library",
    "full_report",
    "serve",
    "maintain",
    "rescore",
)


def _eager() -> Any:
    """The whole tree built at once, as before the lazy group: every module registered on one app."""
    eager = typer.Typer(
        name="jixiao",
        help=app.info.help,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        cls=ChineseGroup,
        context_settings={"help_option_names": ["--help", "-h"]},
    )
    eager.registered_callback = app.registered_callback
    for module in MAIN_ORDER:
        import_module(f"jixiao.cli.{module}").register(eager)
    return eager


def _paths() -> list[list[str]]:
    root = typer.main.get_command(_eager())
    paths: list[list[str]] = [[]]
    for name, cmd in root.commands.items():  # type: ignore[attr-defined]
        paths.append([name])
        paths.extend([name, sub] for sub in getattr(cmd, "commands", {}))
    return paths


@pytest.mark.parametrize("path", _paths(), ids=lambda p: " ".join(p) or "jixiao")
def test_help_and_usage_errors_equal_the_eager_trees(path: list[str]) -> None:
    eager = _eager()
    for args in ([*path, "--help"], [*path, "--no-such-option"], [*path, "x", "y", "z"]):
        for width in ("60", "100"):
            lazy_run = runner.invoke(app, args, env={"COLUMNS": width})
            eager_run = runner.invoke(eager, args, env={"COLUMNS": width})
            assert (lazy_run.exit_code, lazy_run.stdout, lazy_run.stderr) == (
                eager_run.exit_code,
                eager_run.stdout,
                eager_run.stderr,
            ), args


def _built_functions(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> set[str]:
    """Names of the functions whose parameters Typer read to answer ``jixiao ARGS``."""
    seen: set[str] = set()
    real = typer.main.get_params_from_function

    def counting(func: Any) -> Any:
        seen.add(func.__name__)
        return real(func)

    monkeypatch.setattr(typer.main, "get_params_from_function", counting)
    result = runner.invoke(app, args, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    return seen


def test_root_help_builds_no_sub_command(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _built_functions(monkeypatch, ["--help"]) == {"_root"}


def test_a_command_builds_only_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _built_functions(monkeypatch, ["forms", "--help"]) == {"_root", "forms_command"}
    # a sub-group is built whole (Typer's group), and nothing else
    aliases = {"aliases_list", "aliases_add", "aliases_remove"}
    assert _built_functions(monkeypatch, ["aliases", "list", "--help"]) == {"_root", *aliases}
