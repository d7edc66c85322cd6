#!/usr/bin/env bash
# Chat with the trained assistant in the terminal; runs the action server alongside and stops it after.
set -euo pipefail
cd "$(dirname "$0")/.."
set -a; source var/local.env; set +a
.venv-bot/bin/rasa run actions --port 5055 --actions actions >var/actions-shell.log 2>&1 &
actions=$!
trap 'kill $actions 2>/dev/null; wait $actions 2>/dev/null || true' EXIT
.venv-bot/bin/rasa shell --model models/rehab.tar.gz --endpoints bot/endpoints.yml "$@"
