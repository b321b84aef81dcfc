"""The web tables on both back ends: accounts, sessions, tokens, workflow, carry-over, history."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from jixiao import store
from jixiao.store import Database

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_accounts_sessions_and_tokens(db: Database) -> None:
    user = store.add_user(db, "王填报", "pass-word-1", "filler", ["武汉市江夏区文化馆", "江夏区文化馆 "])
    assert user.role_label == "填报人" and len(user.unit_ids) == 2
    with pytest.raises(store.UserError, match="已存在"):
        store.add_user(db, "王填报", "pass-word-1", "reviewer")
    assert store.authenticate(db, "王填报", "pass-word-1") == user
    assert store.authenticate(db, "王填报", "pass-word-2") is None
    assert store.authenticate(db, "无此人", "pass-word-1") is None
    token, csrf = store.create_session(db, user.id)
    assert store.session_user(db, token) == (user, csrf)
    api = store.create_token(db, user.id)
    assert store.token_user(db, api) == user
    with db.reader() as s:  # only digests are stored
        stored = {
            r[0]
            for r in s.execute(
                text("SELECT token_hash FROM api_tokens UNION SELECT token_hash FROM web_sessions")
            )
        }
    assert token not in stored and api not in stored and len(stored) == 2
    store.set_password(db, "王填报", "pass-word-3")
    assert store.session_user(db, token) is None  # a new password ends the sessions
    store.delete_session(db, token)


def test_workflow_and_append_only_history(db: Database) -> None:
    store.import_paths([EXAMPLES], db)
    rows, _ = store.list_queue(db, store.QueueFilter(kind="project_self_evaluation"))
    form_id = rows[0].id
    assert rows[0].state == "submitted"
    with pytest.raises(store.WorkflowError, match="退回意见"):
        store.transition(db, form_id, "return", "审核员")
    with pytest.raises(store.WorkflowError, match="不能提交"):
        store.submit_form(db, form_id, "单位")
    assert store.transition(db, form_id, "return", "审核员", "请改") == "returned"
    form = store.get_draft(db, form_id)
    assert form is not None
    form.improvement = "加强管理"
    store.save_draft(db, form_id, form, [("改进措施", None, "加强管理")], "单位")
    new_id = store.submit_form(db, form_id, "单位")
    assert new_id != form_id and store.state_of(db, new_id) == "submitted"
    detail = store.get_form(db, new_id)
    assert detail is not None and detail.form.improvement == "加强管理" and detail.summary.revision == 2
    notes = store.review_notes(db, new_id)
    assert [e.field for e in notes.edits] == ["改进措施"]
    assert [(s.from_state, s.to_state) for s in notes.steps] == [
        ("submitted", "returned"),
        ("returned", "submitted"),
    ]
    assert store.list_queue(db, store.QueueFilter(state="submitted", min_inflation=5))[1] == 1
    with db.engine.connect() as conn:
        for sql in ("UPDATE edit_history SET new = 'x'", "DELETE FROM edit_history"):
            with pytest.raises(Exception, match="只能追加"):
                conn.execute(text(sql))
            conn.rollback()
