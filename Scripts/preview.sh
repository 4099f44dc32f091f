#!/usr/bin/env bash
# Builds the example organisation in content/ into site/ (and serves it, once `serve` exists).
# Usage: Scripts/preview.sh [ROOT...]   (default: content)
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/bootstrap.sh

swift build -c release --product portal-build
portal_build=$(swift build -c release --show-bin-path)/portal-build
"$portal_build" build "${@:-content}" --output site

# The preview server (`portal-build serve`) arrives with the preview issue; until then the
# built site is in site/.
if "$portal_build" --help | grep -qE "^ +serve "; then
  exec "$portal_build" serve "${@:-content}"
fi
echo "Built the portal into site/." >&2
