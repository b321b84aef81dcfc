"""The second held-out set (``tests/corpus2/files``): template variants and layouts the first
corpus does not produce. Measured, never tuned on; the figures are printed, not asserted.

What a user depends on is asserted: every document gives forms (or a report) or one clear
ReadError naming the file, never a traceback; the set is complete and in contract shape; its
generator is independent of jixiao and of the first corpus's generator.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.read import ReadError, read
from tests.corpus.measure import Tally, documents, manifest, measure_file
from tests.corpus.test_corpus import CONTRACT_KEYS, FINDING_CODES, INDICATOR_KEYS

pytestmark = pytest.mark.corpus

HERE = Path(__file__).parent
FILES = HERE / "files"
DOCS = documents(FILES)
SOURCES = ("make_corpus2.py", "_builders2.py", "_forms2.py", "_layouts2.py")


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_reads_forms_or_a_clear_error(path: Path) -> None:
    try:
        doc = read(path)
    except ReadError as e:
        assert path.name in str(e), str(e)
        return
    expected = json.loads((FILES / f"{path.name.rsplit('.', 1)[0]}.answer.json").read_text(encoding="utf-8"))
    if expected:
        assert doc.forms or doc.reports, f"{path.name}: neither a form nor a report, and no ReadError"


def test_set_is_complete_and_in_contract_shape() -> None:
    listed = manifest(FILES)
    assert len(DOCS) >= 40
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


def test_generator_is_independent() -> None:
    """Answers come from this generator's own records: no jixiao, no code of tests/corpus."""
    for src in SOURCES:
        text = (HERE / src).read_text(encoding="utf-8")
        for banned in (
            "import jixiao",
            "from jixiao",
            "tests.corpus.",
            "from _model",
            "from _grids",
            "from _families",
            "from _render",
            "from _pools",
        ):
            assert banned not in text, (src, banned)


def test_accuracy_is_measured(capsys: pytest.CaptureFixture[str]) -> None:
    """Prints the figures (visible with ``-s`` and without xdist); asserts only no traceback."""
    total = Tally()
    for path in DOCS:
        total.merge(measure_file(path))
    with capsys.disabled():
        print(
            f"\ncorpus2: fields right {total.accuracy():.2%}, forms found {total.forms_found}/"
            f"{total.forms_expected}, planted errors found {total.planted_found}/{total.planted}, "
            f"false errors {len(total.false_errors)} on {total.clean_forms} error-free forms"
        )
    assert not total.crashes, total.crashes
