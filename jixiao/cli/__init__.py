"""The ``jixiao`` command. Each sub-command lives in its own module and registers itself;
the root group (``_lazy.LazyGroup``) imports that module only when the command is used."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from jixiao.cli._common import TEMPLATES_HELP, err, fail, use_template_files
from jixiao.cli._lazy import LazyGroup

app = typer.Typer(
    name="jixiao",
    help="绩效：读取、评分、审核预算绩效目标表与自评表。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=LazyGroup,
    context_settings={"help_option_names": ["--help", "-h"]},
)


@app.callback()
def _root(
    limit: Annotated[
        list[str] | None,
        typer.Option(
            "--limit",
            help="读取限制，名称=值，可重复，如 --limit max_file_mb=50（全部限制见 README；"
            "也可写在 jixiao.toml 的 [limits] 或环境变量 JIXIAO_LIMIT_名称）",
        ),
    ] = None,
    templates: list[Path] = typer.Option(
        [],
        "--templates",
        metavar="文件",
        help=TEMPLATES_HELP + "；也可用环境变量 JIXIAO_TEMPLATES",
    ),
) -> None:
    """绩效：读取、评分、审核预算绩效目标表与自评表。"""
    from jixiao.settings import SettingsError, limits, set_limits

    try:
        set_limits(limit or [])
        limits()
    except SettingsError as e:
        fail(str(e))
    if templates:
        use_template_files(templates)


def main() -> None:
    """Run the app; whatever escapes a command is still one Chinese line, never a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("已中断", markup=False, highlight=False)
        sys.exit(130)
    except BrokenPipeError:  # ``jixiao forms | head``
        sys.exit(0)
    except MemoryError:
        err.print("错误：内存不足，操作未完成", markup=False, highlight=False)
        sys.exit(3)
    except Exception as e:  # a bug: say so in one line (JIXIAO_DEBUG=1 shows the traceback)
        import os

        if os.environ.get("JIXIAO_DEBUG"):
            raise
        err.print(
            f"错误：内部错误（{type(e).__name__}），操作未完成；请报告此问题", markup=False, highlight=False
        )
        sys.exit(3)
