#!/usr/bin/env bash
# Installs the Debian packages of the mail server test bed (tests/testbeds/mail-server) when any
# is missing, without configuring or starting a system mail service: the tests run their own
# Postfix and Dovecot from a temporary folder. Used by .ci/run and `npm run test:mailbox`.
# Keep the list in step with tests/testbeds/mail-server/packages.ts.
set -euo pipefail

MAIL_SERVER_PACKAGES="postfix dovecot-imapd dovecot-lmtpd openssl"

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

missing=""
for p in $MAIL_SERVER_PACKAGES; do
	installed "$p" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; then
	echo "Missing packages for the mailbox tests:$missing; install them as root with: bash scripts/mail-server-install.sh" >&2
	exit 1
fi

echo "Installing the mail server test bed's packages:$missing..."
new_dovecot=""
installed dovecot-core || new_dovecot=1
# Postfix's install asks what kind of mail system this is: "No configuration" writes no
# /etc/postfix/main.cf, so the system's Postfix cannot start at all.
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
# Forbid services from starting during this install (Debian's policy-rc.d), unless a policy
# exists: Dovecot's package would otherwise start a system Dovecot on ports 143 and 993.
own_policy=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
	printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
	chmod +x /usr/sbin/policy-rc.d
	own_policy=1
	trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
# On a machine run by systemd, the package also enabled Dovecot for the next boot: a Dovecot
# installed only for these tests stays off.
if [ -n "$new_dovecot" ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
	systemctl disable --quiet dovecot.service dovecot.socket 2>/dev/null || true
fi
[ -n "$own_policy" ] && rm -f /usr/sbin/policy-rc.d
trap - EXIT
exit 0
