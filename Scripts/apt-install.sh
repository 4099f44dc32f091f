#!/usr/bin/env bash
# Defines apt_install_missing PACKAGE...: installs the Debian packages among PACKAGE... that are
# not installed yet (with sudo unless root). Sourced by bootstrap.sh and browser-test.sh.

apt_install_missing() {
  local package missing=() sudo=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  ((${#missing[@]})) || return 0
  echo "portal-build: installing ${missing[*]}" >&2
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
