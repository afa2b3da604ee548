#!/usr/bin/env bash
# Installs the Debian packages a test bed needs when any is missing, without starting a system
# service: the tests run their own servers from temporary folders. Used by .ci/run and the npm
# scripts of single tiers (test:mailbox, test:queue).
#   bash scripts/dev/apt-install.sh "<what needs them>" package...
set -euo pipefail

purpose="$1"
shift
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

missing=""
for p in "$@"; do
	installed "$p" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; then
	echo "Missing packages for $purpose:$missing; install them as root with: apt-get install$missing" >&2
	exit 1
fi

echo "Installing for $purpose:$missing..."
# Forbid services from starting during this install (Debian's policy-rc.d), unless a policy
# exists: Dovecot, Redis or PostgreSQL would otherwise start system servers on their usual ports.
own_policy=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
	printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
	chmod +x /usr/sbin/policy-rc.d
	own_policy=1
	trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt-get update -qq
# shellcheck disable=SC2086 # the package names are meant to split
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
exit 0
