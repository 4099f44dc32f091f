#!/usr/bin/env bash
# Runs every test: installs missing system packages, builds, and runs `swift test`.
# Usage: Scripts/test.sh [extra swift test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/bootstrap.sh

swift build --build-tests
swift test --skip-build "$@"
