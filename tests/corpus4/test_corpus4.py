"""The fourth held-out set (``tests/corpus4/files``): forms as other offices' software and habits
produce them (workbooks with cover and hidden sheets, Excel-saved HTML, framed DOCX, LibreOffice
PDFs, full-width digits, amounts in 元, numbered names, synonym headers). Measured, never tuned
on; floors hold the figures reached so that a change that loses ground fails here (raise them
when the reader improves, never lower them to pass).

As for the other sets: every document gives forms or one clear ReadError naming the file, never
a traceback; the set is complete and in contract shape; its generator is independent of jixiao
and of the other sets' generators.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus._checks import assert_complete, assert_floors, assert_independent, assert_reads
from tests.corpus.measure import documents

pytestmark = pytest.mark.corpus

HERE = Path(__file__).parent
FILES = HERE / "files"
DOCS = documents(FILES)
SOURCES = ("make_corpus4.py", "_model4.py", "_national4.py", "_others4.py", "_office4.py", "_vocab4.py")

# floors: the measured figures (README "Figures"); raise with the reader, never lower
MIN_ACCURACY = 1.0
MIN_FORMS_FOUND = 47
MIN_PLANTED_FOUND = 13
MAX_FALSE_ERRORS = 0


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_reads_forms_or_a_clear_error(path: Path) -> None:
    assert_reads(path, reports=False)


def test_set_is_complete_and_in_contract_shape() -> None:
    assert_complete(FILES, DOCS, min_docs=40, min_forms=47)


def test_generator_is_independent() -> None:
    """Answers come from this generator's own records: no jixiao, no other set's code."""
    assert_independent(HERE, SOURCES)


def test_accuracy_holds_its_floor(capsys: pytest.CaptureFixture[str]) -> None:
    """The set's figures do not fall below the measured floors (printed even without ``-s``)."""
    with capsys.disabled():
        assert_floors(
            "corpus4",
            DOCS,
            accuracy=MIN_ACCURACY,
            forms=MIN_FORMS_FOUND,
            planted=MIN_PLANTED_FOUND,
            false_errors=MAX_FALSE_ERRORS,
        )
