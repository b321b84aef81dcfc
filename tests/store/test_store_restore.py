"""What the stored form-v1 body has no field for comes back on the form rebuilt from the store:
a goal's term as read and an indicator's ``extra`` (the checks and the roll-up use both)."""

from __future__ import annotations

from pathlib import Path

import pytest

import jixiao.store._import as store_import
from jixiao import store
from jixiao.model import Document
from jixiao.store._cycle import stored_forms
from tests.store.conftest import fake_read, project_form, write_doc


def test_a_draft_keeps_the_goal_term_and_indicator_extra_as_read(
    db: store.Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A goal read from a 长期绩效目标表 but named 目标1 is long-term only because of where it
    stood (``check_year`` skips its deadlines); a rate's 12/15 counts sit in ``extra``. The body
    keeps neither: the name says no 长期, so the rebuilt goal had no term, and ``extra`` was empty."""

    def read(path: str | Path) -> Document:
        doc = fake_read(path)
        goal = doc.forms[0].goals[0]
        goal.name, goal.term = "目标1", "long_term"
        goal.indicators[0].extra = {"numerator": 12, "denominator": 15}
        return doc

    monkeypatch.setattr(store_import, "read", read)
    store.import_paths([write_doc(tmp_path / "form.json", project_form())], db)
    (row,), _ = store.list_forms(db)
    form = store.get_draft(db, row.id)
    assert form is not None
    (stored,) = stored_forms(db)  # what linking and the roll-up (``jixiao.cycle``) read
    for rebuilt in (form, stored.form):
        assert rebuilt.goals[0].term == "long_term"
        assert rebuilt.goals[0].indicators[0].extra == {"numerator": 12, "denominator": 15}
        assert rebuilt.goals[0].indicators[1].extra == {}
