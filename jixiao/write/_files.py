"""The one way a writer puts a file on disk (implemented once, in ``jixiao._atomic``)."""

from __future__ import annotations

from jixiao._atomic import OutputExistsError, atomic_output, write_text

__all__ = ["OutputExistsError", "atomic_output", "write_text"]
