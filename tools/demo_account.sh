#!/usr/bin/env bash
# The local demo staff account for `make run`: created (or kept) from var/local.env, role
# terapeut. Set STAFF_DEMO=0 to skip it, and disable an existing one with
# `.venv-api/bin/python -m api.cli disable-user --username demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ "${STAFF_DEMO:-1}" == "0" ]] && { echo ">> STAFF_DEMO=0: no demo account"; exit 0; }
set -a; source var/local.env; set +a
.venv-api/bin/python -m api.cli ensure-user --username "$STAFF_DEMO_USER" --role terapeut \
  --password-env STAFF_DEMO_PASSWORD
echo ">> demo account: $STAFF_DEMO_USER (password: STAFF_DEMO_PASSWORD in var/local.env)"
