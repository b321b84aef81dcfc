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
