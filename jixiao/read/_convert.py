"""Old binary office files (.doc, .wps, an .xls xlrd cannot open) converted by LibreOffice.

The user's file is copied into a private temporary folder under a fixed name and converted
there with a private profile (parallel conversions do not lock each other), so nothing is ever
written beside it. The conversion is bounded in time and its whole process group is killed on
any way out (timeout, the reader's own time limit), so no ``soffice.bin`` is left running.
The rows read from the converted file name the user's file, not the temporary one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from jixiao.read._errors import ReadError
from jixiao.read._grid import Row

__all__ = ["CONVERT_TIMEOUT_S", "converted_rows", "soffice"]

CONVERT_TIMEOUT_S = 120

_KINDS = {"docx": "Word（.docx）", "xlsx": "Excel（.xlsx）"}


def soffice() -> str | None:
    """LibreOffice's command line, if installed (``$JIXIAO_SOFFICE`` may name another or ``none``)."""
    named = os.environ.get("JIXIAO_SOFFICE")
    if named is not None:
        return None if named.lower() in ("", "none", "0") else shutil.which(named)
    return shutil.which("soffice") or shutil.which("libreoffice")


def converted_rows(path: Path, target: str, read: Callable[[Path], list[Row]], why: str) -> list[Row]:
    """The rows of ``path`` converted to ``target`` ("docx"/"xlsx") and read by ``read``.

    ``why`` says what the file is (``Word 97-2003（.doc）文档``) for the error when LibreOffice is
    missing or fails, which asks the user to save the file as ``target`` themselves.
    """
    exe = soffice()
    advice = f"请用 Word/WPS/Excel 打开后另存为 {_KINDS[target]} 再导入"
    if exe is None:
        raise ReadError(str(path), f"{why}需要 LibreOffice 转换，本机未安装；{advice}")
    with tempfile.TemporaryDirectory(prefix="jixiao-convert-") as tmp:
        folder = Path(tmp)
        src = folder / ("input" + path.suffix.lower())
        shutil.copyfile(path, src)
        out = folder / "out"
        cmd = [
            exe,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(src),
        ]
        _run(path, cmd, advice)
        produced = out / f"input.{target}"
        if not produced.is_file() or produced.stat().st_size == 0:
            raise ReadError(str(path), f"{why}无法转换（文件可能已损坏或已加密）；{advice}")
        rows = read(produced)
    return [_relabel(row, path) for row in rows]


def _run(path: Path, cmd: list[str], advice: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: killed whole below
        env=env,
    )
    try:
        proc.wait(timeout=CONVERT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise ReadError(str(path), f"LibreOffice 转换超时（{CONVERT_TIMEOUT_S} 秒）；{advice}") from None
    finally:  # also after a clean exit: a helper process it left behind goes too
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _relabel(row: Row, path: Path) -> Row:
    row.source = row.source.model_copy(update={"file": str(path)})
    return row
