"""A large text dump is stored batch by batch, reviewed form by form as it is written: the
database ends exactly as when the document is read, reviewed and written whole."""

from __future__ import annotations

import hashlib
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
from jixiao.store._schema import Base, DocumentRow

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


@pytest.mark.parametrize("edit", ["grown", "same length"])
def test_dump_changed_while_read_is_refused_and_nothing_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: str
) -> None:
    """A spooled dump's original is copied into the database from the file (in chunks, hashed
    as copied): a file rewritten after it was hashed is refused whole, as one read into memory is."""
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        pytest.skip(f"{SEEDS} not found")
    big = tmp_path / "all.txt"
    big.write_text("\n\n".join(p.read_text(encoding="utf-8") for p in seeds[:2]), encoding="utf-8")
    monkeypatch.setattr(text_reader, "SPOOL_BYTES", 0)
    monkeypatch.setattr(store_import, "SPOOL_BYTES", 0)
    monkeypatch.setattr(store_write, "_CHUNK", 4096)  # many chunks
    real = store_import.read

    def read_then_edit(path, **kw):  # type: ignore[no-untyped-def]
        doc = real(path, **kw)
        data = Path(path).read_bytes()
        Path(path).write_bytes(data + b"\n" if edit == "grown" else data[:-1] + b"X")
        return doc

    monkeypatch.setattr(store_import, "read", read_then_edit)
    with Database(f"sqlite:///{tmp_path / 'j.db'}") as db:
        result = import_paths([big], db)
        assert [f.reason for f in result.failures] == ["文件在导入过程中被改动，请重新导入"]
        assert not result.imported
        rows = _contents(db)
    assert rows["documents"] == [] and rows["document_contents"] == [] and rows["forms"] == []


def test_dump_original_stored_byte_for_byte_in_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Copied chunk by chunk (a last chunk shorter), the stored original is the file's bytes."""
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        pytest.skip(f"{SEEDS} not found")
    big = tmp_path / "all.txt"
    big.write_text("\n\n".join(p.read_text(encoding="utf-8") for p in seeds[:2]), encoding="utf-8")
    monkeypatch.setattr(text_reader, "SPOOL_BYTES", 0)
    monkeypatch.setattr(store_import, "SPOOL_BYTES", 0)
    monkeypatch.setattr(store_write, "_CHUNK", 4093)
    with Database(f"sqlite:///{tmp_path / 'j.db'}") as db:
        assert not import_paths([big], db).failures
        rows = _contents(db)
        with db.reader() as s:
            size, sha = s.execute(select(DocumentRow.size, DocumentRow.sha256)).one()
    data = big.read_bytes()
    assert len(data) % 4093 and rows["document_contents"] == [(1, data)]
    assert (size, sha) == (len(data), hashlib.sha256(data).hexdigest())
