"""Help screens and usage errors in Chinese, whole at any terminal width.

Typer's help panels cut option help at the column end (“…”) and its vendored Click has
English strings with no translation hook ("Usage:", "Show this message and exit.",
"Missing argument", "No such option"), so the commands use these two classes: they lay out
the help from the parameters themselves (names, Chinese value names, defaults, whether
required) and turn each Click usage error into one Chinese line. Nothing global is patched.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.cells import cell_len
from typer.core import TyperCommand, TyperGroup

from jixiao._wrap import wrap_text

__all__ = ["ChineseCommand", "ChineseGroup", "as_chinese", "chinese_error"]

HELP_TEXT = "显示本帮助并退出"
_MAX_WIDTH = 100  # wider help is harder to read, not easier

# Chinese names of value types, shown where Typer shows <str>, <int>, <path> …
_TYPE_NAMES: dict[Any, str] = {str: "文本", int: "整数", float: "数值", Path: "路径"}


def _width() -> int:
    return min(shutil.get_terminal_size((80, 24)).columns, _MAX_WIDTH)


def _descriptor(param: Any) -> Any:
    return getattr(param, "type_descriptor", None)


def _choices(param: Any) -> list[str]:
    desc = _descriptor(param)
    if desc is None or not desc.is_choice:
        return []
    return [c.value if isinstance(c, Enum) else str(c) for c in desc.choices or ()]


def _annotation(param: Any) -> Any:
    desc = _descriptor(param)
    ann = getattr(desc, "annotation", None)
    args = getattr(ann, "__args__", None)
    if args and getattr(ann, "__origin__", None) is list:
        return args[0]
    return ann


def value_name(param: Any) -> str:
    """What a parameter's value is called in help and usage: 文件, 整数, json|table …"""
    if getattr(param, "metavar", None):
        return str(param.metavar)
    choices = _choices(param)
    if choices:
        return "|".join(choices)
    ann = _annotation(param)
    desc = _descriptor(param)
    if desc is not None and desc.is_path:
        return "路径"
    return _TYPE_NAMES.get(ann, "值")


def _is_flag(param: Any) -> bool:
    return bool(getattr(param, "is_flag", False)) or _annotation(param) is bool


def _is_argument(param: Any) -> bool:
    return getattr(param, "param_type_name", "") == "argument"


def _is_list(param: Any) -> bool:
    desc = _descriptor(param)
    return bool(desc is not None and desc.is_list) or getattr(param, "nargs", 1) == -1


def _default_text(param: Any) -> str | None:
    if param.required or _is_argument(param) or not getattr(param, "show_default", True):
        return None
    default = param.default
    if default is None or default is False or default == [] or callable(default):
        return None
    if isinstance(default, Enum):
        return str(default.value)
    return str(default)


def _range_text(param: Any) -> str | None:
    info = getattr(_descriptor(param), "parameter_info", None)
    low, high = getattr(info, "min", None), getattr(info, "max", None)
    if low is not None and high is not None:
        return f"{low}–{high}"
    if low is not None:
        return f"≥{low}"
    if high is not None:
        return f"≤{high}"
    return None


def usage_line(ctx: typer.Context) -> str:
    """用法：jixiao export [选项] [文件]"""
    cmd = ctx.command
    parts = [ctx.command_path, "[选项]"]
    for p in cmd.get_params(ctx):
        if _is_argument(p):
            name = value_name(p) + ("…" if _is_list(p) else "")
            parts.append(name if p.required else f"[{name}]")
    if isinstance(cmd, TyperGroup):
        parts.append("命令 [参数]…")
    return "用法：" + " ".join(parts)


def _names(param: Any) -> str:
    names = ", ".join(sorted(param.opts, key=len)) if param.opts else ""
    if param.secondary_opts:
        names += " / " + ", ".join(param.secondary_opts)
    if not _is_flag(param):
        names += f" {value_name(param)}"
    return names


def _param_help(param: Any, is_help: bool) -> str:
    text = HELP_TEXT if is_help else (getattr(param, "help", None) or "")
    extra = []
    choices = _choices(param)
    if choices and not all(c in text for c in choices):
        extra.append("可选：" + "、".join(choices))
    if (rng := _range_text(param)) is not None:
        extra.append(f"取值 {rng}")
    if (default := _default_text(param)) is not None:
        extra.append(f"默认：{default}")
    if param.required:
        extra.append("必填")
    if extra:
        text = (text + " " if text else "") + "［" + "；".join(extra) + "］"
    return text


def _two_columns(rows: list[tuple[str, str]], width: int) -> list[str]:
    """Names on the left, their help wrapped on the right; a long name puts its help below it."""
    left = max((cell_len(name) for name, _ in rows), default=0)
    room = width - left - 4
    lines: list[str] = []
    if room < width * 2 // 5:  # names too long for a column: help on the lines below
        for name, text in rows:
            lines.append("  " + name)
            lines += ["      " + x for x in wrap_text(text, width - 6)] if text else []
        return lines
    for name, text in rows:
        parts = wrap_text(text, room) if text else [""]
        pad = " " * (left - cell_len(name))
        lines.append(("  " + name + pad + "  " + parts[0]).rstrip())
        lines += [" " * (left + 4) + x for x in parts[1:]]
    return lines


def render_help(ctx: typer.Context) -> str:
    """The whole help screen of a command or group, wrapped (never cut) to the terminal."""
    cmd = ctx.command
    width = _width()
    lines = [usage_line(ctx), ""]
    for para in (cmd.help or "").strip().split("\n\n"):
        if para.strip():
            lines += ["  " + x for x in wrap_text(" ".join(para.split("\n")), width - 2)]
            lines.append("")
    help_names = set(ctx.help_option_names)
    params = [p for p in cmd.get_params(ctx) if not getattr(p, "hidden", False)]
    args = [p for p in params if _is_argument(p)]
    opts = [p for p in params if not _is_argument(p)]
    if args:
        lines.append("参数")
        rows = [(value_name(p) + ("…" if _is_list(p) else ""), _param_help(p, False)) for p in args]
        lines += _two_columns(rows, width)
        lines.append("")
    if opts:
        lines.append("选项")
        rows = [(_names(p), _param_help(p, bool(set(p.opts) & help_names))) for p in opts]
        lines += _two_columns(rows, width)
        lines.append("")
    if isinstance(cmd, TyperGroup):
        lines.append("命令")
        rows = [(name, text.strip().split("\n\n")[0].replace("\n", " ")) for name, text in _listing(cmd, ctx)]
        lines += _two_columns(rows, width)
        lines += ["", f"每个命令的用法：{ctx.command_path} 命令 --help", ""]
    return "\n".join(lines).rstrip() + "\n"


def _listing(group: Any, ctx: Any) -> list[tuple[str, str]]:
    """(name, help) of a group's visible commands; the root group answers without building them."""
    if hasattr(group, "listing"):
        return group.listing(ctx)  # type: ignore[no-any-return]
    rows = []
    for name in group.list_commands(ctx):
        sub = group.get_command(ctx, name)
        if sub is not None and not sub.hidden:
            rows.append((name, sub.help or ""))
    return rows


# --- usage errors ----------------------------------------------------------------------------

_REPR = r"'((?:[^'\\]|\\.)*)'"


def _param_label(param: Any) -> str:
    if param is None:
        return "参数"
    if _is_argument(param):
        return f"参数“{value_name(param)}”"
    return f"选项 {max(param.opts, key=len)}"


def _bad_value(message: str) -> str | None:
    m = re.search(_REPR + r" is not (?:one of|a valid)", message) or re.search(r"Value " + _REPR, message)
    if m:
        return m[1]
    m = re.search(r"[Ii]nput should be .*? \[type=\w+, input_value=" + _REPR, message)
    return m[1] if m else None


def chinese_error(e: typer.BadParameter | Exception) -> str:
    """One Chinese sentence for a Click usage error."""
    from typer._click import exceptions as ce

    if isinstance(e, ce.MissingParameter):
        p = e.param
        if p is not None and _is_argument(p):
            return f"缺少参数“{value_name(p)}”"
        if p is not None:
            return f"缺少{_param_label(p)} 的值"
        return "缺少参数"
    if isinstance(e, ce.NoSuchOption):
        text = f"没有这个选项：{e.option_name}"
        if e.possibilities:
            text += "（是否想用 " + "、".join(sorted(e.possibilities)) + "？）"
        return text
    if isinstance(e, ce.BadOptionUsage):
        if "requires an argument" in e.message or "requires" in e.message:
            return f"选项 {e.option_name} 后面需要一个值"
        if "does not take a value" in e.message:
            return f"选项 {e.option_name} 不带值"
        return f"选项 {e.option_name} 用法不对"
    if isinstance(e, ce.BadParameter):
        p = e.param
        value = _bad_value(e.message)
        shown = f"“{value}”" if value is not None else ""
        choices = _choices(p)
        if choices:
            return f"{_param_label(p)} 的值{shown}无效，可选：{'、'.join(choices)}"
        rng = _range_text(p) if p is not None else None
        msg = e.message
        if "valid integer" in msg or (_annotation(p) is int and "valid" in msg):
            return f"{_param_label(p)} 的值{shown}应为整数" + (f"（{rng}）" if rng else "")
        if "valid number" in msg or "valid float" in msg:
            return f"{_param_label(p)} 的值{shown}应为数值" + (f"（{rng}）" if rng else "")
        if re.search(r"greater than|less than|range", msg):
            return f"{_param_label(p)} 的值{shown}超出范围" + (f"（应{rng}）" if rng else "")
        return f"{_param_label(p)} 的值{shown}无效"
    if isinstance(e, ce.UsageError):
        msg = e.message
        if m := re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", msg):
            return f"多余的参数：{m[1]}"
        if m := re.match(r"No such command " + _REPR, msg):
            return f"没有这个命令：{m[1]}"
        if msg.startswith("Missing command"):
            return "缺少命令"
        return f"命令行用法有误（{msg}）"
    return str(e)


def _fail_usage(e: Exception, prog: str) -> NoReturn:
    from typer._click import exceptions as ce

    from jixiao.cli._console import LazyConsole

    err = LazyConsole(stderr=True)
    ctx = getattr(e, "ctx", None)
    if isinstance(e, ce.NoArgsIsHelpError) and ctx is not None:
        sys.stdout.write(render_help(ctx))
        sys.exit(e.exit_code)
    if err.plain():
        err.styled("错误：" + chinese_error(e))
    else:
        from rich.text import Text

        err.rich().print(Text.assemble(("错误", "bold red"), "：" + chinese_error(e)))
    if ctx is not None:
        err.styled(usage_line(ctx))
        names = ctx.help_option_names or ["--help"]
        err.styled(f"运行“{ctx.command_path} {names[0]}”查看帮助。")
    else:  # the parser does not always say which command it was parsing
        err.styled(f"运行“{prog} --help”查看帮助。")
    sys.exit(getattr(e, "exit_code", 2))


class _Chinese:
    """Shared by the command and the group: Chinese help and Chinese usage errors."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        formatter.write(render_help(ctx))

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Plain values without Pydantic (``_params``), then Typer's parsing."""
        from jixiao.cli._params import install

        install(self, ctx)
        return super().parse_args(ctx, args)  # type: ignore[misc, no-any-return]

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        from typer._click import exceptions as ce
        from typer.exceptions import Abort

        try:
            rv = super().main(  # type: ignore[misc]
                args=args, prog_name=prog_name, complete_var=complete_var, standalone_mode=False, **extra
            )
        except ce.ClickException as e:
            if not standalone_mode:
                raise
            _fail_usage(e, prog_name or getattr(self, "name", None) or "jixiao")
        except Abort:
            if not standalone_mode:
                raise
            from jixiao.cli._console import LazyConsole

            LazyConsole(stderr=True).print("已取消。")
            sys.exit(1)
        if not standalone_mode:
            return rv
        sys.exit(rv if isinstance(rv, int) else 0)


class ChineseCommand(_Chinese, TyperCommand):
    pass


class ChineseGroup(_Chinese, TyperGroup):
    """The root group; every command under it gets the Chinese help, whichever module added it
    (a command registered without ``cls=ChineseCommand`` is given that class here)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, cmd in list(self.commands.items()):
            self.commands[name] = as_chinese(cmd)

    def add_command(self, cmd: Any, name: str | None = None) -> None:
        super().add_command(as_chinese(cmd), name)


def as_chinese(cmd: Any) -> Any:
    """The same command as a Chinese one: Typer's command classes hold nothing but their
    attributes, which the new object takes over unchanged."""
    if type(cmd) is TyperCommand:
        new: Any = ChineseCommand.__new__(ChineseCommand)
    elif type(cmd) is TyperGroup:
        new = ChineseGroup.__new__(ChineseGroup)
    else:
        return cmd
    new.__dict__.update(cmd.__dict__)
    if isinstance(new, TyperGroup):
        new.commands = {name: as_chinese(sub) for name, sub in new.commands.items()}
    return new
