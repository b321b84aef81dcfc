"""The ``jixiao`` command. Each sub-command lives in its own module and registers itself."""

from __future__ import annotations

from pathlib import Path

import typer

from jixiao.cli import cycle, export, full_report, library, parse, review, serve, store
from jixiao.cli._common import TEMPLATES_HELP, use_template_files
from jixiao.cli._help import ChineseGroup

app = typer.Typer(
    name="jixiao",
    help="绩效：读取、评分、审核预算绩效目标表与自评表。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=ChineseGroup,
    context_settings={"help_option_names": ["--help", "-h"]},
)


@app.callback()
def _root(
    templates: list[Path] = typer.Option(
        [],
        "--templates",
        help=TEMPLATES_HELP + "；也可用环境变量 JIXIAO_TEMPLATES",
    ),
) -> None:
    """绩效：读取、评分、审核预算绩效目标表与自评表。"""
    if templates:
        use_template_files(templates)


for _module in (parse, review, store, export, cycle, library, full_report, serve):
    _module.register(app)


def main() -> None:
    app()
