"""The web application: routes, templates and static assets over the store, score and review code.

``create_app(db)`` builds it; ``jixiao serve`` runs it with uvicorn. No rule lives here: every
score and finding is computed by ``jixiao.review`` and every record kept by ``jixiao.store``.
"""

from __future__ import annotations

from jixiao.web._app import WebSettings, create_app

__all__ = ["WebSettings", "create_app"]
