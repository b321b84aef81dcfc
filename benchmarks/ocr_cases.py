"""The documents ``benchmarks/ocr.py`` scans: printed PDFs of every family, and their scans.

A case is one printed PDF (it has a text layer: its text reading is the reference) with, where
the source has them, the hand-checked answers (``NAME.answer.json``) and planted errors
(``NAME.errors.json``). Two printers:

- ``writer``: the forms as read from the source, printed by the project's own writer
  (``jixiao.write.write_pdf``; Wuhan layout for the seeds, the national one for other families);
- ``office``: the source XLSX/DOCX itself printed by LibreOffice, so the page looks like the
  other region's own form (its answers and planted errors then apply to the scan directly).

Everything is cached under the work directory, so a second run (after a change to the reader)
scans the very same pages.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from benchmarks.scans import degrade, rasterise, save_pdf

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLES = SHARED / "templates" / "examples"
CORPUS = ROOT / "tests" / "corpus" / "files"

MODES = {  # name: (dpi, photo)
    "300": (300, False),
    "150": (150, False),
    "photo": (200, True),
}


@dataclass(slots=True)
class Case:
    name: str
    family: str
    printer: str  # "writer" | "office"
    pdf: str  # printed PDF with a text layer
    answer: str | None = None
    errors: str | None = None


def _family(stem: str, answer: Path | None) -> str:
    """Region token of the file name and the kind of its first answer form (``sichuan·project``)."""
    tokens = stem.split("_")
    region = tokens[1] if len(tokens) > 1 and not tokens[1].isdigit() else tokens[0]
    kind = ""
    if answer is not None and answer.exists():
        forms = json.loads(answer.read_text(encoding="utf-8"))
        if forms:
            kind = str(forms[0].get("kind", "")).replace("_self_evaluation", "").replace("_", "-")
    return f"{region}·{kind}" if kind else region


def _sidecar(src: Path, suffix: str) -> Path | None:
    p = src.with_name(src.name.split(".")[0] + suffix)
    return p if p.exists() else None


def corpus_sample(per_family: int = 1) -> list[Path]:
    """The first document of each corpus family (by file name), and one XLSX/DOCX per family."""
    seen: dict[str, int] = {}
    office: set[str] = set()
    out: list[Path] = []
    for p in sorted(CORPUS.iterdir()) if CORPUS.is_dir() else []:
        if p.name.endswith(".json") or _sidecar(p, ".answer.json") is None:
            continue
        fam = _family(p.name.split(".")[0], None)
        if p.suffix in (".xlsx", ".docx") and fam not in office:
            office.add(fam)
            out.append(p)
        elif seen.get(fam, 0) < per_family and p.suffix in (".txt", ".html", ".csv", ".pdf"):
            seen[fam] = seen.get(fam, 0) + 1
            out.append(p)
    return out


def build_cases(work: Path, limit_forms: int, corpus: bool, only: str | None) -> list[Case]:
    """Print every source once (each PDF cached in ``work``) and return the cases."""
    from jixiao.read import read
    from jixiao.write import write_pdf
    from jixiao.write._page import Template
    from jixiao.write.pdf import docx_to_pdf

    work.mkdir(parents=True, exist_ok=True)
    # (source, family, printers): the corpus only as printed by LibreOffice (printed by our
    # writer its forms look like the template examples', which are here already)
    sources: list[tuple[Path, str, tuple[str, ...]]] = [
        (p, "wuhan·seed", ("writer",)) for p in sorted(SEEDS.glob("*.txt")) if limit_forms > 0
    ]
    sources += [
        (p, _family(p.name.split(".")[0], _sidecar(p, ".answer.json")), ("writer", "office"))
        for p in sorted(EXAMPLES.iterdir())
        if p.suffix in (".txt", ".xlsx", ".docx", ".html")
    ]
    if corpus:
        sources += [
            (p, _family(p.name.split(".")[0], _sidecar(p, ".answer.json")), ("office",))
            for p in corpus_sample()
            if p.suffix in (".xlsx", ".docx")
        ]
    cases: list[Case] = []
    for src, family, printers in sources:
        if only and only not in src.name and only not in family:
            continue
        stem = src.name.split(".")[0]
        answer, errors = _sidecar(src, ".answer.json"), _sidecar(src, ".errors.json")
        limit = limit_forms if src.parent == SEEDS else None  # a seed holds dozens of forms
        pdf = work / (f"{stem}.writer.pdf" if limit is None else f"{stem}.writer{limit}.pdf")
        if "writer" in printers and not pdf.exists() and (forms := read(src).forms[:limit]):
            template = Template.WUHAN if family.startswith(("wuhan", "hubei")) else Template.NATIONAL
            write_pdf(forms, pdf, template)
        if "writer" in printers and pdf.exists():
            cases.append(Case(f"{stem}@writer", family, "writer", str(pdf)))
        if "office" in printers and src.suffix in (".xlsx", ".docx"):
            pdf = work / f"{stem}.office.pdf"
            if not pdf.exists():
                docx_to_pdf(src, pdf)
            cases.append(
                Case(
                    f"{stem}@office",
                    family,
                    "office",
                    str(pdf),
                    str(answer) if answer else None,
                    str(errors) if errors else None,
                )
            )
    return cases


def scan(case: Case, mode: str, work: Path, seed: int) -> Path:
    """The case's PDF as a scan (or photo) without a text layer, cached by mode."""
    dpi, photo = MODES[mode]
    out = work / f"{Path(case.pdf).stem}.{mode}.scan.pdf"
    if out.exists():
        return out
    rng = random.Random(seed)
    pages = [
        degrade(
            p,
            skew=rng.uniform(-2, 2),
            noise=5,
            jpeg=70,
            seal=(k == 0),
            photo=photo,
            seed=seed + k,
        )
        for k, p in enumerate(rasterise(Path(case.pdf), dpi))
    ]
    return save_pdf(pages, out, dpi)
