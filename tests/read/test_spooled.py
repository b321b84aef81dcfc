"""A huge text dump read form by form (chunked rows, forms spooled to disk) reads, reviews and
prints exactly as when it is read whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import jixiao.read._layouts as layouts
import jixiao.read.text as text_reader
from jixiao._spool import FormSpool
from jixiao.cli import app
from jixiao.contract import findings_to_json, form_to_contract
from jixiao.read import read
from jixiao.review import review_document
from tests.conftest import REPO, SEEDS


def _dump(tmp_path: Path, copies: int = 2) -> Path:
    """The seeds concatenated ``copies`` times: target tables, self-evaluations and reports."""
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        pytest.skip(f"{SEEDS} not found")
    big = tmp_path / "all.txt"
    big.write_text("\n\n".join([p.read_text(encoding="utf-8") for p in seeds] * copies), encoding="utf-8")
    return big


def _text_files() -> list[Path]:
    corpus = REPO / "tests" / "corpus" / "files"
    return sorted([*SEEDS.glob("*.txt"), *corpus.glob("*.txt"), *corpus.glob("*.md")])


def test_rows_cut_into_chunks_are_the_rows_of_the_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    files = _text_files()
    assert files
    for path in files:
        body = path.read_text(encoding="utf-8", errors="replace")
        monkeypatch.setattr(layouts, "_CHUNK_LINES", 10**9)
        whole = layouts.text_rows(body, str(path))
        monkeypatch.setattr(layouts, "_CHUNK_LINES", 1)  # cut at every title a cut is safe at
        chunked = layouts.text_rows(body, str(path))
        assert [(r.cells, r.source, r.table, r.after_gap, r.sparse) for r in chunked] == [
            (r.cells, r.source, r.table, r.after_gap, r.sparse) for r in whole
        ], path


def test_split_lines_is_splitlines(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["", "a", "a\n", "a\n\n", "a\r\nb\rc\x0cd\u2028e\x85", "\n\na\n", "表\t一\r\n"]
    for limit in (layouts._WHOLE_SPLIT, 0):  # split at once, and line by line (a huge dump)
        monkeypatch.setattr(layouts, "_WHOLE_SPLIT", limit)
        for text in texts:
            assert list(layouts.split_lines(text)) == text.splitlines(), (limit, text)


def test_spooled_document_reads_and_reviews_as_the_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = _dump(tmp_path)
    whole = read(big)
    monkeypatch.setattr(text_reader, "SPOOL_BYTES", 0)
    spooled = read(big, spooled=True)
    assert isinstance(spooled.forms, FormSpool) and not isinstance(whole.forms, FormSpool)
    assert len(spooled.forms) == len(whole.forms) > 40
    assert [form_to_contract(f) for f in spooled.forms] == [form_to_contract(f) for f in whole.forms]
    assert [r.form_index for r in spooled.reports] == [r.form_index for r in whole.reports]
    assert any(r.form_index for r in whole.reports)
    assert spooled.issues == whole.issues
    assert findings_to_json(review_document(spooled).findings) == findings_to_json(
        review_document(whole).findings
    )


def test_small_file_is_not_spooled() -> None:
    path = sorted(SEEDS.glob("*.txt"))[0]
    assert not isinstance(read(path, spooled=True).forms, FormSpool)


def test_parse_and_review_json_of_a_spooled_dump(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = _dump(tmp_path)
    runner = CliRunner()
    whole = read(big)
    findings = findings_to_json(review_document(whole).findings)
    assert findings
    monkeypatch.setattr(text_reader, "SPOOL_BYTES", 0)
    parsed = runner.invoke(app, ["parse", str(big)])
    assert parsed.exit_code == 0, parsed.output
    assert (
        parsed.stdout
        == json.dumps([form_to_contract(f) for f in whole.forms], ensure_ascii=False, indent=2) + "\n"
    )
    one = runner.invoke(app, ["review", "-f", "json", str(big)])
    assert one.exit_code == 0, one.output
    assert json.loads(one.stdout) == findings
    assert one.stdout == json.dumps(findings, ensure_ascii=False, indent=2) + "\n"
    two = runner.invoke(app, ["review", "-f", "json", str(big), str(sorted(SEEDS.glob("*.txt"))[0])])
    assert two.exit_code == 0, two.output
    assert json.loads(two.stdout)[str(big)] == findings
