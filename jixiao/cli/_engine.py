"""The ``--engine``/``--address`` options of ``import`` and ``review``: where files are read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.cli._common import fail

if TYPE_CHECKING:
    from jixiao.batch import EngineSpec

ENGINE_HELP = (
    "执行引擎：local 为本机进程（默认）；dask 为 Dask distributed 集群"
    "（不给 --address 时在本机启动 --workers 个工作进程）；ray 不支持（见说明）"
)
ADDRESS_HELP = (
    "Dask 调度器地址，如 tcp://10.0.0.5:8786（各工作机须能以同一路径读到输入文件）；仅用于 --engine dask"
)


def engine_or_fail(name: str, address: str | None) -> EngineSpec:
    """The checked engine choice; a wrong one ends the command with one Chinese line."""
    from jixiao.batch import EngineError, engine_spec

    try:
        return engine_spec(name, address)
    except EngineError as e:
        fail(str(e))
