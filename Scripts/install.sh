#!/usr/bin/env bash
# Builds portal-build in release with the Swift runtime linked in (--static-swift-stdlib) and
# installs it as $DESTDIR$PREFIX/bin/portal-build (PREFIX defaults to /usr/local). The binary then
# runs on any Debian/Ubuntu machine of the same architecture that has the C libraries it links:
#   apt-get install libcmark-gfm0.29.0.gfm.6 libcmark-gfm-extensions0.29.0.gfm.6 libyaml-0-2
# (Debian bookworm's package names; newer releases may carry a newer cmark-gfm soname.)
# Usage: Scripts/install.sh            PREFIX=$HOME/.local Scripts/install.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/bootstrap.sh

prefix=${PREFIX:-/usr/local}
swift build -c release --static-swift-stdlib --product portal-build
binary=$(swift build -c release --static-swift-stdlib --show-bin-path)/portal-build
install -d "${DESTDIR:-}$prefix/bin"
install -m 0755 "$binary" "${DESTDIR:-}$prefix/bin/portal-build"
echo "installed ${DESTDIR:-}$prefix/bin/portal-build"
