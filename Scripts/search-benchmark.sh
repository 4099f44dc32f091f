#!/usr/bin/env bash
# Search benchmark: times building the search index of a generated organisation
# (`portal-bench search`, default gen_corpus.py --repos 200 --pages 10000), writes that site to
# a temporary folder (tmpfs when there is one), serves it and measures queries in headless
# Chromium (Tests/Browser/search_benchmark.py): bytes downloaded per query from an empty cache,
# typed at once and key by key, and the time from keystroke to results once files are cached.
# Usage: Scripts/search-benchmark.sh [portal-bench search options, e.g. --repos 50 --pages 2000]
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/bootstrap.sh
source Scripts/apt-install.sh
apt_install_missing chromium chromium-driver
venv=.venv-browser
if ! "$venv/bin/python" -c 'import selenium' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "selenium>=4.11,<5"
fi

swift build -c release --product portal-bench
parent=/dev/shm
[[ -d $parent && -w $parent ]] || parent=${TMPDIR:-/tmp}
work=$(mktemp -d "$parent/portal-search-bench.XXXXXX")
server=
cleanup() {
  if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$(swift build -c release --show-bin-path)/portal-bench" search --output "$work/site" "$@"

port=$("$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$venv/bin/python" -m http.server "$port" --bind 127.0.0.1 --directory "$work/site" >"$work/server.log" 2>&1 &
server=$!
SE_OFFLINE=true "$venv/bin/python" Tests/Browser/search_benchmark.py "http://127.0.0.1:$port/"
