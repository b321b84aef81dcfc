#!/usr/bin/env bash
# The main job on the bundled sample documents: read, score and review every form in examples/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
mkdir -p out
for f in examples/*.txt; do
  .venv/bin/jixiao parse "$f" --format table
done
.venv/bin/jixiao review examples/*.txt --format text
# the last line printed says where the report is and how to open it
.venv/bin/jixiao review examples/*.txt --format html -o out/review.html --force
