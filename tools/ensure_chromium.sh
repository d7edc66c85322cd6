#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (never a tool's own browser download, which fails offline).
# Installs it when missing and we may; otherwise the browser tests skip and say why. In CI
# (REHAB_REQUIRE_SERVICES=1, set by .ci/run) a Chromium that cannot be installed is a failure.
set -uo pipefail
[[ -x /usr/bin/chromium ]] && exit 0
if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo ">> installing Debian's chromium for the browser tests"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo ">> could not install chromium"
else
  echo ">> /usr/bin/chromium is missing (apt-get install chromium)"
fi
[[ -x /usr/bin/chromium ]] && exit 0
if [[ "${REHAB_REQUIRE_SERVICES:-}" == "1" ]]; then
  echo ">> CI needs /usr/bin/chromium for the browser tests"
  exit 1
fi
echo ">> the browser tests will skip"
exit 0
