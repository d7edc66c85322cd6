#!/usr/bin/env bash
# Runs one service exactly as the Procfile says (the one place that says how services start),
# for Procfile.cluster: each replica line sets its port and then runs the Procfile's own line.
# usage: tools/cluster_proc.sh rasa|actions|api
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: tools/cluster_proc.sh SERVICE}"
line="$(sed -n "s/^${name}:[[:space:]]*//p" Procfile)"
[[ -n "$line" ]] || { echo "tools/cluster_proc.sh: the Procfile has no '${name}' line" >&2; exit 2; }
exec /bin/sh -c "$line"
