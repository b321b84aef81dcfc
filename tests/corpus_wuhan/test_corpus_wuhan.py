"""The held-out Wuhan-family corpus (``tests/corpus_wuhan/files``): measured, never tuned on.

As for ``tests/corpus``: every document gives forms or one clear ReadError naming the file,
never a traceback; the set is complete and in contract shape; the generator does not import
jixiao. Accuracy is printed (``-s``), not asserted: ``measure.py tests/corpus_wuhan/files``.
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


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_reads_forms_or_a_clear_error(path: Path) -> None:
    try:
        doc = read(path)
    except ReadError as e:
        assert path.name in str(e), str(e)
        return
    assert doc.forms, f"{path.name}: no form and no ReadError"


def test_corpus_is_complete_and_in_contract_shape() -> None:
    listed = manifest(FILES)
    assert len(DOCS) >= 40
    assert {p.name for p in DOCS} == set(listed)
    n_forms = 0
    for path in DOCS:
        stem = path.name.rsplit(".", 1)[0]
        forms = json.loads((FILES / f"{stem}.answer.json").read_text(encoding="utf-8"))
        errors = json.loads((FILES / f"{stem}.errors.json").read_text(encoding="utf-8"))
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
    assert n_forms >= 60


def test_generator_does_not_use_jixiao() -> None:
    """Answers come from the generator's records, never from the reader or the scorer."""
    for src in ("make_wuhan.py", "_forms.py", "_text.py", "_pools.py"):
        text = (HERE / src).read_text(encoding="utf-8")
        assert "import jixiao" not in text and "from jixiao" not in text, src


def test_accuracy_is_measured(capsys: pytest.CaptureFixture[str]) -> None:
    """Prints the figures (visible with ``-s`` and without xdist); asserts only no traceback."""
    total = Tally()
    for path in DOCS:
        total.merge(measure_file(path))
    with capsys.disabled():
        print(
            f"\ncorpus_wuhan: fields right {total.accuracy():.2%}, forms found {total.forms_found}/"
            f"{total.forms_expected}, planted errors found {total.planted_found}/{total.planted}, "
            f"false errors {len(total.false_errors)} on {total.clean_forms} error-free forms"
        )
    assert not total.crashes, total.crashes
