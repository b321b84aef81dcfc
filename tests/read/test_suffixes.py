"""Every file type a reader takes is named in the help texts and picked up by a folder import."""

from __future__ import annotations

from pathlib import Path

from jixiao.read._registry import supported_suffixes
from jixiao.store._import import collect_files
from jixiao.vocabulary import INPUT_TYPES


def test_help_names_every_type_a_reader_takes() -> None:
    for suffix in supported_suffixes():
        assert suffix in INPUT_TYPES, suffix


def test_folder_import_picks_up_html_csv_and_scans(tmp_path: Path) -> None:
    names = ["a.html", "b.csv", "c.tsv", "d.png", "e.xlsm", "f.txt", "notes.py", ".hidden/g.txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    files, failures = collect_files([tmp_path])
    assert failures == []
    found = sorted(p.name for p in files)
    assert found == ["a.html", "b.csv", "c.tsv", "d.png", "e.xlsm", "f.txt"]
