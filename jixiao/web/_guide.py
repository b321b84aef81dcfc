"""使用说明 (/help) and its JSON twin (/api/help), for every logged-in role."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from jixiao import store
from jixiao.web._auth import check_csrf, current_user
from jixiao.web._views import render
from jixiao.web.pages import to_json
from jixiao.web.pages.guide import build_guide

__all__ = ["api", "pages"]

pages = APIRouter(dependencies=[Depends(current_user), Depends(check_csrf)], include_in_schema=False)
api = APIRouter(prefix="/api", tags=["说明"], dependencies=[Depends(current_user), Depends(check_csrf)])

User = Annotated[store.User, Depends(current_user)]


@pages.get("/help", response_class=HTMLResponse)
def help_page(request: Request, user: User) -> Response:
    return render(request, "help.html", page=build_guide(user))


@api.get("/help", summary="使用说明：各角色的工作步骤、可读取的文件、全部审核发现与评分规则")
def help_json(user: User) -> Any:
    return to_json(build_guide(user))
