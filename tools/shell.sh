#!/usr/bin/env bash
# Chat with the trained assistant in the terminal, as an anonymous visitor (the public door);
# runs the action server from the Procfile alongside and stops it after.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv-api/bin/honcho start -f Procfile -e var/local.env actions >var/actions-shell.log 2>&1 &
actions=$!
trap 'kill $actions 2>/dev/null; wait $actions 2>/dev/null || true' EXIT
set -a; source var/local.env; set +a
.venv-bot/bin/rasa shell --model models/rehab.tar.gz --endpoints bot/endpoints.yml "$@"
