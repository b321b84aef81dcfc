"""The root command's sub-commands, built only when asked for (issue 11: start-up < 0.3 s).

Typer builds a Click command by evaluating every annotation of its function twice (about
1,350 string annotations for the whole tree) and the tree needs every command module
imported. ``jixiao forms`` needs one command, ``jixiao --help`` needs the names and the first
paragraph of each help text. So the root group knows only which module adds which command
(``COMMANDS``); asked for a command, it imports that one module, lets it register its commands
on a Typer app of its own, and builds only the one asked for. The help listing reads the
registered help texts without building anything. ``tests/cli/test_lazy.py`` holds ``COMMANDS``
to what the modules register (names, order, nothing missing), so the listing cannot go stale.
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any

import typer
from typer.main import get_command_from_info, get_command_name, get_group_from_info, solve_typer_info_defaults
from typer.models import CommandInfo, TyperInfo

from jixiao.cli._help import ChineseGroup, as_chinese

__all__ = ["COMMANDS", "LazyGroup", "registered"]

# Every sub-command of ``jixiao`` in the order of the help listing, with the module
# (``jixiao.cli.<module>``) whose ``register`` adds it.
COMMANDS: dict[str, str] = {
    "parse": "parse",
    "review": "review",
    "import": "store",
    "forms": "store",
    "show": "store",
    "stats": "store",
    "export": "export",
    "link": "cycle",
    "rollup": "cycle",
    "history": "cycle",
    "compare": "cycle",
    "report": "full_report",
    "serve": "serve",
    "upgrade": "maintain",
    "verify": "maintain",
    "original": "maintain",
    "backup": "maintain",
    "restore": "maintain",
    "prune-cache": "maintain",
    "rescore": "rescore",
    "aliases": "store",
    "library": "library",
    "user": "serve",
}

_APPS: dict[str, typer.Typer] = {}


def registered(module: str) -> typer.Typer:
    """A Typer app holding what ``jixiao.cli.<module>`` registers (imported on first call)."""
    if module not in _APPS:
        app = typer.Typer()
        importlib.import_module(f"jixiao.cli.{module}").register(app)
        _APPS[module] = app
    return _APPS[module]


def _info(name: str) -> CommandInfo | TyperInfo | None:
    """What the command's module registered under ``name`` (nothing is built)."""
    module = COMMANDS.get(name)
    if module is None:
        return None
    app = registered(module)
    for info in app.registered_commands:
        if (info.name or get_command_name(info.callback.__name__)) == name:  # type: ignore[union-attr]
            return info
    for group in app.registered_groups:
        if group.name == name:
            return group
    return None


class LazyGroup(ChineseGroup):
    """The root group: sub-commands listed from ``COMMANDS``, built on first use."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands:
            info = _info(cmd_name)
            if info is None:
                return None
            if isinstance(info, CommandInfo):
                cmd: Any = get_command_from_info(
                    info, pretty_exceptions_short=True, rich_markup_mode=self.rich_markup_mode
                )
            else:
                cmd = get_group_from_info(
                    info,
                    pretty_exceptions_short=True,
                    rich_markup_mode=self.rich_markup_mode,
                    suggest_commands=self.suggest_commands,
                )
            self.commands[cmd_name] = as_chinese(cmd)
        return self.commands[cmd_name]

    def listing(self, ctx: Any) -> list[tuple[str, str]]:
        """(name, help text) of every visible sub-command, as a built command would have them."""
        rows = []
        for name in self.list_commands(ctx):
            if name in self.commands:
                cmd = self.commands[name]
                hidden, text = cmd.hidden, cmd.help
            else:
                info = _info(name)
                if info is None:
                    continue
                if isinstance(info, CommandInfo):
                    hidden = info.hidden
                    text = inspect.getdoc(info.callback) if info.help is None else inspect.cleandoc(info.help)
                else:
                    solved = solve_typer_info_defaults(info)
                    hidden, text = solved.hidden, solved.help
            if not hidden:
                rows.append((name, text or ""))
        return rows
