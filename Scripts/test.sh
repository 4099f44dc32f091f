#!/usr/bin/env bash
# Runs every test: installs missing system packages, builds, runs `swift test`, then the
# browser tests of the default theme (Scripts/browser-test.sh: headless Chromium, axe-core,
# the Nu HTML Checker). PORTAL_SKIP_BROWSER_TESTS=1 leaves the browser tests out.
# Usage: Scripts/test.sh [extra swift test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/bootstrap.sh

swift build --build-tests
swift test --skip-build "$@"

if [[ ${PORTAL_SKIP_BROWSER_TESTS:-0} != 1 ]]; then
  PORTAL_BUILD_BIN=$(swift build --show-bin-path)/portal-build Scripts/browser-test.sh
fi
