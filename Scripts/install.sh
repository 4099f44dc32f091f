#!/usr/bin/env bash
# Builds portal-build in release with the Swift runtime linked in (--static-swift-stdlib) and
# installs it as $DESTDIR$PREFIX/bin/portal-build (PREFIX defaults to /usr/local), with the example
# plugin portal-tech-radar beside it (README "Tech Radar"). The binaries then
# runs on any Debian/Ubuntu machine of the same architecture that has the C libraries it links:
#   apt-get install libcmark-gfm0.29.0.gfm.6 libcmark-gfm-extensions0.29.0.gfm.6 libyaml-0-2 libmimalloc2.0
# (Debian bookworm's package names; newer releases may carry a newer cmark-gfm soname.)
# Usage: Scripts/install.sh            PREFIX=$HOME/.local Scripts/install.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/bootstrap.sh

prefix=${PREFIX:-/usr/local}
swift build -c release --static-swift-stdlib --product portal-build
swift build -c release --static-swift-stdlib --product portal-tech-radar
folder=$(swift build -c release --static-swift-stdlib --show-bin-path)
install -d "${DESTDIR:-}$prefix/bin"
for program in portal-build portal-tech-radar; do
  install -m 0755 "$folder/$program" "${DESTDIR:-}$prefix/bin/$program"
  echo "installed ${DESTDIR:-}$prefix/bin/$program"
done
