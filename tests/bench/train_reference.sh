#!/usr/bin/env bash
# Trains the bench's reference model: Rasa's default recipe, i.e. the config.yml that `rasa init`
# writes (Rasa 3.6's initial project: pipeline and policies left empty, so Rasa fills in its
# default pipeline and policies), with `language: da`, on this project's own data and domain.
# It is a yardstick for `make bench`, never served to anyone. Output:
#   build/bench/reference.tar.gz          the model
#   build/bench/reference.stats.json      training seconds and peak memory (/usr/bin/time -f %M)
#   build/bench/reference/config.yml      the exact config it was trained with
# usage: tests/bench/train_reference.sh        (make bench-reference runs it only when missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=build/bench
mkdir -p "$out/reference"
init=$(.venv-bot/bin/python -c 'import pathlib, rasa.cli; print(pathlib.Path(rasa.cli.__file__).parent / "initial_project" / "config.yml")')
# Only the language changes: `language: en` -> `language: da`.
sed 's/^language: en$/language: da/' "$init" > "$out/reference/config.yml"
grep -q '^language: da$' "$out/reference/config.yml" || { echo "no 'language: en' line in $init" >&2; exit 1; }
cp "$out/reference/config.yml" "$out/reference/config.as-copied.yml"
echo 0 > "$out/reference/.maxrss-kb"
timer=()
[[ -x /usr/bin/time ]] && timer=(/usr/bin/time -f '%M' -o "$out/reference/.maxrss-kb")
start=$(date +%s)
# --fixed-model-name writes build/bench/reference.tar.gz; Rasa writes the filled-in defaults back
# into the copied config as comments (that is why the copy above is kept as well).
"${timer[@]}" .venv-bot/bin/rasa train --config "$out/reference/config.yml" --domain bot/domain \
  --data data/nlu data/rules data/stories --out "$out" --fixed-model-name reference "$@"
seconds=$(( $(date +%s) - start ))
printf '{"seconds": %d, "max_rss_mb": %d, "config": "%s", "date": "%s", "cores": %d, "load_average_at_end": "%s"}\n' \
  "$seconds" "$(( $(tail -n1 "$out/reference/.maxrss-kb") / 1024 ))" "$out/reference/config.yml" \
  "$(date -I)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" > "$out/reference.stats.json"
cat "$out/reference.stats.json"
