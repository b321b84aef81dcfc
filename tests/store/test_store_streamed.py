"""A large text dump is stored batch by batch, reviewed form by form as it is written: the
database ends exactly as when the document is read, reviewed and written whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import DateTime, select

import jixiao.read.text as text_reader
import jixiao.store._import as store_import
import jixiao.store._write as store_write
from jixiao.store import Database, import_paths
from jixiao.store import _summary as summary
from jixiao.store import _tally as tally
from jixiao.store._schema import Base

from .conftest import SEEDS


def _contents(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table in id order, without the times of the import."""
    out = {}
    with db.reader() as s:
        for table in Base.metadata.sorted_tables:
            cols = [c for c in table.c if not isinstance(c.type, DateTime)]
            order = list(table.primary_key.columns) or cols
            out[table.name] = [tuple(r) for r in s.execute(select(*cols).order_by(*order))]
    return out


def _import_all(url: str, files: list[list[Path]]) -> dict[str, list[tuple[Any, ...]]]:
    with Database(url) as db:
        for batch in files:
            result = import_paths(batch, db)
            assert not result.failures
        with db.reader() as s:
            assert tally.stored(s) == tally.recount(s)
            assert summary.differences(s) == []
        return _contents(db)


def test_streamed_import_stores_what_the_whole_import_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    if len(seeds) < 4:
        pytest.skip(f"{SEEDS} not found")
    big = tmp_path / "all.txt"
    big.write_text("\n\n".join([p.read_text(encoding="utf-8") for p in seeds] * 2), encoding="utf-8")
    # seeds first, so forms of the dump supersede them; then seeds again, superseding the dump's
    order = [seeds[:2], [big], seeds[2:]]
    whole = _import_all(f"sqlite:///{tmp_path / 'whole.db'}", order)

    spooled: list[bool] = []
    real = store_write.store_document

    def spy(session, prep, **kw):  # type: ignore[no-untyped-def]
        spooled.append(prep.streamed)
        return real(session, prep, **kw)

    monkeypatch.setattr(text_reader, "SPOOL_BYTES", 0)
    monkeypatch.setattr(store_import, "SPOOL_BYTES", 0)
    monkeypatch.setattr(store_write, "_BATCH", 7)  # several batches, one ending mid-copy
    monkeypatch.setattr(store_import, "store_document", spy)
    streamed = _import_all(f"sqlite:///{tmp_path / 'streamed.db'}", order)
    assert spooled and all(spooled)
    assert len(streamed["forms"]) > 90 and streamed["findings"]
    assert streamed.keys() == whole.keys()
    for name in whole:
        if name.endswith("_summaries"):  # running float sums: added in another order per batch
            assert [pytest.approx(r) for r in streamed[name]] == whole[name], name
        else:
            assert streamed[name] == whole[name], name
