#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter, or explains how to get one and fails.
# Rasa 3.6 supports Python <= 3.10, and both virtual environments use 3.10 for one toolchain.
set -euo pipefail

is_310() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; }

candidates=()
[[ -n "${PYTHON310:-}" ]] && candidates+=("$PYTHON310")
command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")
if command -v pyenv >/dev/null 2>&1; then
  root="$(pyenv root)"
  for d in "$root"/versions/3.10*/bin/python3.10; do [[ -x "$d" ]] && candidates+=("$d"); done
fi
for d in /usr/bin/python3.10 /usr/local/bin/python3.10; do [[ -x "$d" ]] && candidates+=("$d"); done

for c in "${candidates[@]}"; do
  if is_310 "$c"; then echo "$c"; exit 0; fi
done

cat >&2 <<'MSG'
ERROR: Python 3.10 was not found.
Rasa 3.6 runs only on Python <= 3.10, so this project needs Python 3.10 for both environments.
Install it, for example with pyenv:  pyenv install 3.10.13
or point to an interpreter:           make install PYTHON310=/path/to/python3.10
MSG
exit 1
