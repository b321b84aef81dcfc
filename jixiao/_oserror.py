"""An ``OSError`` said in Chinese: one table for the readers, the store and the commands.

Its own module (standard library only) so that a database command can word a failed write
without importing the readers.
"""

from __future__ import annotations

import errno

__all__ = ["os_reason"]

_REASONS = {
    errno.ENOSPC: "磁盘已满",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EROFS: "文件系统只读",
    errno.ENOENT: "文件不存在",
    errno.EISDIR: "这是一个目录",
    errno.ELOOP: "符号链接循环",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "输入输出错误",
}


def os_reason(e: OSError) -> str:
    """An ``OSError`` in Chinese (the system's own text may be English)."""
    return _REASONS.get(e.errno or 0, "操作系统错误")
