"""The second held-out set (``tests/corpus2/files``): template variants and layouts the first
corpus does not produce. Measured, never tuned on; the figures are printed, not asserted.

What a user depends on is asserted: every document gives forms (or a report) or one clear
ReadError naming the file, never a traceback; the set is complete and in contract shape; its
generator is independent of jixiao and of the first corpus's generator.
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
SOURCES = ("make_corpus2.py", "_builders2.py", "_forms2.py", "_layouts2.py")


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_reads_forms_or_a_clear_error(path: Path) -> None:
    assert_reads(path, empty_may_give_nothing=True)


def test_set_is_complete_and_in_contract_shape() -> None:
    assert_complete(FILES, DOCS, min_docs=40)


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
    total, line = measured("corpus2", DOCS)
    with capsys.disabled():
        print(line)
    assert not total.crashes, total.crashes
