"""The benchmark suite: every figure of issue 11 in one run, side by side with the bare libraries.

    python -m benchmarks [--quick] [--out benchmarks/results]

Writes ``results.md`` (a Markdown table of figures and ratios) and, when matplotlib is
installed (``pip install -e .[bench]``), ``growth.png`` (forms vs CPU time and vs peak memory).
Times are CPU seconds of this process (``time.process_time``), not wall time: on a shared
machine they vary far less. ``--quick`` keeps the run under five minutes.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks._common import DB_COMMANDS, best_cpu

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
SAMPLES = (ROOT / "tests" / "corpus" / "files", ROOT.parent / "shared" / "templates" / "examples")
FORMATS = (".txt", ".xlsx", ".docx", ".html", ".pdf")


def _openpyxl_every_cell(p: Path) -> None:
    """openpyxl's fastest read: read-only, values only, every cell of every sheet visited."""
    import openpyxl

    wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    try:
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    cell.value  # noqa: B018 - the read is the point
    finally:
        wb.close()


def _bare(suffix: str) -> list[tuple[str, Callable[[Path], object]]]:
    """The bare library's own read of a file (label, function): what a script would do first."""
    if suffix == ".xlsx":  # both openpyxl modes: the fastest, and the default a script uses
        import openpyxl

        return [
            ("openpyxl `load_workbook(read_only=True)` + every cell", _openpyxl_every_cell),
            ("openpyxl `load_workbook` (full)", lambda p: openpyxl.load_workbook(p, data_only=True)),
        ]
    if suffix == ".docx":
        import docx

        return [("python-docx `Document`", lambda p: docx.Document(str(p)))]
    if suffix == ".pdf":  # pypdfium2, the engine jixiao reads PDF with, and pdfplumber it replaced
        from benchmarks.parse import bare_pdfium, bare_pdfplumber

        return [
            ("pypdfium2 open + text of every page", bare_pdfium),
            ("pdfplumber `extract_text`", bare_pdfplumber),
        ]
    if suffix == ".html":
        import lxml.html

        return [("lxml.html `parse`", lambda p: lxml.html.parse(str(p)))]
    return [("`read_text().splitlines()`", lambda p: p.read_text(encoding="utf-8").splitlines())]


def per_format(rounds: int) -> list[tuple[str, int, int, float, float, str]]:
    """(format, files, forms, jixiao CPU s, bare library CPU s, bare library) over the sample files.

    A format with two bare reads (XLSX: openpyxl read-only and full; PDF: pypdfium2 and
    pdfplumber) has a row for each, timed in the same run.
    """
    from jixiao.read import ReadError, read

    rows = []
    for suffix in FORMATS:
        files = sorted(p for d in SAMPLES for p in d.glob(f"*{suffix}"))
        ok: list[Path] = []
        forms = 0
        for p in files:
            try:
                forms += len(read(p).forms)
                ok.append(p)
            except ReadError:
                continue
        if not ok:
            continue
        ours = best_cpu(lambda ok=ok: [read(p) for p in ok], rounds)
        for label, bare in _bare(suffix):
            theirs = best_cpu(lambda ok=ok, bare=bare: [bare(p) for p in ok], rounds)
            rows.append((suffix.lstrip("."), len(ok), forms, ours, theirs, label))
    return rows


def linearity(sizes: list[int]) -> list[tuple[int, int, float, float]]:
    """(copies, forms, CPU s in separate files, CPU s in one file) for read + review."""
    from jixiao.read import read
    from jixiao.review import review_document

    seeds = sorted(SEEDS.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            big = Path(tmp) / f"all{n}.txt"
            big.write_text("\n\n".join(texts * n), encoding="utf-8")

            def separate(n: int = n) -> int:
                return sum(len(review_document(read(p)).scorecards) for _ in range(n) for p in seeds)

            def one(big: Path = big) -> int:
                return len(review_document(read(big)).scorecards)

            forms = len(read(big).forms)
            # large sizes once, unwarmed (the imports and caches were warmed by the smaller ones)
            out.append((n, forms, best_cpu(separate, 1, warm=n < 20), best_cpu(one, 1, warm=n < 20)))
    return out


def _run(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """(wall s, CPU s, peak RSS MB) of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss // 1024


def jixiao_exe() -> str:
    exe = Path(sys.executable).with_name("jixiao")
    return str(exe) if exe.exists() else "jixiao"


# The commands a user types against a database (queries and upkeep), besides ``--help``.


def startup(runs: int = 5) -> list[tuple[str, float, float, float]]:
    """(command, best wall s, best CPU s, load average) of ``jixiao --help``, every command's
    ``--help`` (the root group builds only the one asked for) and every database command."""
    from jixiao.cli._lazy import COMMANDS

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "j.db")
        seed = str(sorted(SEEDS.glob("*.txt"))[0])
        subprocess.run([jixiao_exe(), "import", seed, "--db", db], check=True, capture_output=True)
        commands = [("jixiao --help", ["--help"])]
        commands += [(f"jixiao {name} --help", [name, "--help"]) for name in COMMANDS]
        commands += [(f"jixiao {' '.join(c)} --db …", [*c, "--db", db]) for c in DB_COMMANDS]
        for label, args in commands:
            times = [_run([jixiao_exe(), *args]) for _ in range(runs)]
            out.append((label, min(r[0] for r in times), min(r[1] for r in times), os.getloadavg()[0]))
    return out


def _single_form_samples() -> list[tuple[Path, int]]:
    """The sample files of one form each, of every text-like and office format, with their count."""
    from jixiao.read import ReadError, read

    out = []
    for p in sorted(p for d in SAMPLES for p in d.iterdir() if p.suffix in FORMATS):
        try:
            n = len(read(p).forms)
        except ReadError:
            continue
        if n:
            out.append((p, n))
    return out


def memory(counts: list[int]) -> list[tuple[int, int, float, int]]:
    """(files, forms, CPU s, peak RSS MB) of ``jixiao review --format json FOLDER`` over a folder of
    ``n`` files (hard links to the sample files, every format): time should grow linearly with the
    files and memory not at all."""
    samples = _single_form_samples()
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        made = forms = 0
        for n in counts:
            while made < n:
                src, k = samples[made % len(samples)]
                dst = folder / f"{made:07d}{src.suffix}"
                os.link(src, dst) if hasattr(os, "link") else dst.write_bytes(src.read_bytes())
                made += 1
                forms += k
            # each count in its own child, so the peak is that run's own
            code = (
                "import resource, subprocess, sys\n"
                "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
                "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
                "print(r.ru_utime + r.ru_stime, r.ru_maxrss // 1024)\n"
            )
            done = subprocess.run(
                [sys.executable, "-c", code, jixiao_exe(), "review", "--format", "json", str(folder)],
                check=True,
                capture_output=True,
                text=True,
            )
            cpu, rss = done.stdout.split()
            out.append((n, forms, float(cpu), int(rss)))
    return out


def _child(args: list[str]) -> tuple[float, int]:
    """(CPU s, peak RSS MB) of one command run in a child of its own, so the peak is its own."""
    code = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
        "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(r.ru_utime + r.ru_stime, r.ru_maxrss // 1024)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True)
    cpu, rss = done.stdout.split()
    return float(cpu), int(rss)


HUGE_COMMANDS = ("parse", "review -f json", "import (SQLite)")


def huge_file(copies: list[int]) -> list[tuple[int, dict[str, tuple[float, int]]]]:
    """(forms, {command: (CPU s, peak RSS MB)}) of ``parse``, ``review -f json`` and ``import``
    of ONE text file of the seeds concatenated ``copies`` times: memory should not grow with the
    forms of the file (its forms are kept on disk and gone through one by one)."""
    from jixiao.read import read

    seeds = sorted(SEEDS.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    per_copy = sum(len(read(p).forms) for p in seeds)
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in copies:
            big = Path(tmp) / f"all{n}.txt"
            big.write_text("\n\n".join(texts * n), encoding="utf-8")
            db = Path(tmp) / f"all{n}.db"
            runs = {
                "parse": _child([jixiao_exe(), "parse", str(big)]),
                "review -f json": _child([jixiao_exe(), "review", "--format", "json", str(big)]),
                "import (SQLite)": _child([jixiao_exe(), "import", str(big), "--db", str(db)]),
            }
            out.append((n * per_copy, runs))
            big.unlink()
            db.unlink()
    return out


def report(out: Path, quick: bool) -> str:
    rounds = 1 if quick else 3
    lines = ["# jixiao benchmarks", "", f"CPU seconds on this machine ({os.cpu_count()} cores), one process."]
    lines.append("")
    lines += [
        "## Reading, per format (jixiao vs the bare library reading the same files)",
        "",
        "| format | files | forms | jixiao forms/s | jixiao ms/file | bare library | bare ms/file | ratio |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
    ]
    for fmt, files, forms, ours, theirs, bare in per_format(rounds):
        lines.append(
            f"| {fmt} | {files} | {forms} | {forms / ours:,.0f} | {ours / files * 1000:.1f} | {bare} | "
            f"{theirs / files * 1000:.1f} | {ours / theirs:.2f}× |"
        )
    # copies of the seeds (45 forms each): up to ~10^3 forms in one file quick, ~10^4 in full
    sizes = [1, 5, 22] if quick else [1, 5, 22, 67, 222]
    lin = linearity(sizes)
    lines += [
        "",
        "## One document of N forms vs N forms in separate files (read + review)",
        "",
        "| forms | separate files s | one file s | one / separate |",
        "| ---: | ---: | ---: | ---: |",
    ]
    lines += [f"| {forms} | {sep:.2f} | {one:.2f} | {one / sep:.2f} |" for _, forms, sep, one in lin]
    counts = [10, 100, 1000] if quick else [10, 100, 1_000, 10_000, 100_000]
    mem = memory(counts)
    lines += [
        "",
        "## `jixiao review --format json FOLDER` over a folder of many files (memory stays flat)",
        "",
        "| files | forms | CPU s | forms/s | peak RSS MB |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [f"| {n} | {forms} | {cpu:.1f} | {forms / cpu:,.0f} | {rss} |" for n, forms, cpu, rss in mem]
    huge = huge_file([22] if quick else [22, 222])  # ~10^3 forms in one file quick, ~10^4 in full
    lines += [
        "",
        "## One text file of N forms: `parse`, `review -f json`, `import` (memory stays flat)",
        "",
        "| forms in the file | " + " | ".join(f"{c} CPU s | {c} peak RSS MB" for c in HUGE_COMMANDS) + " |",
        "| ---: |" + " ---: | ---: |" * len(HUGE_COMMANDS),
    ]
    for forms, runs in huge:
        cells = " | ".join(f"{runs[c][0]:.1f} | {runs[c][1]}" for c in HUGE_COMMANDS)
        lines.append(f"| {forms} | {cells} |")
    lines += [
        "",
        "## Start-up",
        "",
        "| command | wall s | CPU s | load average |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines += [
        f"| `{label}` | {wall:.2f} | {cpu:.2f} | {load:.1f} |"
        for label, wall, cpu, load in startup(3 if quick else 5)
    ]
    text = "\n".join(lines) + "\n"
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.md").write_text(text, encoding="utf-8")
    _plot(out / "growth.png", lin, mem, huge)
    return text


def _plot(
    path: Path,
    lin: list[tuple[int, int, float, float]],
    mem: list[tuple[int, int, float, int]],
    huge: list[tuple[int, dict[str, tuple[float, int]]]],
) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("（未安装 matplotlib，未生成曲线图：pip install -e .[bench]）", file=sys.stderr)
        return
    fig, (a, b, c, d) = plt.subplots(1, 4, figsize=(20, 4))
    a.plot([f for _, f, _, _ in lin], [s for _, _, s, _ in lin], "o-", label="separate files")
    a.plot([f for _, f, _, _ in lin], [o for _, _, _, o in lin], "s-", label="one file")
    a.set_xlabel("forms")
    a.set_ylabel("CPU s (read + review)")
    a.legend()
    b.loglog([n for n, _, _, _ in mem], [cpu for _, _, cpu, _ in mem], "o-")
    b.set_xlabel("files reviewed (jixiao review FOLDER)")
    b.set_ylabel("CPU s")
    c.semilogx([n for n, _, _, _ in mem], [r for _, _, _, r in mem], "o-")
    c.set_xlabel("files reviewed (jixiao review FOLDER)")
    c.set_ylabel("peak RSS MB")
    c.set_ylim(bottom=0)
    for command in HUGE_COMMANDS:
        d.plot([f for f, _ in huge], [runs[command][1] for _, runs in huge], "o-", label=command)
    d.set_xlabel("forms in ONE text file")
    d.set_ylabel("peak RSS MB")
    d.set_ylim(bottom=0)
    d.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller sizes, one round (under five minutes)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = ap.parse_args()
    print(report(args.out, args.quick))


if __name__ == "__main__":
    main()
