"""The held-out Wuhan-family corpus (``tests/corpus_wuhan/files``): measured, never tuned on.

As for ``tests/corpus``: every document gives forms or one clear ReadError naming the file,
never a traceback; the set is complete and in contract shape; the generator does not import
jixiao. Accuracy is printed (``-s``) and held at the measured floors (README "Figures"): a change
that loses a form, a planted error or accuracy, or raises a false error, fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus._checks import assert_complete, assert_reads, measured
from tests.corpus.measure import documents

pytestmark = pytest.mark.corpus

HERE = Path(__file__).parent
FILES = HERE / "files"
DOCS = documents(FILES)


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_reads_forms_or_a_clear_error(path: Path) -> None:
    assert_reads(path, reports=False)


def test_corpus_is_complete_and_in_contract_shape() -> None:
    assert_complete(FILES, DOCS, min_docs=102, min_forms=143)


def test_generator_does_not_use_jixiao() -> None:
    """Answers come from the generator's records, never from the reader or the scorer."""
    for src in ("make_wuhan.py", "_forms.py", "_text.py", "_pools.py", "_targets.py", "_office.py"):
        text = (HERE / src).read_text(encoding="utf-8")
        assert "import jixiao" not in text and "from jixiao" not in text, src


# the figures measured with the office variants and the reader fixes of this set (README)
FLOORS = {"accuracy": 0.9999, "forms": 143, "planted": 33, "false": 0}


def test_accuracy_is_measured(capsys: pytest.CaptureFixture[str]) -> None:
    """Prints the figures (visible with ``-s`` and without xdist) and holds them at the floors."""
    total, line = measured("corpus_wuhan", DOCS)
    with capsys.disabled():
        print(line)
    assert not total.crashes, total.crashes
    assert total.accuracy() >= FLOORS["accuracy"], line
    assert total.forms_found >= FLOORS["forms"], line
    assert total.planted_found >= FLOORS["planted"], (line, total.missed_errors)
    assert len(total.false_errors) <= FLOORS["false"], (line, total.false_errors)
