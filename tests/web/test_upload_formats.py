"""The upload takes the formats offices send (.xls, .ods, .odt …) and refuses disguised files."""

from __future__ import annotations

import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "read" / "data" / "formats"


def _upload(c, name: str, content: bytes) -> str:  # type: ignore[no-untyped-def]
    r = c.post("/upload", files=[("files", (name, content, "application/octet-stream"))])
    assert r.status_code == 200
    return r.text


def test_old_and_open_formats_are_imported(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("reviewer")
    for name in ("a09_national_heritage.xls", "hidden_formats.ods", "a10_national_shelter.odt"):
        page = _upload(c, name, (DATA / name).read_bytes())
        assert "读取到 1 张表" in page, name
    assert c.get("/api/forms").json()["total"] == 3


def test_disguised_office_file_is_refused(client_for) -> None:  # type: ignore[no-untyped-def]
    page = _upload(client_for("reviewer"), "自评表.xls", b"MZ\x90\x00\x03 an executable")
    assert "自评表.xls" in page and "不符" in page


def test_picker_offers_every_readable_suffix(client_for) -> None:  # type: ignore[no-untyped-def]
    html = client_for("wenhua").get("/upload").text
    accept = re.search(r'accept="([^"]+)"', html)
    assert accept and {".xls", ".et", ".doc", ".wps", ".ods", ".odt", ".mht", ".csv"} <= set(
        accept[1].split(",")
    )
