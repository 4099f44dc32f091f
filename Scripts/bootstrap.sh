#!/usr/bin/env bash
# Installs the system packages portal-build needs, if any are missing (Debian/Ubuntu).
# Sourced by Scripts/test.sh and Scripts/preview.sh; safe to run again.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"
apt_install_missing pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev libmimalloc-dev python3

if ! command -v swift >/dev/null; then
  echo "portal-build: Swift 6 is required (https://www.swift.org/install/)" >&2
  exit 1
fi
