#!/usr/bin/env bash
# Builds the example organisation in content/ into site/ and serves it on http://127.0.0.1:8000/
# with live reload (`portal-build serve`): edit a descriptor or a docs page and open pages reload.
# Usage: Scripts/preview.sh [ROOT...] [serve options, e.g. --port 8080]   (default ROOT: content)
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/bootstrap.sh

swift build -c release --product portal-build
swift build -c release --product portal-tech-radar  # content/portal.yaml's plugin, found beside portal-build
portal_build=$(swift build -c release --show-bin-path)/portal-build
if [[ $# -eq 0 || $1 == -* ]]; then set -- content "$@"; fi
exec "$portal_build" serve --output site "$@"
