"""Command-line values without Pydantic where nothing needs it (issue 11: start-up).

Typer coerces every parameter through a Pydantic ``TypeAdapter``, built per parameter on each
run even when the option was not given: importing Pydantic and building the adapters costs a
database command about a fifth of its start. ``QuickParam`` answers what needs no adapter —
a missing value, a repeatable option not given, a text (``str``), a plain decimal integer
within its bounds — exactly as the
adapter would, and hands everything else (paths, choices, a value out of bounds, anything
unusual) to Typer's own coercion, so errors and odd values read as before.
``tests/cli/test_params.py`` compares the two on a grid of values.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["QuickParam", "install"]

_DECIMAL = re.compile(r"(?:0|-?[1-9][0-9]{0,17})\Z")  # within 64 bits: no big-number rules
_NOT_QUICK = object()


class QuickParam:
    """Stands in for Typer's ``RuntimeParam`` of one parameter; builds the real one on need."""

    def __init__(self, param: Any) -> None:
        self._param = param
        self._real: Any = None

    def real(self) -> Any:
        """Typer's own coercion of the parameter (Pydantic), made once."""
        if self._real is None:
            from typer._coercion import build_runtime_param

            self._real = build_runtime_param(self._param.type_descriptor)
        return self._real

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        multi = param.multiple or param.nargs == -1
        if value is None:  # as ``RuntimeParam.coerce``: nothing to convert
            return () if multi else None
        if multi:
            quick = empty_list(param.type_descriptor, value)
        else:
            quick = quick_value(param.type_descriptor, value)
        if quick is not _NOT_QUICK:
            return quick
        return self.real().coerce(value, param=param, ctx=ctx)


def empty_list(descriptor: Any, value: Any) -> Any:
    """A repeatable option given no value: the adapter of a ``list[...]`` makes it ``[]``."""
    plain = getattr(descriptor.parameter_info, "parser", None) is None and descriptor.file_annotation is None
    if plain and value in ((), []) and getattr(descriptor.annotation, "__origin__", None) is list:
        return []
    return _NOT_QUICK


def quick_value(descriptor: Any, value: Any) -> Any:
    """The value as Typer's adapter returns it, or ``_NOT_QUICK`` when only the adapter knows."""
    info = descriptor.parameter_info
    annotation = descriptor.annotation
    if getattr(info, "parser", None) is not None or descriptor.file_annotation is not None:
        return _NOT_QUICK
    if annotation is str and isinstance(value, str):
        return value
    if annotation is int and not getattr(info, "clamp", False):
        if isinstance(value, bool):
            return _NOT_QUICK
        if isinstance(value, int):
            number = value
        elif isinstance(value, str) and _DECIMAL.match(value):
            number = int(value)
        else:
            return _NOT_QUICK
        low, high = getattr(info, "min", None), getattr(info, "max", None)
        if (low is not None and number < low) or (high is not None and number > high):
            return _NOT_QUICK  # the adapter's own message
        return number
    return _NOT_QUICK


def install(command: Any, ctx: Any) -> None:
    """Give each Typer parameter of ``command`` not yet coerced a ``QuickParam``.

    Only parameters that carry Typer's lazy ``_runtime_param`` slot and a type descriptor; any
    other (a Typer without them) keeps its own coercion.
    """
    for param in command.get_params(ctx):  # the help option too, made for the context
        if getattr(param, "_runtime_param", _NOT_QUICK) is None and hasattr(param, "type_descriptor"):
            param._runtime_param = QuickParam(param)
