#!/usr/bin/env bash
# Creates var/local.env once for `make run`: the action server's service credential for the API,
# the secret of Rasa's (protected) HTTP API, and a local demo staff account (role terapeut).
# The secrets stay in this file (git-ignored, mode 600); nothing prints them. Delete the file to
# rotate them. STAFF_DEMO=0 make run starts without the demo account.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
if [[ -f var/local.env ]] && grep -q '^API_SERVICE_TOKEN=' var/local.env; then
  exit 0
fi
umask 077
secret() { .venv-api/bin/python -c 'import secrets; print(secrets.token_urlsafe(32))'; }
service="$(secret)"
cat > var/local.env <<ENV
# Local secrets for make run (created by tools/local_env.sh). Delete the file to rotate them.
API_TOKENS=action-server:service:${service}
API_SERVICE_TOKEN=${service}
API_BASE_URL=http://127.0.0.1:8000
RASA_JWT_SECRET=$(secret)
STAFF_DEMO_USER=demo
STAFF_DEMO_PASSWORD=$(secret)
ENV
echo ">> created var/local.env (service token, Rasa API secret, demo account demo / STAFF_DEMO_PASSWORD)"
