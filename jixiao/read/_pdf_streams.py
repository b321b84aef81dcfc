"""A PDF's Flate streams bounded before the PDF library inflates them (decompression bombs).

pdfium inflates in C, where no limit of ours can reach it, so the file is measured first: each
stream's data is fed through zlib in chunks with a bounded output, which is thrown away, once
per ``/FlateDecode`` layer its dictionary declares. Over ``max_pdf_stream_mb`` for one stream
or ``max_pdf_decoded_mb`` for the file: ``LimitError``.

Cheap by design: Deflate cannot inflate more than ~1032 bytes per input byte, so a one-layer
stream too short to reach the limits is not inflated at all. A form PDF of a few hundred KB is
checked without inflating anything; a bomb must be long enough to be inflated and is stopped
at the limit. (LZW- and run-length-coded streams are rare and are not measured.)
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from jixiao.read._limits import MB, LimitError, _fmt
from jixiao.settings import limits

__all__ = ["check_pdf_streams"]

# the keyword alone (a literal prefix: searched for by re's fast scan; a lookbehind before it
# made re try every byte, 1.5 ms per 75 KB form) — ``endstream`` is told apart in ``_streams``
_STREAM = re.compile(rb"stream\r?\n")
_MAX_RATIO = 1040  # Deflate's ceiling is 1032:1 (258-byte matches at one bit each), plus headers
_CHUNK = 1 << 16
_OUT = 1 << 20


def check_pdf_streams(path: Path, data: bytes) -> None:
    """``LimitError`` if a stream of ``data`` or all of them inflate past the limits."""
    streams = list(_streams(data))
    if not _within(path, data, streams, exact=False):
        _within(path, data, streams, exact=True)


def _streams(data: bytes) -> Iterator[tuple[int, int, int]]:
    """(start, end, Flate layers) of each stream: its data up to ``endstream``, layers ≥ 1."""
    for m in _STREAM.finditer(data):
        if data[max(0, m.start() - 3) : m.start()] == b"end":
            continue
        start = m.end()
        end = data.find(b"endstream", start)
        head = data[max(0, data.rfind(b"obj", 0, m.start())) : m.start()]
        yield start, len(data) if end < 0 else end, max(1, head.count(b"/FlateDecode"))


def _within(path: Path, data: bytes, streams: list[tuple[int, int, int]], exact: bool) -> bool:
    """Raise over a limit; False when a bound (not a measure) passed the file limit (measure all)."""
    lim = limits()
    one, every = lim.max_pdf_stream_mb * MB, lim.max_pdf_decoded_mb * MB
    view = memoryview(data)
    total = 0
    for start, end, layers in streams:
        bound = _MAX_RATIO * (end - start)
        if not exact and layers == 1 and bound <= one:
            total += bound  # cannot pass the stream limit; counted at its most
        else:
            size = _inflated(view[start:end], layers, int(one) + 1)
            if size > one:
                found = f"一个数据流超过 {_fmt(lim.max_pdf_stream_mb)} MB"
                raise LimitError(path, "max_pdf_stream_mb", found, f"{_fmt(lim.max_pdf_stream_mb)} MB")
            total += size
        if total > every:
            if not exact:
                return False
            found = f"超过 {_fmt(lim.max_pdf_decoded_mb)} MB"
            raise LimitError(path, "max_pdf_decoded_mb", found, f"{_fmt(lim.max_pdf_decoded_mb)} MB")
    return True


def _inflated(raw: memoryview, layers: int, cap: int) -> int:
    """Bytes ``raw`` inflates to through ``layers`` zlib layers, counted up to ``cap``."""
    chunks: Iterator[bytes | memoryview] = (raw[i : i + _CHUNK] for i in range(0, len(raw), _CHUNK))
    for _ in range(layers):
        chunks = _inflate(chunks)
    size = 0
    try:
        for out in chunks:
            size += len(out)
            if size >= cap:
                break
    except zlib.error:  # not zlib data (an image, plain content) or its damaged end: what came out counts
        pass
    return size


def _inflate(chunks: Iterator[bytes | memoryview]) -> Iterator[bytes]:
    d = zlib.decompressobj()
    for chunk in chunks:
        while chunk:
            out = d.decompress(chunk, _OUT)
            if out:
                yield out
            chunk = d.unconsumed_tail
        if d.eof:
            return
