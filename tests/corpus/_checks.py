"""What every held-out set's test module asserts, written once (``tests/corpus``…``corpus5``,
``tests/corpus_wuhan``): a document gives forms or one ReadError naming the file; the set is
complete and in contract shape; its generator uses neither jixiao nor another set's code; the
figures are printed, and where a set has floors, held to them."""

from __future__ import annotations

import json
import re
from pathlib import Path

from jixiao.read import ReadError, read
from tests.corpus.measure import FORM_FIELDS, IND_FIELDS, Tally, manifest, measure_file

# the form-v1 keys: the fields measure.py compares, plus the nested blocks it walks
CONTRACT_KEYS = {"schema", *FORM_FIELDS, "budget", "overall_goal", "goals", "extra"}
INDICATOR_KEYS = set(IND_FIELDS)
FINDING_CODES = {
    "budget.score_mismatch",
    "indicator.score_mismatch",
    "indicator.full_score_unmet",
    "form.total_mismatch",
    "goal.weight_mismatch",
    "target.vague",
    "report.score_mismatch",
}


def _answers(path: Path) -> list[dict]:
    return json.loads(
        (path.parent / f"{path.name.rsplit('.', 1)[0]}.answer.json").read_text(encoding="utf-8")
    )


def assert_reads(path: Path, *, reports: bool = True, empty_may_give_nothing: bool = False) -> None:
    """Forms (or, where ``reports``, a narrative report) or one ReadError naming the file; with
    ``empty_may_give_nothing``, a document whose answer is ``[]`` (no form at all) may give
    nothing."""
    try:
        doc = read(path)
    except ReadError as e:
        assert path.name in str(e), str(e)
        return
    if not empty_may_give_nothing or _answers(path):
        assert doc.forms or (reports and doc.reports), f"{path.name}: no form and no ReadError"


def assert_complete(files: Path, docs: list[Path], *, min_docs: int, min_forms: int = 0) -> None:
    """Every listed document is there with its answer and planted errors, in contract shape."""
    assert len(docs) >= min_docs
    assert {p.name for p in docs} == set(manifest(files))
    n_forms = 0
    for path in docs:
        stem = path.name.rsplit(".", 1)[0]
        forms = _answers(path)
        errors = json.loads((files / f"{stem}.errors.json").read_text(encoding="utf-8"))
        n_forms += len(forms)
        for form in forms:
            assert set(form) == CONTRACT_KEYS, stem
            assert form["schema"] == "jixiao.form/1"
            for goal in form["goals"]:
                for ind in goal["indicators"]:
                    assert set(ind) == INDICATOR_KEYS, stem
        for e in errors:
            assert set(e) == {"form", "code", "indicator", "why"} and e["code"] in FINDING_CODES, stem
            assert 0 <= e["form"] < len(forms), stem
    assert n_forms >= min_forms


def measured(label: str, docs: list[Path]) -> tuple[Tally, str]:
    """The set's tally and the line of figures to print."""
    total = Tally()
    for path in docs:
        total.merge(measure_file(path))
    line = (
        f"\n{label}: fields right {total.accuracy():.2%}, forms found {total.forms_found}/"
        f"{total.forms_expected}, planted errors found {total.planted_found}/{total.planted}, "
        f"false errors {len(total.false_errors)} on {total.clean_forms} error-free forms"
    )
    return total, line


# what no generator may use: its answers come from its own records, never from the reader
NOT_IN_A_GENERATOR = ("import jixiao", "from jixiao", "tests.corpus")


def _other_sets(here: Path) -> tuple[list[str], list[re.Pattern[str]]]:
    """The other held-out sets beside ``here`` (``tests/corpus*``): their folder names and an
    import of any of their modules, found from the folders, so a new set needs no list."""
    names: list[str] = []
    imports: list[re.Pattern[str]] = []
    for folder in sorted(here.parent.glob("corpus*")):
        if folder == here or not folder.is_dir():
            continue
        if folder.name != "corpus":  # tests.corpus is NOT_IN_A_GENERATOR already
            names.append(folder.name)
        for module in folder.glob("*.py"):
            if module.stem.startswith(("_", "make_")) and module.stem != "__init__":
                imports.append(re.compile(rf"\b(?:from|import)\s+\.?{re.escape(module.stem)}\b"))
    return names, imports


def assert_independent(here: Path, sources: tuple[str, ...], others: tuple[str, ...] = ()) -> None:
    """No source of a set's generator imports jixiao, the shared test code or another set's
    generator (every other ``tests/corpus*`` folder's name and modules; ``others``: more names)."""
    names, imports = _other_sets(here)
    for src in sources:
        text = (here / src).read_text(encoding="utf-8")
        for banned in (*NOT_IN_A_GENERATOR, *names, *others):
            assert banned not in text, (src, banned)
        for pattern in imports:
            assert not pattern.search(text), (src, pattern.pattern)


def assert_floors(
    label: str,
    docs: list[Path],
    *,
    accuracy: float,
    forms: int,
    planted: int,
    false_errors: int,
    slack: float = 1e-9,
) -> None:
    """The set's figures printed and held to its floors (raised with the reader, never lowered)."""
    total, line = measured(label, docs)
    print(line)
    assert not total.crashes, total.crashes
    assert total.accuracy() >= accuracy - slack, line
    assert total.forms_found >= forms, line
    assert total.planted_found >= planted, line
    assert len(total.false_errors) <= false_errors, line
