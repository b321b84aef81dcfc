"""Measure the reading of TAB text forms flattened onto one line (every line break lost).

    .venv/bin/python benchmarks/oneline_flat.py [DIR] [--out TMPDIR] [--show NAME]

Each ``*.txt`` of DIR (default ``tests/corpus_wuhan/files``) is written as one line: every
line's cells (split at TAB, then at spaces) joined by a space, lines joined by a space — what
a copy that lost its line breaks gives. The answers and planted errors are copied beside it and
``tests/corpus/measure.py`` compares the reading with them. Measurement only.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus.measure import report  # noqa: E402


def flatten(text: str) -> str:
    """Every cell of every line, in order, on one line."""
    return " ".join(tok for line in text.splitlines() for cell in line.split("\t") for tok in cell.split())


def build(src: Path, out: Path) -> int:
    """Write the flattened copies of ``src``'s text forms and their answers into ``out``."""
    n = 0
    for path in sorted(src.glob("*.txt")):
        answer = path.with_name(path.stem + ".answer.json")
        if not answer.exists():
            continue
        (out / path.name).write_text(flatten(path.read_text(encoding="utf-8")) + "\n", encoding="utf-8")
        shutil.copy(answer, out / answer.name)
        errors = path.with_name(path.stem + ".errors.json")
        if errors.exists():
            shutil.copy(errors, out / errors.name)
        n += 1
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", type=Path, default=ROOT / "tests/corpus_wuhan/files")
    ap.add_argument("--out", type=Path, help="keep the flattened copies here")
    ap.add_argument("--show", help="print the wrong fields of documents whose name contains this")
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="oneline-"))
    out.mkdir(parents=True, exist_ok=True)
    print(f"{build(args.folder, out)} flattened text forms in {out}")
    report(out, "family", args.show)


if __name__ == "__main__":
    main()
