"""Cleaning printed cell text of layout noise, and small parsers for printed figures.

Layout noise is what a PDF conversion adds: HTML tags, LaTeX math, Markdown emphasis,
spaces and line breaks inside Chinese words. What the form *prints* is kept.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

_CHECKED = re.compile(r"<input\b[^>]*\bchecked\b[^>]*>", re.I)
_UNCHECKED = re.compile(r"<input\b[^>]*>", re.I)
_BREAK = re.compile(r"<\s*(br|/p|/li|/div|/tr)\s*/?>", re.I)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_LATEX = re.compile(r"\$([^$]*)\$")
_LATEX_CMDS = {
    r"\geq": "≥",
    r"\geqslant": "≥",
    r"\ge": "≥",
    r"\leq": "≤",
    r"\leqslant": "≤",
    r"\le": "≤",
    r"\times": "×",
    r"\cdot": "·",
    r"\%": "%",
    r"\*": "*",
    r"\neq": "≠",
    r"\pm": "±",
}
_LATEX_CMD = re.compile(r"\\[a-zA-Z]+|\\[%*]")
# A CJK character or full-width punctuation: whitespace next to one is layout noise.
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’、。，；：！？（）《》【】·…—"
_WIDE_CHAR = re.compile(rf"[{_WIDE}]")
_WS_RUN = re.compile(r"\s+")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_DASH_RULE = re.compile(r"^[\s\-|:=_]+$")
_MD_EMPH = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")


def _latex(match: re.Match[str]) -> str:
    body = match.group(1)
    body = _LATEX_CMD.sub(lambda m: _LATEX_CMDS.get(m.group(0), ""), body)
    return body.replace("{", "").replace("}", "").strip()


def clean_markup(text: str) -> str:
    """Remove HTML/LaTeX/Markdown markup, keeping ticks as ☑/☐ and paragraph breaks as newlines."""
    if "<" in text:
        text = _CHECKED.sub("☑", text)
        text = _UNCHECKED.sub("☐", text)
        text = _BREAK.sub("\n", text)
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    if "$" in text:
        text = _LATEX.sub(_latex, text)
    if "*" in text or "_" in text:
        text = _MD_EMPH.sub(lambda m: m.group(1) or m.group(2) or "", text)
    return text.replace("\\*", "*")


# A number typed with a Chinese IME in full-width mode: "２４５０．６" "８６．００％" "１，２３４"
_WIDE_NUMBER = re.compile("[\uff10-\uff19](?:[\uff10-\uff19\uff05]|[\uff0e\uff0c.,](?=[\uff10-\uff19]))*")
_NARROW = {c: c - 0xFEE0 for c in (*range(0xFF10, 0xFF1A), 0xFF05, 0xFF0E, 0xFF0C)}


def narrow_numbers(text: str) -> str:
    """Full-width digits, decimal point, per cent and thousands comma of a number as ASCII (what
    NFKC makes of them, so the text compares equal); a full-width comma between words stays."""
    return _WIDE_NUMBER.sub(lambda m: m.group(0).translate(_NARROW), text)


@lru_cache(maxsize=65536)
def clean_cell(text: str) -> str:
    """A cell's printed text without layout noise: markup gone, spaces inside words gone,
    numbers typed in full width (``２４５０．６``) read as the numbers they print."""
    if not _NEEDS_WORK.search(text):
        return text  # most cells: no markup, no spaces, no full-width digits
    text = clean_markup(text)
    if _WIDE_NUMBER.search(text):
        text = narrow_numbers(text)
    lines = [_squeeze(line) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


_WRAP = re.compile(r"(?<=[\u4e00-\u9fff，、（(])\n(?=[\u4e00-\u9fff）)])")


def join_lines(text: str) -> str:
    """A cell's lines joined where the break falls inside Chinese text (layout, not content)."""
    return _WRAP.sub("", text) if "\n" in text else text


_NEEDS_WORK = re.compile(r"[\s<>&$*_\\\uff10-\uff19]")


_SPACE_AFTER_SIGN = re.compile(r"(?<=[≥≤<>=＞＜])\s+(?=[-\d.])")


def _squeeze(line: str) -> str:
    line = _SPACES.sub(" ", line).strip()
    if " " not in line:
        return line
    line = _SPACE_AFTER_SIGN.sub("", line)
    return drop_space_near_wide(line)


def drop_space_near_wide(line: str) -> str:
    """Whitespace next to a CJK character or full-width punctuation removed, in linear time.

    Exactly what ``re.sub(r"(?<=[WIDE])\\s+|\\s+(?=[WIDE])", "", line)`` gives, but that
    pattern retries ``\\s+`` from every position of a long blank run (quadratic: a 100 KB run
    of U+2000 took minutes). Here each run is walked once, emulating the regex's leftmost,
    greedy choices (a wide character may itself be a space: U+3000).
    """
    wide = _WIDE_CHAR.match
    out: list[str] = []
    last = 0
    n = len(line)
    for m in _WS_RUN.finditer(line):
        i, j = m.span()
        out.append(line[last:i])
        last = j
        followed = j < n and wide(line, j) is not None
        inner = -1  # the last wide character inside the run (a full-width space)
        for q in range(j - 1, i, -1):
            if wide(line, q) is not None:
                inner = q
                break
        p = i
        while p < j:
            if p > 0 and wide(line, p - 1) is not None:
                break  # (?<=WIDE)\s+ takes the rest of the run
            if followed:
                break  # \s+(?=WIDE) takes the rest of the run
            if inner > p:
                p = inner  # \s+(?=WIDE) up to the wide space inside the run
                continue
            out.append(line[p])
            p += 1
    out.append(line[last:])
    return "".join(out)


_WS = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def compact(text: str) -> str:
    """NFKC without any whitespace: the form in which labels and titles are compared."""
    return _WS.sub("", unicodedata.normalize("NFKC", text))


def is_rule_line(text: str) -> bool:
    """A Markdown table rule such as ``----|---``."""
    return bool(text) and bool(_DASH_RULE.match(text)) and "-" in text


# ---------------------------------------------------------------- weights in labels

# The one points pattern: a bracketed figure with or without 分 — （20分）, (XX 分), (60). Labels
# are compared without it (``strip_points``); ``split_weight`` reads a weight from it.
POINTS = re.compile(r"[（(]\s*(?P<w>[\dXx.]+)\s*(?P<fen>分)?\s*[)）]")
_WEIGHT_FIGURE = re.compile(r"\d+(?:\.\d+)?|[Xx]{1,3}")  # a weight with 分: a number or a placeholder
_BARE_FIGURE = re.compile(r"\d{1,3}(?:\.\d+)?")  # a weight without 分: a number only
_BARE_AFTER = re.compile(r"[\u4e00-\u9fff\d]")  # … printed right after a label or a figure
_WEIGHT_ONLY = re.compile(r"^[(（]?\s*(?:\d+(?:\.\d+)?|[Xx]{1,3})\s*分\s*[)）]?$")


def strip_points(text: str) -> str:
    """``text`` without its bracketed points (``产出指标（50分）`` → ``产出指标``)."""
    return POINTS.sub("", text)


@lru_cache(maxsize=65536)
def split_weight(text: str) -> tuple[str, float | None, bool]:
    """``"产出 指标 (7分)"`` → ``("产出指标", 7.0, True)``.

    The third item says whether a weight was printed at all; ``"(XX 分)"`` prints a
    placeholder weight, returned as ``None`` with ``True``. Points printed without 分 count only
    at the end of the label (``"产出指标 (60)"``), up to 100.
    """
    found = [m for m in POINTS.finditer(text) if m.group("fen") and _WEIGHT_FIGURE.fullmatch(m.group("w"))]
    if not found:
        bare = _bare_weight(text)
        if bare is not None:
            return bare
        return text, None, False
    m = found[-1]  # the weight is printed last: "(万元) (20分)"
    label = (text[: m.start()] + text[m.end() :]).strip(" ：:")
    w = m.group("w")
    weight = None if w.lower().startswith("x") else float(w)
    return label.strip(), weight, True


def _bare_weight(text: str) -> tuple[str, float, bool] | None:
    """``"产出指标 (60)"``: the last bracketed figure without 分, closing the text after a label."""
    found = list(POINTS.finditer(text))
    last = found[-1] if found else None
    if (
        last is None
        or last.group("fen")
        or text[last.end() :].strip()
        or not _BARE_FIGURE.fullmatch(last.group("w"))
    ):
        return None
    before = text[: last.start()].rstrip()
    if not before or not _BARE_AFTER.fullmatch(before[-1]) or float(last.group("w")) > 100:
        return None
    return before.strip(" ：:"), float(last.group("w")), True


# A list number before an indicator's name: "1." "2、" "（3）" "(4)" "⑤" "六、", with a ★ before or after
_ENUMERATOR = re.compile(
    r"^\s*(?:\d{1,2}\s*[.．、](?!\d)|[(（]\s*\d{1,2}\s*[)）]|[\u2460-\u2473]|[一二三四五六七八九十]{1,3}、)\s*"
)


def strip_enumerator(label: str) -> tuple[str, bool]:
    """An indicator's name without its list number and core-indicator ``★``; whether it was starred.
    Offices number the 三级指标 rows (``1.`` ``（1）`` ``①``); the number is layout, not the name."""
    text = label.strip()
    starred = False
    for _ in range(2):
        if text.startswith("★"):
            text, starred = text.lstrip("★").strip(), True
        m = _ENUMERATOR.match(text)
        if m and m.end() < len(text):
            text = text[m.end() :].strip()
    return text, starred


@lru_cache(maxsize=16384)
def is_weight_only(text: str) -> bool:
    """A cell that prints nothing but a weight, e.g. ``"(1分)"`` wrapped from the cell above."""
    return bool(_WEIGHT_ONLY.match(compact(text)))


# ---------------------------------------------------------------- printed numbers

_NUMBER = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?")
_SCORE = re.compile(r"^-?\d+(?:\.\d+)?\s*分?$")


def first_number(text: str | None) -> float | None:
    """The first number printed in a cell: ``"940(压缩后)"`` → 940, ``"12,517.42"`` → 12517.42."""
    if not text:
        return None
    m = _NUMBER.search(text)
    return float(m.group(0).replace(",", "")) if m else None


_AFTER_CUT = re.compile(r"(-?\d[\d,]*(?:\.\d+)?)\s*[(（][^()（）]*(?:后|调整)[^()（）]*[)）]")


def amount(text: str | None) -> float | None:
    """A printed amount; of "9000（压缩前）7200（压缩后）" the figure after the cut or adjustment."""
    if not text:
        return None
    m = _AFTER_CUT.search(text)
    if m:
        return float(m.group(1).replace(",", ""))
    return first_number(text)


def numbers(text: str) -> list[str]:
    return [m.group(0) for m in _NUMBER.finditer(text)]


def score_value(text: str | None) -> float | None:
    """A printed score: a bare number, optionally followed by 分 (``"7.11分"``)."""
    if not text:
        return None
    t = compact(text)
    if not _SCORE.match(t):
        return None
    return float(t.rstrip("分"))


_PERCENT_WEIGHT = re.compile(r"^(\d+(?:\.\d+)?)[%％]$")


def weight_value(text: str | None) -> float | None:
    """A printed weight: a score (``"20"``, ``"20分"``) or a share of the form's 100 points
    printed as a percentage under the 分值/权重 column (``"20%"`` → 20)."""
    value = score_value(text)
    if value is not None or not text:
        return value
    m = _PERCENT_WEIGHT.match(compact(text))
    return float(m.group(1)) if m else None


def is_score_like(text: str, limit: float = 100.0) -> bool:
    value = score_value(text)
    return value is not None and -limit <= value <= limit


def rate_value(text: str | None) -> float | None:
    """An execution rate as a fraction: ``"68.83%"`` → 0.6883, ``"0.4446"`` → 0.4446.

    A bare number above 2 is read as a percentage printed without its sign (``"67.24"``).
    """
    if not text:
        return None
    t = compact(text)
    m = _NUMBER.search(t)
    if not m:
        return None
    value = float(m.group(0).replace(",", ""))
    if "%" in t[m.end() : m.end() + 2] or value > 2:
        return round(value / 100, 10)
    return value


_DATE = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})?")


def iso_date(text: str | None) -> str | None:
    """``"2021年6月30日"`` / ``"2021.7.2"`` → ISO date; a missing day prints as the month's start."""
    if not text:
        return None
    m = _DATE.search(compact(text))
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


_YEAR = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)")


def year_in(text: str | None) -> int | None:
    if not text:
        return None
    m = _YEAR.search(compact(text))
    return int(m.group(1)) if m else None
