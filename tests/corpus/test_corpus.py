"""The held-out corpus (``tests/corpus/files``): measured, never tuned on.

The only hard requirement is the user's: every document gives forms (or a narrative report)
or one clear ReadError naming the file — never a traceback. Accuracy is measured and
printed, not asserted: ``python tests/corpus/measure.py`` shows it by family, layout or field.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.read import ReadError, read
from tests.corpus.measure import FILES, Tally, documents, manifest, measure_file

pytestmark = pytest.mark.corpus

DOCS = documents(FILES)
CONTRACT_KEYS = {
    "schema",
    "kind",
    "title",
    "year",
    "unit",
    "project",
    "supervisor",
    "implementer",
    "filled_on",
    "budget",
    "overall_goal",
    "goals",
    "total_score",
    "deviation_reason",
    "improvement",
    "extra",
}
INDICATOR_KEYS = {"level1", "level2", "name", "weight", "target", "actual", "score", "basis"}
FINDING_CODES = {
    "budget.score_mismatch",
    "indicator.score_mismatch",
    "indicator.full_score_unmet",
    "form.total_mismatch",
    "goal.weight_mismatch",
    "target.vague",
}


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_reads_forms_or_a_clear_error(path: Path) -> None:
    try:
        doc = read(path)
    except ReadError as e:
        assert path.name in str(e), str(e)
        return
    assert doc.forms or doc.reports, f"{path.name}: neither a form nor a report, and no ReadError"


def test_corpus_is_complete_and_in_contract_shape() -> None:
    listed = manifest(FILES)
    assert len(DOCS) >= 60
    assert {p.name for p in DOCS} == set(listed)
    for path in DOCS:
        stem = path.name.rsplit(".", 1)[0]
        forms = json.loads((FILES / f"{stem}.answer.json").read_text(encoding="utf-8"))
        errors = json.loads((FILES / f"{stem}.errors.json").read_text(encoding="utf-8"))
        for form in forms:
            assert set(form) == CONTRACT_KEYS, stem
            assert form["schema"] == "jixiao.form/1"
            for goal in form["goals"]:
                for ind in goal["indicators"]:
                    assert set(ind) == INDICATOR_KEYS, stem
        for e in errors:
            assert set(e) == {"form", "code", "indicator", "why"} and e["code"] in FINDING_CODES, stem
            assert 0 <= e["form"] < len(forms), stem


def test_generator_does_not_use_jixiao() -> None:
    """Answers come from the generator's records, never from the reader or the scorer."""
    here = Path(__file__).parent
    for src in (
        "make_corpus.py",
        "_model.py",
        "_families.py",
        "_grids.py",
        "_render.py",
        "_pools.py",
        "_trad.py",
    ):
        text = (here / src).read_text(encoding="utf-8")
        assert "import jixiao" not in text and "from jixiao" not in text, src


def test_accuracy_is_measured(capsys: pytest.CaptureFixture[str]) -> None:
    """Prints the figures (visible with ``-s`` and without xdist); asserts only no traceback."""
    total = Tally()
    for path in DOCS:
        total.merge(measure_file(path))
    with capsys.disabled():
        print(
            f"\ncorpus: fields right {total.accuracy():.2%}, forms found {total.forms_found}/"
            f"{total.forms_expected}, planted errors found {total.planted_found}/{total.planted}, "
            f"false errors {len(total.false_errors)} on {total.clean_forms} error-free forms"
        )
    assert not total.crashes, total.crashes
