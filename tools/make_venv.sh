#!/usr/bin/env bash
# Creates (or refreshes) a Python 3.10 virtual environment with the project's pinned dependencies.
# usage: tools/make_venv.sh VENV_DIR EXTRAS LOCK_FILE     e.g. tools/make_venv.sh .venv-bot bot,bot-test locks/bot.txt
set -euo pipefail
venv="$1"; extras="$2"; lock="$3"
cd "$(dirname "$0")/.."

python310="$(tools/find_python310.sh)"
if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then
  echo ">> creating $venv with $python310"
  rm -rf "$venv"
  "$python310" -m venv "$venv"
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1
"$venv/bin/python" -m pip install --quiet "pip==24.0" "setuptools==69.5.1" "wheel==0.43.0"
echo ">> installing .[$extras] into $venv (pinned by $lock)"
# Constraints pin every transitive version; the project itself is installed editable.
"$venv/bin/python" -m pip install --quiet -c "$lock" -e ".[$extras]" 2> >(grep -v "is ignored: it is neither" >&2)
"$venv/bin/python" -m pip check
touch "$venv/.installed"
