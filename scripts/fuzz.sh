#!/usr/bin/env bash
# Fuzz every reader with atheris for a fixed budget (FUZZ_SECONDS per format, default 60), from the
# corpus kept in tests/fuzz/corpus/FORMAT. New interesting inputs are added to a scratch copy
# (not to the repository); crashes land in tests/fuzz/findings/. Exit 1 if anything crashed.
#   bash scripts/fuzz.sh            # all formats
#   FUZZ_SECONDS=600 bash scripts/fuzz.sh xlsx pdf
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/python -c "import atheris" 2>/dev/null || .venv/bin/python -m pip install -q atheris
seconds=${FUZZ_SECONDS:-60}
formats=("$@")
[ ${#formats[@]} -eq 0 ] && formats=(text xlsx docx pdf html)
mkdir -p tests/fuzz/findings
status=0
for fmt in "${formats[@]}"; do
  scratch=$(mktemp -d "/tmp/jixiao-fuzz-$fmt.XXXXXX")
  cp -r "tests/fuzz/corpus/$fmt/." "$scratch/" 2>/dev/null || true
  echo "== $fmt: ${seconds}s from $(ls "$scratch" | wc -l) corpus files" >&2
  if ! .venv/bin/python tests/fuzz/fuzz_read.py "$fmt" "$scratch" \
      -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -max_len=200000 \
      -artifact_prefix="tests/fuzz/findings/$fmt-" -print_final_stats=1; then
    status=1
  fi
  rm -rf "$scratch"
done
exit $status
