"""Output files appear whole or not at all, and never over another silently.

A temporary file next to the target is written, flushed to disk and then renamed into place, so
a crash or a full disk never leaves half a file; it gets the permissions a normal file gets under
the user's umask (``mkstemp`` makes 0600 files, which a colleague on a shared drive could not
open). The one implementation for writers, exports, backups and originals alike.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["OutputExistsError", "atomic_output", "atomic_path", "write_bytes", "write_text"]


class OutputExistsError(FileExistsError):
    """The target exists and replacing it was not asked for; ``str(err)`` is a Chinese message."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"输出文件已存在：{path}（如需覆盖请加 --force，或用 -o 指定其他文件名）")
        self.path = path


def _file_mode() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def atomic_output(path: str | Path, *, overwrite: bool = True) -> Iterator[Path]:
    """Yield a temporary path to write; on success it becomes ``path`` (``OutputExistsError`` if
    ``path`` exists and ``overwrite`` is false)."""
    out = Path(path)
    if not overwrite and out.exists():
        raise OutputExistsError(out)
    folder = out.parent if str(out.parent) else Path(".")
    fd, name = tempfile.mkstemp(prefix=f".{out.stem}.", suffix=out.suffix or ".part", dir=folder)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with tmp.open("rb+") as f:
            os.fsync(f.fileno())
        os.chmod(tmp, _file_mode())
        if overwrite:
            os.replace(tmp, out)
        else:
            try:
                os.link(tmp, out)  # fails if someone created the file meanwhile
            except FileExistsError:
                raise OutputExistsError(out) from None
            except OSError:  # a file system without hard links
                if out.exists():
                    raise OutputExistsError(out) from None
                os.replace(tmp, out)
    finally:
        if tmp.exists():
            tmp.unlink()


atomic_path = atomic_output


def write_bytes(path: str | Path, data: bytes, *, overwrite: bool = True) -> Path:
    with atomic_output(path, overwrite=overwrite) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_text(path: str | Path, text: str, *, overwrite: bool = True) -> Path:
    with atomic_output(path, overwrite=overwrite) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)
