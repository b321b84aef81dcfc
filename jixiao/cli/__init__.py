"""The ``jixiao`` command. Each sub-command lives in its own module and registers itself."""

from __future__ import annotations

import typer

from jixiao.cli import export, parse, review, serve, store

app = typer.Typer(
    name="jixiao",
    help="绩效：读取、评分、审核预算绩效目标表与自评表。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """绩效：读取、评分、审核预算绩效目标表与自评表。"""


for _module in (parse, review, store, export, serve):
    _module.register(app)


def main() -> None:
    app()
