#!/usr/bin/env bash
# Regenerates locks/bot.txt and locks/api.txt from pyproject.toml with pip-compile (pip-tools).
# Existing pins are kept where they still satisfy pyproject.toml; pass --upgrade to move them.
# The locks are constraints for tools/make_venv.sh, so `make install` then uses them.
set -euo pipefail
cd "$(dirname "$0")/.."
python310="$(tools/find_python310.sh)"
tools_venv=build/lock-venv
if [[ ! -x "$tools_venv/bin/pip-compile" ]]; then
  "$python310" -m venv "$tools_venv"
  "$tools_venv/bin/pip" install --quiet "pip==24.0" "pip-tools==7.6.2"
fi
compile() {  # compile LOCK EXTRA...
  local lock="$1"; shift
  local args=()
  for extra in "$@"; do args+=(--extra "$extra"); done
  local header
  header="$(head -1 "$lock")"
  "$tools_venv/bin/pip-compile" --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
    --no-header --no-annotate "${args[@]}" "${UPGRADE[@]}" -o "$lock" pyproject.toml
  # Keep the file's one-line explanation on top.
  { echo "$header"; grep -v '^#' "$lock"; } > "$lock.tmp" && mv "$lock.tmp" "$lock"
}
UPGRADE=()
[[ "${1:-}" == "--upgrade" ]] && UPGRADE=(--upgrade)
compile locks/bot.txt bot bot-test
compile locks/api.txt api dev
echo ">> locks/bot.txt and locks/api.txt regenerated; run make install to apply them"
