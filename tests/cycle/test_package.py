"""The cycle package is pure: it reads the model and the rule sets, never files, the store or the CLI."""

from __future__ import annotations

from pathlib import Path

import jixiao.cycle
from jixiao.review import CATALOGUE
from tests.test_package import IO_LIBS, _imports

CYCLE = Path(jixiao.cycle.__file__).parent
CYCLE_CODES = {
    "target.dropped", "target.added", "target.changed", "target.weight_changed", "target.unmeasurable",
    "target.missing_subdimension", "target.cost_not_bounded", "target.rate_over_100", "target.low_satisfaction",
    "target.duplicate", "target.annual_inconsistent", "target.weights_sum", "target.below_peers",
    "target.fell_budget_rose",
}  # fmt: skip


def test_cycle_imports_no_io_store_read_or_cli() -> None:
    for path in CYCLE.glob("*.py"):
        imported = _imports(path)
        assert not imported & IO_LIBS, path
        assert not any(
            n.startswith(("jixiao.store", "jixiao.read", "jixiao.write", "jixiao.cli")) for n in imported
        )


def test_public_surface_is_complete() -> None:
    for name in jixiao.cycle.__all__:
        assert hasattr(jixiao.cycle, name), name


def test_new_codes_are_catalogued_and_documented() -> None:
    assert set(CATALOGUE) >= CYCLE_CODES
    for code in CYCLE_CODES:
        t = CATALOGUE[code]
        assert t.title and t.rule and t.template, code
    doc = (CYCLE.parents[1] / "docs" / "cycle.md").read_text(encoding="utf-8")
    assert all(f"`{code}`" in doc for code in CYCLE_CODES)
