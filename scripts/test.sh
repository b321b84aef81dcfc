#!/usr/bin/env bash
# Install what the tests need (Python deps; on a root Debian machine also LibreOffice, CJK fonts,
# poppler and PostgreSQL), then run lint and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
bash scripts/system-deps.sh || echo "（系统依赖未能全部安装，相关测试将跳过）"
.venv/bin/ruff check jixiao tests benchmarks
# shellcheck disable=SC1091
source scripts/postgres.sh || echo "（PostgreSQL 未启动，PostgreSQL 测试将跳过）"
.venv/bin/python -m pytest -n 2 "$@"
