#!/usr/bin/env bash
# "Min plan" as PDF (GET /api/v1/citizens/{ref}/plan.pdf) is rendered by WeasyPrint, which loads
# Debian's Pango (and needs a font; the page asks for DejaVu Sans). Installs them when missing and
# we may; otherwise the PDF answers 503 (plan.html still works) and the PDF tests skip and say
# why. In CI (REHAB_REQUIRE_SERVICES=1, set by .ci/run) a Pango that cannot be installed is a
# failure.
set -uo pipefail
PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)

have_pango() {
  ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' \
    && ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so.0' \
    && [[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]]
}

have_pango && exit 0
if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo ">> installing Debian's Pango and DejaVu fonts for the plan PDF"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${PACKAGES[@]}" >/dev/null) \
    || echo ">> could not install ${PACKAGES[*]}"
else
  echo ">> Pango is missing (apt-get install ${PACKAGES[*]})"
fi
have_pango && exit 0
if [[ "${REHAB_REQUIRE_SERVICES:-}" == "1" ]]; then
  echo ">> CI needs Pango for the plan PDF"
  exit 1
fi
echo ">> the plan PDF will answer 503 and its tests will skip"
exit 0
