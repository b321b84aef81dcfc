"""What a person sees on the pages: the choices offered, the words used, the way back from an error."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi.testclient import TestClient

from jixiao.read._registry import supported_suffixes


def test_the_file_picker_offers_every_type_a_reader_takes(
    client_for: Callable[[str | None], TestClient],
) -> None:
    """The browser's file picker hides what ``accept`` leaves out: .html and .csv forms were not
    selectable although the overview invites them."""
    page = client_for("reviewer").get("/upload").text
    accept = re.search(r'<input type="file"[^>]*accept="([^"]*)"', page)
    assert accept, "upload page has no file input with accept"
    offered = set(accept[1].split(","))
    assert offered == set(supported_suffixes())
    assert {".html", ".csv", ".tsv", ".xlsm"} <= offered
    assert "不超过 2 MB" in page  # the fixture's limit, said before the upload
