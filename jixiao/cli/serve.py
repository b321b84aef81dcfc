"""``jixiao serve`` (the web application) and ``jixiao user`` (accounts)."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer

from jixiao.cli._common import err, fail, out
from jixiao.cli.store import DB_HELP

user_app = typer.Typer(help="管理网页界面的账号（管理员、审核人员、填报人）。", no_args_is_help=True)
ROLE_HELP = "角色：admin（管理员）、reviewer（审核人员）、filler（填报人）"


def register(app: typer.Typer) -> None:
    app.command("serve", help="启动网页界面（浏览器中填报、审核、退回）。")(serve_command)
    app.add_typer(user_app, name="user")


def serve_command(
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    host: Annotated[str, typer.Option("--host", help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 8000,
    max_upload_mb: Annotated[
        int, typer.Option("--max-upload-mb", min=1, help="一次上传的大小上限（MB）")
    ] = 20,
    secure_cookies: Annotated[
        bool, typer.Option("--secure-cookies", help="Cookie 只经 HTTPS 传送（在 HTTPS 反向代理之后使用）")
    ] = False,
    scan_cache: Annotated[
        Path | None,
        typer.Option(
            "--scan-cache",
            metavar="目录",
            help="扫描件页面图像与截图的缓存目录；默认在 SQLite 数据库文件旁（<文件名>.pages），"
            "其他数据库为 ~/.cache/jixiao/pages",
        ),
    ] = None,
) -> None:
    import uvicorn

    from jixiao.store import StoreError
    from jixiao.web import WebSettings, create_app

    try:
        app = create_app(
            db,
            WebSettings(
                max_upload_bytes=max_upload_mb * 1024 * 1024,
                secure_cookies=secure_cookies,
                scan_cache=scan_cache,
            ),
        )
    except StoreError as e:
        fail(str(e))
    err.print(f"jixiao 网页界面：http://{host}:{port}/ （按 Ctrl+C 停止）", markup=False, highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


@user_app.command("add", help="添加账号；不给 --password 时从终端读取。")
def user_add(
    name: Annotated[str, typer.Argument(help="用户名")],
    role: Annotated[str, typer.Option("--role", help=ROLE_HELP)],
    unit: Annotated[
        list[str] | None, typer.Option("--unit", help="绑定的单位（填报人必填，可重复给出）")
    ] = None,
    password: Annotated[str | None, typer.Option("--password", help="密码（至少 8 位）")] = None,
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
) -> None:
    from jixiao.store import Database, StoreError, UserError, add_user

    if role == "filler" and not unit:
        fail("填报人必须绑定单位（--unit 单位名称，可重复给出）")
    if password is None:
        password = getpass.getpass("密码：")
        if getpass.getpass("再次输入密码：") != password:
            fail("两次输入的密码不一致")
    try:
        with Database(db) as database:
            user = add_user(database, name, password, role, unit)
    except (StoreError, UserError) as e:
        fail(str(e))
    units = f"，单位：{'、'.join(user.unit_names)}" if user.unit_names else ""
    out.print(f"已添加用户 {user.name}（{user.role_label}{units}）", markup=False, highlight=False)


@user_app.command("list", help="列出账号。")
def user_list(db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None) -> None:
    from jixiao.store import Database, StoreError, list_users

    try:
        with Database(db, create=False) as database:
            users = list_users(database)
    except StoreError as e:
        fail(str(e))

    from jixiao.cli._console import escape, new_table

    table = new_table("用户名", "角色", "单位")
    for u in users:
        table.add_row(escape(u.name), u.role_label, escape("、".join(u.unit_names)) or "全部")
    out.print(table)
