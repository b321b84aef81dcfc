"""Shared test fixtures: where the seeds are, and reading a form written as text."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from jixiao.model import Document
from jixiao.read._forms import build_forms
from jixiao.read.text import text_rows

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
EXAMPLES = REPO / "examples"


def seed(name_prefix: str) -> Path:
    """A seed file by its number prefix, e.g. ``seed("004")``."""
    matches = sorted(SEEDS.glob(f"{name_prefix}_*"))
    if not matches:
        pytest.skip(f"seed {name_prefix} not found in {SEEDS}")
    return matches[0]


def read_doc(text: str, path: str = "fixture.txt") -> Document:
    """Read a document written in the dumps' own layout (tabs between cells).

    Lines are dedented; a ``|`` in the text stands for a tab so tests stay readable.
    """
    body = textwrap.dedent(text).replace("|", "\t")
    return build_forms(text_rows(body, path), path)


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} not found")
    return SEEDS
