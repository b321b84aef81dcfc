"""Per-file jobs for the engine tests: importable by the cluster's worker processes."""

from __future__ import annotations

import os
from typing import Any


def echo(path: str, arg: Any) -> str:
    return f"{arg}:{path}"


def die_on_marked(path: str, arg: Any) -> str:
    """Kills its worker process on a path containing ``die``, as an out-of-memory kill would."""
    if "die" in path:
        os._exit(1)
    return path


def raise_on_marked(path: str, arg: Any) -> str:
    if "boom" in path:
        raise RuntimeError("job failed")
    return path
