"""Measure the reading of the held-out forms as real tools turn them into text.

    .venv/bin/python benchmarks/text_tools.py [--tool NAME ...] [--set NAME ...]
        [--cache DIR] [--out DIR] [--show NAME]

People paste or convert forms with the tools they have, not with our generators. For every
source document (PDF, DOCX, XLSX, HTML with an answer) of the five held-out sets this writes
the text each tool makes of it, copies the answer and planted errors beside it, and measures
the reading with ``tests/corpus/measure.py``:

- ``layout`` / ``raw``: ``pdftotext -layout`` / ``-raw`` (poppler) of every PDF, and of every
  DOCX/XLSX printed to PDF by ``libreoffice --headless --convert-to pdf``;
- ``lo-txt``: ``libreoffice --convert-to txt`` of every DOCX;
- ``lo-csv``: ``libreoffice --convert-to csv`` of every XLSX, every sheet (the sheets' CSV
  files joined by a blank line, as one file);
- ``html-copy``: every HTML page as a browser's innerText copies it (cells by TAB, rows by
  newline, blocks by newline, ``<br>`` a newline even inside a cell), emulated with lxml
  (identical to Chromium's innerText on 21 of the 24 pages, blank lines apart on the other 3).

LibreOffice conversions are slow: they are made once into the cache (default
``/tmp/textlayouts-cache``) and reused. Measurement only.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus.measure import ANSWER, Tally, documents, measure_file  # noqa: E402

SETS = {
    "examples": ROOT.parent / "shared/templates/examples",
    "corpus": ROOT / "tests/corpus/files",
    "corpus2": ROOT / "tests/corpus2/files",
    "corpus3": ROOT / "tests/corpus3/files",
    "corpus_wuhan": ROOT / "tests/corpus_wuhan/files",
}
SIDE_FILES = (".errors.json", ".report.json")


# ------------------------------------------------------------------ LibreOffice, cached


def _soffice(args: list[str], cache: Path) -> None:
    """One LibreOffice run with its own profile (other users' instances do not collide)."""
    profile = cache / "lo-profile"
    cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", *args]
    subprocess.run(cmd, check=False, capture_output=True, timeout=3600)


def _converted(sources: list[Path], to: str, ext: str, cache: Path, tag: str) -> dict[Path, list[Path]]:
    """Each source's LibreOffice output files (converting, in one run, only those not cached)."""
    out: dict[Path, list[Path]] = {}
    todo: dict[Path, list[Path]] = {}
    for src in sources:
        outdir = cache / tag / src.parent.parent.name / src.parent.name / src.suffix.lstrip(".")
        found = sorted(outdir.glob(f"{src.stem}.{ext}")) + sorted(outdir.glob(f"{src.stem}-*.{ext}"))
        if found:
            out[src] = found
        else:
            todo.setdefault(outdir, []).append(src)
    for outdir, srcs in todo.items():
        outdir.mkdir(parents=True, exist_ok=True)
        _soffice(["--convert-to", to, "--outdir", str(outdir), *map(str, srcs)], cache)
        for src in srcs:
            out[src] = sorted(outdir.glob(f"{src.stem}.{ext}")) + sorted(outdir.glob(f"{src.stem}-*.{ext}"))
    return out


# ------------------------------------------------------------------ the tools


def _pdftotext(mode: str) -> Callable[[list[Path], Path], dict[Path, str]]:
    def run(sources: list[Path], cache: Path) -> dict[Path, str]:
        office = [p for p in sources if p.suffix in (".docx", ".xlsx")]
        pdfs = {p: [p] for p in sources if p.suffix == ".pdf"}
        pdfs.update(_converted(office, "pdf", "pdf", cache, "pdf"))
        texts = {}
        for src, files in pdfs.items():
            if files:
                done = subprocess.run(
                    ["pdftotext", mode, "-enc", "UTF-8", str(files[0]), "-"], capture_output=True, check=False
                )
                texts[src] = done.stdout.decode("utf-8", "replace")
        return texts

    return run


def _lo_txt(sources: list[Path], cache: Path) -> dict[Path, str]:
    docx = [p for p in sources if p.suffix == ".docx"]
    conv = _converted(docx, "txt:Text (encoded):UTF8", "txt", cache, "txt")
    return {src: files[0].read_text(encoding="utf-8-sig") for src, files in conv.items() if files}


CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def _lo_csv(sources: list[Path], cache: Path) -> dict[Path, str]:
    xlsx = [p for p in sources if p.suffix == ".xlsx"]
    conv = _converted(xlsx, CSV_FILTER, "csv", cache, "csv")
    return {src: "\n".join(f.read_text(encoding="utf-8-sig") for f in fs) for src, fs in conv.items() if fs}


_WS = re.compile(r"[ \t\n\r\f]+")
_BLOCK = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "html", "li", "main", "nav", "ol", "pre", "section", "table", "tbody",
    "tfoot", "thead", "ul",
}  # fmt: skip
_HIDDEN = {"head", "script", "style", "template", "title", "noscript"}


def inner_text(html: str) -> str:
    """A browser's innerText of the page: text runs collapsed, a block on its own lines (a ``<p>``
    with a blank line around it), a table row a line of its cells joined by TAB, ``<br>`` a
    newline even inside a cell; covered cells of row/colspans give nothing."""
    from lxml import html as lhtml

    parts: list[str | int] = []  # text, or a required count of line breaks

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _HIDDEN:
            parts.append(_WS.sub(" ", el.tail or ""))
            return
        if tag == "br":
            parts.append("\n")
        else:
            breaks = 2 if tag == "p" else 1 if tag in _BLOCK or tag == "tr" else 0
            if breaks:
                parts.append(breaks)
            parts.append(_WS.sub(" ", el.text or ""))
            for child in el:
                walk(child)
            if tag in ("td", "th") and el.getnext() is not None:
                parts.append("\t")
            if breaks:
                parts.append(breaks)
        parts.append(_WS.sub(" ", el.tail or ""))

    walk(lhtml.fromstring(html))
    out: list[str] = []
    pending = 0
    for p in parts:
        if isinstance(p, int):
            pending = max(pending, p)
            continue
        if not p or (p == " " and (not out or out[-1].endswith(("\n", "\t", " ")))):
            continue
        if pending and out:
            text = "".join(out).rstrip(" ")
            out = [text + "\n" * max(0, pending - (len(text) - len(text.rstrip("\n"))))]
        pending = 0
        out.append(p.lstrip(" ") if out and out[-1].endswith(("\n", "\t")) else p)
    lines = [ln.strip(" ") for ln in "".join(out).split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def _html_copy(sources: list[Path], cache: Path) -> dict[Path, str]:
    return {p: inner_text(p.read_text(encoding="utf-8")) for p in sources if p.suffix in (".html", ".htm")}


TOOLS: dict[str, Callable[[list[Path], Path], dict[Path, str]]] = {
    "layout": _pdftotext("-layout"),
    "raw": _pdftotext("-raw"),
    "lo-txt": _lo_txt,
    "lo-csv": _lo_csv,
    "html-copy": _html_copy,
}


# ------------------------------------------------------------------ measure


def build(tool: str, sets: list[str], cache: Path, out: Path) -> dict[str, list[Path]]:
    """Write the tool's texts of every set with their answers into ``out/tool/set``."""
    made: dict[str, list[Path]] = {}
    for name in sets:
        folder = SETS[name]
        sources = [p for p in documents(folder) if p.suffix in (".pdf", ".docx", ".xlsx", ".html", ".htm")]
        texts = TOOLS[tool](sources, cache)
        dest = out / tool / name
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(parents=True)
        made[name] = []
        for src, text in sorted(texts.items()):
            stem = f"{src.stem}_{src.suffix.lstrip('.')}"
            ext = ".csv" if tool == "lo-csv" else ".txt"
            (dest / (stem + ext)).write_text(text, encoding="utf-8")
            shutil.copy(src.with_name(src.stem + ANSWER), dest / (stem + ANSWER))
            for side in SIDE_FILES:
                if src.with_name(src.stem + side).exists():
                    shutil.copy(src.with_name(src.stem + side), dest / (stem + side))
            made[name].append(dest / (stem + ext))
    return made


def line(label: str, t: Tally, n: int) -> str:
    return (
        f"  {label:14s} {n:3d} docs  fields {t.accuracy():7.2%}  forms {t.forms_found}/{t.forms_expected}"
        f"  planted {t.planted_found}/{t.planted}  false {len(t.false_errors)}"
        f"  extra ind {t.extra_indicators}  read errors {len(t.read_errors)}  tracebacks {len(t.crashes)}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tool", action="append", choices=list(TOOLS), help="default: every tool")
    ap.add_argument("--set", action="append", choices=list(SETS), help="default: every set")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/textlayouts-cache"))
    ap.add_argument("--out", type=Path, default=Path("/tmp/textlayouts-out"))
    ap.add_argument("--show", help="print the wrong fields of documents whose name contains this")
    ap.add_argument("--by-doc", action="store_true", help="print every document's figure")
    args = ap.parse_args()
    sets = args.set or list(SETS)
    for tool in args.tool or list(TOOLS):
        made = build(tool, sets, args.cache, args.out)
        total = Tally()
        print(f"{tool}  (texts in {args.out / tool})")
        for name, files in made.items():
            sub = Tally()
            for path in files:
                t = measure_file(path)
                sub.merge(t)
                if args.by_doc:
                    print(line("    " + path.stem[:10], t, 1))
                if args.show and args.show in path.name:
                    for doc, f, e, g in t.wrong:
                        print(f"    {doc} {f}: expected {e!r}, got {g!r}")
            total.merge(sub)
            if files:
                print(line(name, sub, len(files)))
        print(line("all", total, sum(map(len, made.values()))))


if __name__ == "__main__":
    main()
