"""The one error a reader raises: the file cannot be read as performance forms at all."""

from __future__ import annotations


class ReadError(Exception):
    """A file that yields no forms: empty, binary, undecodable or form-less.

    ``str(err)`` is a one-line Chinese message naming the file, fit to show a user as is.
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"无法读取 {path}：{reason}")
