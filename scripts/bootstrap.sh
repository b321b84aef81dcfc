#!/usr/bin/env bash
# Create .venv and install the locked dependencies plus jixiao itself. Idempotent and quiet;
# pip's own output is shown only when an install fails.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
if [ ! -f .venv/.installed ] || [ requirements.lock -nt .venv/.installed ] || [ pyproject.toml -nt .venv/.installed ]; then
  log=$(mktemp)
  pip_install() { .venv/bin/python -m pip install -q --disable-pip-version-check "$@" >>"$log" 2>&1 || { cat "$log" >&2; exit 1; }; }
  echo "正在安装依赖（requirements.lock）……" >&2
  pip_install --upgrade pip
  pip_install -r requirements.lock
  pip_install --no-deps -e .
  rm -f "$log"
  touch .venv/.installed
fi
# Front-end libraries (htmx, ECharts, Swagger UI) from the npm registry, served by jixiao serve
# from jixiao/web/static/vendor/ (not committed): pages never fetch anything from the internet.
vendor=jixiao/web/static/vendor
if [ ! -f "$vendor/.installed" ] || [ package-lock.json -nt "$vendor/.installed" ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "正在安装前端库（package-lock.json）……" >&2
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
    mkdir -p "$vendor"
    cp node_modules/htmx.org/dist/htmx.min.js node_modules/echarts/dist/echarts.min.js \
      node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css "$vendor/"
    touch "$vendor/.installed"
  else
    echo "未找到 npm：网页界面的图表和局部刷新不可用（apt-get install npm 后重新运行本脚本）" >&2
  fi
fi
