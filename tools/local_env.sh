#!/usr/bin/env bash
# Creates var/local.env once: random API tokens shared by the API and the action server under
# `make run`. The secrets stay in this file (git-ignored); nothing prints them.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
[[ -f var/local.env ]] && exit 0
umask 077
write="$(.venv-api/bin/python -c 'import secrets; print(secrets.token_urlsafe(32))')"
read="$(.venv-api/bin/python -c 'import secrets; print(secrets.token_urlsafe(32))')"
cat > var/local.env <<ENV
# Local secrets for make run (created by tools/local_env.sh). Delete the file to rotate them.
API_TOKENS=action-server:write:${write},web:read:${read}
API_WRITE_TOKEN=${write}
WEB_READ_TOKEN=${read}
API_BASE_URL=http://localhost:8000
ENV
echo ">> created var/local.env with new API tokens (the web page's read token is WEB_READ_TOKEN)"
