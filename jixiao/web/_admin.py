"""The 管理员 pages: users, unit aliases and each year's 评分规则, with re-scoring a year's
stored forms under it: in a worker thread of the app (``store.run_rescore``; 10^4 forms take
minutes, longer than a browser waits for a request), one run per year, its page polling the
progress the run writes to the database."""

from __future__ import annotations

import threading
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from jixiao import store
from jixiao.score import rule_set_names
from jixiao.vocabulary import rule_set_title
from jixiao.web._auth import check_csrf, db_of, roles
from jixiao.web._views import User, back, render

__all__ = ["admins"]

admins = APIRouter(dependencies=[Depends(roles("admin")), Depends(check_csrf)], include_in_schema=False)


@admins.get("/admin", response_class=HTMLResponse)
def admin(request: Request, message: str | None = None) -> Response:
    return _admin_page(request, message=message)


def _admin_page(
    request: Request, status: int = 200, message: str | None = None, error: str | None = None, **typed: str
) -> Response:
    """The admin page; a refused addition comes back as an error beside what was typed."""
    db = db_of(request)
    years = store.form_years(db)
    return render(
        request,
        "admin.html",
        status,
        users=store.list_users(db),
        units=store.list_units(db),
        role_labels=store.ROLE_LABELS,
        rule_sets=rule_set_names(),
        rule_set_titles={name: rule_set_title(name) for name in rule_set_names()},  # named as everywhere
        years=[(y, store.rule_set_for_year(db, y)) for y in years],
        message=message,
        error=error,
        typed=typed,
    )


@admins.post("/admin/users", response_class=HTMLResponse)
def admin_add_user(
    request: Request,
    name: Annotated[str, Form()],
    password: Annotated[str, Form()],
    role: Annotated[str, Form()],
    units: Annotated[str, Form()] = "",
) -> Response:
    try:
        store.add_user(db_of(request), name, password, role, [u for u in units.splitlines() if u.strip()])
    except store.UserError as e:
        return _admin_page(request, 400, error=f"未添加用户：{e}", name=name, role=role, units=units)
    return back(f"/admin?message={quote('已添加用户 ' + name.strip())}")


@admins.post("/admin/aliases", response_class=HTMLResponse)
def admin_alias(request: Request, alias: Annotated[str, Form()], unit: Annotated[str, Form()]) -> Response:
    try:
        store.add_alias(db_of(request), alias, unit)
    except store.AliasError as e:
        return _admin_page(request, 400, error=f"未添加别名：{e}", alias=alias, unit=unit)
    return back(f"/admin?message={quote('已添加别名 ' + alias.strip())}")


@admins.post("/admin/rules")
def admin_rules(
    request: Request,
    user: User,
    year: Annotated[int, Form()],
    rule_set: Annotated[str, Form()] = "",
    then: Annotated[str, Form()] = "save",
) -> Response:
    """Save a year's 评分规则; ``then=rescore`` also re-scores the year's stored forms under it."""
    if rule_set and rule_set not in rule_set_names():
        raise HTTPException(422, f"未知的评分规则：{rule_set}")
    db = db_of(request)
    store.set_year_rule_set(db, year, rule_set or None)
    chosen = f"为“{rule_set_title(rule_set)}”" if rule_set else "为按表自动选择"
    if then == "rescore":
        return _rescore(request, year, user.name, f"{year} 年度评分规则已改{chosen}；")
    _, stored = store.list_queue(db, store.QueueFilter(year=year), limit=0)
    message = (
        f"{year} 年度评分规则已改{chosen}；本年度已入库的 {stored} 张表尚未按新规则重新评分"
        "（点“保存并重新评分”即按所选规则重算，审核结论保留）"
    )
    return back(f"/admin?message={quote(message)}")


@admins.post("/admin/rescore")
def admin_rescore(request: Request, user: User, year: Annotated[int, Form()]) -> Response:
    """Re-score a year's stored forms under the rule set already chosen for it."""
    return _rescore(request, year, user.name, "")


def _rescore(request: Request, year: int, by: str, prefix: str) -> Response:
    """Start the year's run in a worker thread and show its progress page; a rule set that
    cannot be loaded is refused at once, a run of the year already going is shown instead."""
    from jixiao.score.rules import RuleSetError, load_rule_set

    db = db_of(request)
    rules = store.rule_set_for_year(db, year)
    try:
        if rules:
            load_rule_set(rules)
    except RuleSetError as e:
        return _admin_page(request, 400, error=f"未重新评分：{year} 年度的评分规则无法使用（{e}）")
    token = store.start_rescore(db, year, by)
    if token is None:
        return back(f"/admin/rescore/{year}?message={quote(f'{year} 年度正在重新评分，请等待本次完成')}")

    def describe(result: store.RescoreResult) -> str:
        title = f"“{rule_set_title(result.rule_set)}”" if result.rule_set else "各表自动选择的规则"
        return prefix + result.message(title)

    worker = threading.Thread(
        target=store.run_rescore, args=(db, year, token, describe), name=f"jixiao-rescore-{year}", daemon=True
    )
    worker.start()
    return back(f"/admin/rescore/{year}")


@admins.get("/admin/rescore/{year}", response_class=HTMLResponse)
def admin_rescore_page(request: Request, year: int, message: str | None = None) -> Response:
    """The year's latest run: its progress (polled), then its result."""
    job = store.rescore_job(db_of(request), year)
    if job is None:
        raise HTTPException(404, f"{year} 年度没有重新评分记录")
    return render(request, "rescore.html", job=job, message=message)


@admins.get("/admin/rescore/{year}/progress", response_class=HTMLResponse)
def admin_rescore_progress(request: Request, year: int) -> Response:
    """The progress block alone (htmx replaces it each second while the run goes on)."""
    job = store.rescore_job(db_of(request), year)
    if job is None:
        raise HTTPException(404, f"{year} 年度没有重新评分记录")
    return render(request, "_rescore_progress.html", job=job)
