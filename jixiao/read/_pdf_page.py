"""One PDF page through pdfium: its characters and its ruling segments, in display coordinates.

Why pdfium (pypdfium2) and not pdfminer/pdfplumber: measured on the sample PDFs, pdfminer's
content-stream parsing was 84 % of reading a PDF form; pdfium parses the same page in C and
hands over character boxes and path segments ~9× cheaper. Only what the table finder and the
text clustering need is taken: per character its text and box, per path its straight segments.

Coordinates are display space (x to the right, y downward from the top of the page as shown,
page rotation applied), as pdfplumber reported them, so rules written against those stay.
A character's box is the one pdfminer gave: from its origin along the advance, and from the
baseline up by the font size (``top = baseline - size``) — the box is anchored on the baseline,
which keeps characters of one line on one ``top`` whatever their font.
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass
from functools import cache
from typing import Any

__all__ = ["Char", "Segment", "page_chars", "page_objects"]

_HYPHEN_MARK, _HYPHEN = 0x2, "-"  # pdfium marks a hyphen that ends a line with U+0002
_LINE_EPS = 0.01
_QUARTER = math.pi / 2
_SAME_LINE = 0.5  # pt between the tops of characters on one baseline
_NARROW_SPACE = 0.15  # em: no font's space is narrower
_NAN = float("nan")  # a segment within this of level/plumb is a ruling line (float32 coordinates)


@dataclass(slots=True)
class Char:
    """One character: its text, box (display space) and font size."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass(slots=True)
class Segment:
    """A level (``horizontal``) or plumb ruling segment: fixed coordinate ``at``, extent ``lo``-``hi``."""

    horizontal: bool
    at: float
    lo: float
    hi: float


@cache
def _direct(name: str) -> Any:
    """pdfium's ``name`` without ctypes' conversion of every argument (its return type kept).

    The bindings declare each function's argument types, and ctypes checks and converts every
    argument on every call: that was half the cost of the per-character calls (~1.3-2 µs of a
    2-3 µs call here). The same C function through an untyped pointer is called only with
    what needs no conversion — the handles and pointers the bindings returned, ``byref``
    out-parameters and Python ints for indices (passed as C ``int``, as declared).
    """
    import pypdfium2.raw as raw

    typed = getattr(raw, name)
    fn = type(typed)(ctypes.cast(typed, ctypes.c_void_p).value)
    fn.restype = typed.restype
    return fn


class _View:
    """Page space (PDF units, y up) → display space (y down, the page's /Rotate applied)."""

    def __init__(self, page: Any) -> None:
        import pypdfium2.raw as raw

        self.w = raw.FPDF_GetPageWidthF(page)
        self.h = raw.FPDF_GetPageHeightF(page)
        self.rot = raw.FPDFPage_GetRotation(page) % 4  # quarter turns clockwise
        if self.rot % 2:  # the page width/height as given are of the rotated (shown) page
            self.w, self.h = self.h, self.w

    def point(self, x: float, y: float) -> tuple[float, float]:
        rot, w, h = self.rot, self.w, self.h
        if rot == 0:
            return x, h - y
        if rot == 1:
            return y, x
        if rot == 2:
            return w - x, y
        return h - y, w - x

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """(x0, top, x1, bottom) of a page-space rectangle."""
        ax, ay = self.point(x0, y0)
        bx, by = self.point(x1, y1)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def page_chars(page: Any) -> list[Char]:
    """The page's characters in content order; characters pdfium made up (spaces, breaks) left out."""
    import pypdfium2.raw as raw

    view = _View(page)
    tp = raw.FPDFText_LoadPage(page)
    if not tp:
        return []
    out: list[Char] = []
    try:
        n = raw.FPDFText_CountChars(tp)
        rect = raw.FS_RECTF()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        rect_ref, ox_ref, oy_ref = ctypes.byref(rect), ctypes.byref(ox), ctypes.byref(oy)
        generated, unicode, owner = (
            _direct("FPDFText_IsGenerated"),
            _direct("FPDFText_GetUnicode"),
            _direct("FPDFText_GetTextObject"),
        )
        loose, origin = _direct("FPDFText_GetLooseCharBox"), _direct("FPDFText_GetCharOrigin")
        fontsize, angle = _direct("FPDFText_GetFontSize"), _direct("FPDFText_GetCharAngle")
        base: list[float] = []  # page-space baseline of each upright character (nan otherwise)
        starts: list[float] = []
        made: list[int] = []  # spaces pdfium put inside a text object
        flat, height = view.rot == 0, view.h
        for i in range(n):
            code = unicode(tp, i)
            if code == 0:
                continue
            text = _HYPHEN if code == _HYPHEN_MARK else chr(code) if code < 0x110000 else "\ufffd"
            # pdfium's own spaces and line breaks are left out, except a space it put in place of
            # a spacing inside a text object: the document may have had a space there (see below)
            if text.isspace():
                text = " "
                if generated(tp, i) == 1:
                    if not (code == 0x20 and owner(tp, i)):
                        continue
                    made.append(len(out))
            loose(tp, i, rect_ref)
            origin(tp, i, ox_ref, oy_ref)
            size = fontsize(tp, i)
            x, y = ox.value, oy.value
            if flat and abs(rect.left - x) < _LINE_EPS and rect.bottom <= y <= rect.top and size > 0:
                # the common case, told from the box without asking for the angle: upright text
                # on an unturned page; the pdfminer box (origin → advance, baseline → size)
                right = rect.right
                out.append(Char(text, x, x if x > right else right, height - y - size, height - y, size))
                base.append(y)
                starts.append(x)
                continue
            turn = angle(tp, i) / _QUARTER  # quarter turns, clockwise (pdfium's sense)
            quarter = -round(turn) % 4  # counter-clockwise: the baseline's direction on the page
            if abs(turn - round(turn)) < 1e-3 and size > 0:  # the pdfminer box, in the char's frame
                box = _char_box(view, quarter, x, y, rect, size)
                base.append(y if quarter == 0 else _NAN)
                starts.append(x)
            else:  # slanted text: pdfium's own box
                box = view.box(rect.left, rect.bottom, rect.right, rect.top)
                base.append(_NAN)
                starts.append(_NAN)
            out.append(Char(text, box[0], box[2], box[1], box[3], size))
    finally:
        raw.FPDFText_ClosePage(tp)
    if view.rot == 0:  # page space is display space along x
        _trim_overhang(out, base, starts)
    return _without_empty_spaces(out, made) if made else out


def _without_empty_spaces(chars: list[Char], made: list[int]) -> list[Char]:
    """pdfium's in-object spaces that take no room left out: only a space with width was typed.

    pdfium puts a space where a text object moves its pen forward (a typed space that it did
    not keep as a character, or a kerning step); the next character on the line starts at
    least a narrow space (0.15 em) later after a typed space, right at it after a kerning step.
    """
    drop: set[int] = set()
    for k in made:
        s = chars[k]
        after = [
            c.x0
            for c in chars
            if c.text != " " and abs(c.top - s.top) < _SAME_LINE and c.x0 >= s.x0 - _LINE_EPS
        ]
        if not after or min(after) - s.x0 < _NARROW_SPACE * s.size:
            drop.add(k)
    return [c for k, c in enumerate(chars) if k not in drop]


def _char_box(view: _View, quarter: int, x: float, y: float, rect: Any, size: float) -> tuple[float, ...]:
    """From the origin along the advance (to the glyph box's far side) and up by the font size."""
    if quarter == 0:
        return view.box(x, y, max(rect.right, x), y + size)
    if quarter == 1:  # the baseline runs up the page, the glyph's top points left
        return view.box(x - size, y, x, max(rect.top, y))
    if quarter == 2:
        return view.box(min(rect.left, x), y - size, x, y)
    return view.box(x, min(rect.bottom, y), x + size, y)


def _trim_overhang(chars: list[Char], base: list[float], starts: list[float]) -> None:
    """End a character where the next one on its baseline starts, if its glyph box reaches past.

    pdfium's loose box spans the glyph, which may overhang its advance; pdfminer's ended at the
    advance. The next character's origin is that advance (plus any spacing) on the same line.
    """
    for i in range(len(chars) - 1):
        nxt = starts[i + 1]
        c = chars[i]
        if base[i] == base[i + 1] and c.x0 < nxt < c.x1:
            c.x1 = nxt


def page_objects(page: Any) -> tuple[list[Segment], list[Char]]:
    """The ruling segments of every painted path (in forms too), and the blank text objects.

    A cell border is drawn as a stroked line or as a thin filled rectangle; both give segments
    (a rectangle its four sides). Curves and slanted strokes (a diagonal header slash) are no
    ruling lines and are left out. Paths only used for clipping are not painted and not taken.

    A text object of blank glyphs only (a space a writer set on its own) has no width, and
    pdfium's text layer drops it; it still separates the words around it, so it comes back
    here as one space character.
    """
    import pypdfium2.raw as raw

    view = _View(page)
    segments: list[Segment] = []
    blanks: list[Char] = []
    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    stack: list[tuple[Any, bool, tuple[float, ...]]] = [(page, False, identity)]
    edges = [ctypes.c_float() for _ in range(4)]  # left, bottom, right, top of one object
    left, right = edges[0], edges[2]
    edge_refs = [ctypes.byref(e) for e in edges]
    get_type, bounds = _direct("FPDFPageObj_GetType"), _direct("FPDFPageObj_GetBounds")
    while stack:
        holder, is_form, outer = stack.pop()
        count = raw.FPDFFormObj_CountObjects(holder) if is_form else raw.FPDFPage_CountObjects(holder)
        get = _direct("FPDFFormObj_GetObject" if is_form else "FPDFPage_GetObject")
        for k in range(count):
            obj = get(holder, k)
            kind = get_type(obj)
            if kind == raw.FPDF_PAGEOBJ_PATH:
                _path_segments(obj, _compose(_matrix(obj), outer), view, segments)
            elif kind == raw.FPDF_PAGEOBJ_TEXT:
                if bounds(obj, *edge_refs) and right.value - left.value <= _LINE_EPS:
                    _blank(obj, _compose(_matrix(obj), outer), view, blanks)
            elif kind == raw.FPDF_PAGEOBJ_FORM:
                stack.append((obj, True, _compose(_matrix(obj), outer)))
    return segments, blanks


def _blank(obj: Any, m: tuple[float, ...], view: _View, out: list[Char]) -> None:
    """A text object without width as one space at its origin, a quarter em wide."""
    import pypdfium2.raw as raw

    size = ctypes.c_float()
    if not raw.FPDFTextObj_GetFontSize(obj, ctypes.byref(size)) or size.value <= 0:
        return
    _, b, c, d, e, f = m
    if abs(b) > 1e-6 or abs(c) > 1e-6:  # turned text: no line of words to separate here
        return
    height = size.value * abs(d)
    x0, y0, x1, y1 = view.box(e, f, e + height / 4, f + height)
    out.append(Char(" ", x0, x1, y0, y1, height))


def _matrix(obj: Any) -> tuple[float, ...]:
    import pypdfium2.raw as raw

    m = raw.FS_MATRIX()
    if not _direct("FPDFPageObj_GetMatrix")(obj, ctypes.byref(m)):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix of ``inner`` followed by ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _path_segments(obj: Any, m: tuple[float, ...], view: _View, out: list[Segment]) -> None:
    import pypdfium2.raw as raw

    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if _direct("FPDFPath_GetDrawMode")(obj, ctypes.byref(fill), ctypes.byref(stroke)) and not (
        fill.value or stroke.value
    ):
        return
    a, b, c, d, e, f = m
    px, py = ctypes.c_float(), ctypes.c_float()
    px_ref, py_ref = ctypes.byref(px), ctypes.byref(py)
    start: tuple[float, float] | None = None
    here: tuple[float, float] | None = None
    segment, get_point = _direct("FPDFPath_GetPathSegment"), _direct("FPDFPathSegment_GetPoint")
    get_type, get_close = _direct("FPDFPathSegment_GetType"), _direct("FPDFPathSegment_GetClose")
    moveto, lineto = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_LINETO
    for j in range(raw.FPDFPath_CountSegments(obj)):
        seg = segment(obj, j)
        get_point(seg, px_ref, py_ref)
        x, y = px.value, py.value
        point = view.point(a * x + c * y + e, b * x + d * y + f)
        kind = get_type(seg)
        if kind == moveto:
            start = here = point
            continue
        if kind == lineto and here is not None:
            _add(here, point, out)
        here = point
        if get_close(seg) and start is not None:
            _add(here, start, out)
            here = start


def _add(p: tuple[float, float], q: tuple[float, float], out: list[Segment]) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) <= _LINE_EPS:
        out.append(Segment(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) <= _LINE_EPS:
        out.append(Segment(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))
