#!/usr/bin/env bash
# Trains the Rasa model and records how long it took and its peak memory (read by `make bench`).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv-bot/bin/python -m bot.nlu.spacy_pipeline which
mkdir -p models
start=$(date +%s)
echo 0 > models/.train-maxrss-kb
timer=()
[[ -x /usr/bin/time ]] && timer=(/usr/bin/time -f '%M' -o models/.train-maxrss-kb)
"${timer[@]}" .venv-bot/bin/rasa train --config bot/config.yml --domain bot/domain \
  --data data/nlu data/rules data/stories --out models --fixed-model-name rehab "$@"
seconds=$(( $(date +%s) - start ))
printf '{"seconds": %d, "max_rss_mb": %d, "pipeline": "%s", "date": "%s", "cores": %d}\n' \
  "$seconds" "$(( $(cat models/.train-maxrss-kb) / 1024 ))" \
  "$(.venv-bot/bin/python -c 'from bot.nlu.spacy_pipeline import resolve; print(resolve().identity)')" \
  "$(date -I)" "$(nproc)" > models/rehab.stats.json
cat models/rehab.stats.json
