"""Instructions per read of the sample files of one format, counted by valgrind (callgrind).

    python benchmarks/instructions.py [--passes 3] [--root DIR] [--format txt|xlsx|pdf|docx|html]

On a 2-core machine shared with other work, CPU time of one read moves by 10-40 % from run to
run (load, caches, the other core), more than one optimisation saves. The instruction count of
the interpreter does not: the same code on the same files gives the same count within ~0.1 %.
So this script reads the files of one format (``--format``, text by default) of
``tests/corpus/files``, the template examples and (text only) the seeds once to warm up, then
``--passes`` times, under callgrind, and again with no pass; the difference divided by the
passes is the count of one pass (imports and warm-up cancel out).
``--root`` puts another checkout's ``jixiao`` first on the path (a before/after in one run).
About a minute per run (valgrind slows Python ~50×); needs ``valgrind`` installed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _files(fmt: str = "txt") -> list[Path]:
    folders = (ROOT / "tests" / "corpus" / "files", ROOT.parent / "shared" / "templates" / "examples")
    samples = sorted(p for d in folders for p in d.glob(f"*.{fmt}"))
    return samples + (sorted((ROOT.parent / "shared" / "seeds").glob("*.txt")) if fmt == "txt" else [])


def _child(passes: int, fmt: str) -> None:
    """Runs inside valgrind: warm-up, then the passes."""
    from jixiao.read import ReadError, read

    files = []
    for p in _files(fmt):
        try:
            read(p)
        except ReadError:  # a sample the reader refuses (a scan without OCR …) is not timed
            continue
        files.append(p)
    for p in files:
        read(p)
    for _ in range(passes):
        for p in files:
            read(p)


def _count(passes: int, root: str | None, fmt: str) -> int:
    env = dict(os.environ)
    if root:
        env["PYTHONPATH"] = root
    with tempfile.TemporaryDirectory() as tmp:
        cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/callgrind.out", sys.executable]
        cmd += [__file__, "--child", str(passes), "--format", fmt] + (["--root", root] if root else [])
        out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stderr
    m = re.search(r"Collected : (\d+)", out)
    if m is None:
        raise SystemExit("callgrind 没有给出指令数：\n" + out[-2000:])
    return int(m.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--root", help="a checkout whose jixiao is read instead of this one")
    ap.add_argument("--format", default="txt", help="the files read: txt (default), xlsx, pdf, docx, html")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.root:
        sys.path.insert(0, args.root)
    if args.child is not None:
        _child(args.child, args.format)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("需要 valgrind（apt-get install valgrind）")
    files = _files(args.format)
    per_pass = (_count(args.passes, args.root, args.format) - _count(0, args.root, args.format)) / args.passes
    print(f"{len(files)} {args.format} files: {per_pass / 1e6:,.1f} M instructions per pass")


if __name__ == "__main__":
    main()
