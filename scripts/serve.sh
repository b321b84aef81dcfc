#!/usr/bin/env bash
# Open the web application: install (Python deps and the front-end libraries from npm), then
# run `jixiao serve` on http://127.0.0.1:8000/ with the database ./jixiao.db (or $JIXIAO_DB).
# On first start the browser asks for an administrator account, then offers 导入示例数据.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/jixiao serve "$@"
