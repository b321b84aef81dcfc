"""atheris harness: one reader, bytes in, a ``Document`` or a ``ReadError`` out — nothing else.

Run by ``scripts/fuzz.sh`` (``python tests/fuzz/fuzz_read.py FORMAT CORPUS_DIR -max_total_time=N``).
Any other exception, a hang past the wall-time limit or a crash is a finding: atheris saves the
input as ``crash-…``; put it in ``tests/fuzz/regressions/`` and it becomes a test.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile

import atheris

with atheris.instrument_imports(include=["jixiao"]):
    from jixiao.read import ReadError, read
    from jixiao.settings import override_limits

SUFFIX = {"text": ".txt", "xlsx": ".xlsx", "docx": ".docx", "pdf": ".pdf", "html": ".html"}
FORMAT = sys.argv.pop(1) if len(sys.argv) > 1 and sys.argv[1] in SUFFIX else "text"
WORK = tempfile.mkdtemp(prefix="jixiao-fuzz-")
PATH = os.path.join(WORK, "input" + SUFFIX[FORMAT])


def one_input(data: bytes) -> None:
    with open(PATH, "wb") as f:
        f.write(data)
    with override_limits(max_seconds=20, max_file_mb=5), contextlib.suppress(ReadError):
        read(PATH)


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
