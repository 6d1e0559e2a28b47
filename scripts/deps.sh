#!/usr/bin/env bash
# Installs the Debian packages named on the command line that are missing.
# Runs `apt-get update` once, only when something must be installed, and uses
# sudo when not root. Used by `make run`, `make test` and .ci/run.
set -euo pipefail
missing=()
for pkg in "$@"; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	[[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
echo "rodtrad: installerar Debian-paket: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
