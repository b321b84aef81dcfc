"""The held-out corpus (``tests/corpus/files``): measured, never tuned on.

The only hard requirement is the user's: every document gives forms (or a narrative report)
or one clear ReadError naming the file — never a traceback. Accuracy is measured and
printed, not asserted: ``python tests/corpus/measure.py`` shows it by family, layout or field.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus._checks import assert_complete, assert_reads, measured
from tests.corpus.measure import FILES, documents

pytestmark = pytest.mark.corpus

DOCS = documents(FILES)


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_reads_forms_or_a_clear_error(path: Path) -> None:
    assert_reads(path)


def test_corpus_is_complete_and_in_contract_shape() -> None:
    assert_complete(FILES, DOCS, min_docs=60)


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
    total, line = measured("corpus", DOCS)
    with capsys.disabled():
        print(line)
    assert not total.crashes, total.crashes
