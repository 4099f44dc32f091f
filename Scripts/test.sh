#!/usr/bin/env bash
# Runs every test: installs missing system packages, checks the files under .github/
# (Scripts/check-workflows.py), builds, runs `swift test`, then the libFuzzer targets for
# 60 seconds each (Scripts/fuzz.sh, in .build-fuzz), then the browser tests of the default theme
# (Scripts/browser-test.sh: headless Chromium, axe-core, the Nu HTML Checker).
# PORTAL_SKIP_FUZZ=1 leaves the fuzzing out, PORTAL_SKIP_BROWSER_TESTS=1 the browser tests.
# Usage: Scripts/test.sh [extra swift test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/bootstrap.sh

# The GitHub workflows and the action parse and are well formed (PyYAML: pip's or Debian's).
python=python3
if ! python3 -c 'import yaml' 2>/dev/null; then
  apt_install_missing python3-yaml
  python=/usr/bin/python3
fi
"$python" Scripts/check-workflows.py

swift build --build-tests
swift test --skip-build "$@"

if [[ ${PORTAL_SKIP_FUZZ:-0} != 1 ]]; then
  Scripts/fuzz.sh 60
fi

if [[ ${PORTAL_SKIP_BROWSER_TESTS:-0} != 1 ]]; then
  PORTAL_BUILD_BIN=$(swift build --show-bin-path)/portal-build Scripts/browser-test.sh
fi
