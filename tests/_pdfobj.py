"""Hand-made PDFs for tests: numbered objects serialised with a correct cross-reference table."""

from __future__ import annotations

import io


def pdf_from_objects(objects: list[bytes], trailer: str = "") -> bytes:
    """A PDF of ``objects`` (object 1 the catalog); ``trailer`` adds entries to the trailer dict."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()
