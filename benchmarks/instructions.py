"""Instructions per read of the sample text files, counted by valgrind (callgrind).

    python benchmarks/instructions.py [--passes 3] [--root DIR]

On a 2-core machine shared with other work, CPU time of one read moves by 10-40 % from run to
run (load, caches, the other core), more than one optimisation saves. The instruction count of
the interpreter does not: the same code on the same files gives the same count within ~0.1 %.
So this script reads the text files of ``tests/corpus/files``, the template examples and the
seeds once to warm up, then ``--passes`` times, under callgrind, and again with no pass; the
difference divided by the passes is the count of one pass (imports and warm-up cancel out).
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _files() -> list[Path]:
    folders = (ROOT / "tests" / "corpus" / "files", ROOT.parent / "shared" / "templates" / "examples")
    samples = sorted(p for d in folders for p in d.glob("*.txt"))
    return samples + sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))


def _child(passes: int) -> None:
    """Runs inside valgrind: warm-up, then the passes."""
    from jixiao.read import read

    files = _files()
    for p in files:
        read(p)
    for _ in range(passes):
        for p in files:
            read(p)


def _count(passes: int, root: str | None) -> int:
    env = dict(os.environ)
    if root:
        env["PYTHONPATH"] = root
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable]
    cmd += [__file__, "--child", str(passes)] + (["--root", root] if root else [])
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stderr
    m = re.search(r"Collected : (\d+)", out)
    if m is None:
        raise SystemExit("callgrind 没有给出指令数：\n" + out[-2000:])
    return int(m.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--root", help="a checkout whose jixiao is read instead of this one")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.root:
        sys.path.insert(0, args.root)
    if args.child is not None:
        _child(args.child)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("需要 valgrind（apt-get install valgrind）")
    files = _files()
    per_pass = (_count(args.passes, args.root) - _count(0, args.root)) / args.passes
    print(f"{len(files)} text files: {per_pass / 1e6:,.1f} M instructions per pass")


if __name__ == "__main__":
    main()
