"""Finding the forms and narrative reports in a document's rows: titles and their kinds."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from jixiao.model import FormKind
from jixiao.read._clean import compact
from jixiao.read._grid import Row
from jixiao.read._headers import simplified
from jixiao.read._vocab import is_indicator_header

FORM_TITLE = re.compile(
    r"(自评表|目标表|评价表|评分表|申报表|批复表|评价指标表|支出绩效目标)(?:[(（][^)）]{0,12}[)）])?$"
)

# what a file name or a page adds after a title: "….xlsx", "…_第1页", "…（第2页）"
FILE_SUFFIX = re.compile(r"\.(?:xlsx|xlsm|xls|docx|doc|pdf|wps|et|txt|html?|csv)$", re.I)
PAGE_MARK = re.compile(r"[（(]?第\s{0,3}\d{1,4}\s{0,3}[页頁][)）]?$")


def clean_title(text: str) -> str:
    """A title as printed, without a file suffix or page mark (each looked for only in the last
    characters, so a long line costs one pass)."""
    out = text.strip()
    while True:
        tail = out[-24:]
        m = FILE_SUFFIX.search(tail) or PAGE_MARK.search(tail)
        if m is None:
            return out
        out = out[: len(out) - len(tail) + m.start()].rstrip("_-－— \t\u3000")


# ``部门整体支出绩效目标申报表（2024年度）``: the year printed on the title's own line
TITLE_YEAR = re.compile(r"\s*[（(]\s*\d{4}\s*年度?\s*[)）]$")


def without_title_year(title: str) -> str:
    """A title without a trailing ``（2024年度）``: the same mark the forms print on the line below
    the title, which is not part of the title either (templates README §3)."""
    m = TITLE_YEAR.search(title[-16:])  # looked for only in the last characters
    return title[: len(title) - len(title[-16:]) + m.start()] if m else title


REPORT_TITLE = re.compile(r"(自评结果|自评报告|评价报告)(?:[(（][^)）]{0,12}[)）])?$")

SUBTABLE_TITLE = re.compile(r"^(长期|年度|中期)(绩效)?目标表$")


_CACHED_LEN = 160  # lines up to this length are remembered (titles are short; narrative is not)


def form_title_kind(text: str) -> FormKind | None:
    """The kind a title names, or ``None`` if the text is not a form title."""
    return _title_kind(text) if len(text) <= _CACHED_LEN else _title_kind.__wrapped__(text)


@lru_cache(maxsize=65536)
def _title_kind(text: str) -> FormKind | None:
    t = compact(simplified(clean_title(text)))
    if len(t) > 80 or not FORM_TITLE.search(t) or SUBTABLE_TITLE.match(t):
        return None
    if "目标表" in t or t.endswith("支出绩效目标") or ("目标" in t and ("申报表" in t or "批复表" in t)):
        return FormKind.DEPARTMENT_TARGET if ("部门" in t or "整体" in t) else FormKind.PROJECT_TARGET
    if "申报表" in t:
        return None
    return FormKind.DEPARTMENT_SELF_EVALUATION if "整体" in t else FormKind.PROJECT_SELF_EVALUATION


def is_report_title(text: str) -> bool:
    return _report_title(text) if len(text) <= _CACHED_LEN else _report_title.__wrapped__(text)


@lru_cache(maxsize=65536)
def _report_title(text: str) -> bool:
    t = compact(simplified(clean_title(text)))
    return len(t) <= 80 and bool(REPORT_TITLE.search(t)) and not t.startswith(("一", "二", "（", "("))


def title_of(row: Row) -> str | None:
    """A row that is a title: a text line, or a table row with a single text cell."""
    texts = row.texts
    if len(texts) != 1:
        return None
    return texts[0]


@dataclass
class Segment:
    kind: FormKind | None  # None for a narrative report
    title: str
    rows: list[Row] = field(default_factory=list)
    version: str | None = None


FORM_START = re.compile(r"^(项目名称|单位名称|部门[（(]单位[)）]名称|部门名称)$")


def starts_form(rows: Iterable[Row]) -> bool:
    """Does this run of rows open a new form (rather than continue one on a new page)?"""
    for row in rows:
        if not row.table:
            continue
        c = compact(simplified(row.texts[0])) if row.texts else ""
        if FORM_START.match(c) or "预算执行情况" in c or "项目执行情况" in c:
            return True
        if is_indicator_header(row) or len(row.texts) >= 3:
            return False
    return False


def _split_titles(rows: Iterable[Row]) -> Iterator[Row]:
    """A title sharing its line with other cells (``2022年度…自评表 | 部门:XX``): the title, then
    the rest as a line of its own."""
    line: re.Pattern[str] | None = None
    for row in rows:
        texts = row.texts
        if row.table and len(texts) >= 2 and form_title_kind(texts[0]) is not None and len(texts) <= 3:
            yield Row(cells=[texts[0]], source=row.source, table=False, after_gap=row.after_gap)
            yield Row(cells=["  ".join(texts[1:])], source=row.source, table=False)
            continue
        if not row.table and len(texts) == 1:
            if line is None:
                from jixiao.read._vocab import head_line

                line = head_line()  # the vocabulary in force, looked up once per document
            m = line.search(simplified(texts[0]))
            if m and m.start() > 0 and form_title_kind(texts[0][: m.start()]) is not None:
                # "…自评表填报单位：XX" — a title and the header line run together on one line
                yield Row(cells=[texts[0][: m.start()].strip()], source=row.source, table=False)
                yield Row(cells=[texts[0][m.start() :]], source=row.source, table=False)
                continue
        yield row


_LOOKAHEAD = 39  # rows a repeated title looks at to tell a page header from a new form


def segments(rows: list[Row]) -> list[Segment]:
    return list(iter_segments(rows))


def iter_segments(rows: Iterable[Row]) -> Iterator[Segment]:
    """The document's segments (forms and reports) in printed order, each given once complete.

    Rows are taken one at a time with a window of the next ``_LOOKAHEAD``; until the first
    titled form the rows are kept, since a document without one is read as one untitled form.
    """
    current: Segment | None = None
    held: list[Segment] | None = []  # segments before the first titled form (None once it came)
    kept: list[Row] = []  # the rows, while ``held`` is not None
    source = _split_titles(rows)
    window: deque[Row] = deque()
    ended = False
    while True:
        while not ended and len(window) <= _LOOKAHEAD:
            nxt = next(source, None)
            if nxt is None:
                ended = True
            else:
                window.append(nxt)
        if not window:
            break
        row = window.popleft()  # the window is now the next ``_LOOKAHEAD`` rows
        if held is not None:
            kept.append(row)
        title = title_of(row)
        if title is not None:
            title = clean_title(title)
        if title is not None:
            kind = form_title_kind(title)
            if kind is not None:
                if (
                    current is not None
                    and current.kind is not None
                    and compact(current.title) == compact(title)
                    and not starts_form(window)
                ):
                    continue  # the form's title printed again on a new page
                new = Segment(kind=kind, title=title)
                if held is not None:
                    yield from held
                    held = None
                    kept = []
                elif current is not None:
                    yield current
                current = new
                continue
            if not row.table and is_report_title(title):
                new = Segment(kind=None, title=title)
                if held is not None:
                    held.append(new)
                elif current is not None:
                    yield current
                current = new
                continue
        if current is None:
            continue
        current.rows.append(row)
    if held is not None:
        untitled = _untitled(kept)
        if untitled is not None:
            yield untitled
        yield from held
    elif current is not None:
        yield current


def _untitled(rows: list[Row]) -> Segment | None:
    """A form printed without any title, recognised from its header cells: it starts at the
    first header field (项目名称, 单位名称 …) or table header, and its kind follows the columns."""
    from jixiao.read._headers import budget_schema, field_of, indicator_schema

    start = None
    evaluation = target = False
    for i, row in enumerate(rows):
        if not row.table:
            continue
        schema = indicator_schema(row.cells)
        if start is None and (
            schema is not None or budget_schema(row.cells) is not None or field_of(row.texts[0])
        ):
            start = i
        if schema is not None:
            roles = set(schema.roles)
            evaluation = evaluation or bool(roles & {"actual", "score"})
            target = target or "target" in roles
    if start is None or not (evaluation or target):
        return None
    department = any(
        field_of(r.texts[0]) == "unit" and not any(field_of(t) == "project" for t in r.texts)
        for r in rows[start : start + 6]
        if r.table and r.texts
    ) and not any(r.table and r.texts and field_of(r.texts[0]) == "project" for r in rows[start : start + 10])
    if evaluation:
        kind = FormKind.DEPARTMENT_SELF_EVALUATION if department else FormKind.PROJECT_SELF_EVALUATION
    else:
        kind = FormKind.DEPARTMENT_TARGET if department else FormKind.PROJECT_TARGET
    return Segment(kind=kind, title="", rows=rows[start:])


def refine_kind(seg: Segment) -> FormKind:
    """The title's kind, corrected by the header cells the form actually prints."""
    assert seg.kind is not None
    if seg.kind.is_target:
        return seg.kind
    for row in seg.rows[:30]:
        if not row.table or not row.texts:
            continue
        c = compact(simplified(row.texts[0]))
        if c == "项目名称":
            return FormKind.PROJECT_SELF_EVALUATION
        if any(
            k in compact(simplified(row.text))
            for k in ("部门整体支出总额", "基本支出总额", "部门（单位）名称")
        ):
            return FormKind.DEPARTMENT_SELF_EVALUATION
    return seg.kind
