"""Page models: one plain dataclass per page, rendered as HTML and returned as the /api/ JSON twin.

Everything here is read from the store or computed by the review package
(``review_document``); the web layer only arranges it (datasette's documented template context).
One module per page: ``form`` (the form page), ``queue`` (queue and overview), ``scan`` (the
scanned pages of a form). Tunables (``queue.PAGE_SIZE``, ``queue.CARRY_EVERY_S``) are
set on their module.
"""

from jixiao.web.pages._common import KIND_LABELS, evaluate, to_json
from jixiao.web.pages.form import FindingItem, FormPage, build_form_page, build_live_page, finding_anchor
from jixiao.web.pages.queue import (
    SORT_LABELS,
    OverviewPage,
    QueuePage,
    build_overview,
    build_queue,
    decode_key,
    encode_key,
)
from jixiao.web.pages.scan import ScanView, build_scan_view

__all__ = [
    "KIND_LABELS",
    "SORT_LABELS",
    "FindingItem",
    "FormPage",
    "OverviewPage",
    "QueuePage",
    "ScanView",
    "build_form_page",
    "build_live_page",
    "build_overview",
    "build_queue",
    "build_scan_view",
    "decode_key",
    "encode_key",
    "evaluate",
    "finding_anchor",
    "to_json",
]
