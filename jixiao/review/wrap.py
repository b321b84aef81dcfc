"""Text wrapping for the reports: lives in ``jixiao._wrap`` so the CLI's help can wrap without
loading the review; imported from here as before."""

from jixiao._wrap import wrap_items, wrap_text

__all__ = ["wrap_items", "wrap_text"]
