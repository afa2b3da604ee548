#!/usr/bin/env bash
# Installs the Debian packages of the mail server test bed (testbeds/mail-server) when any
# is missing (through apt-install.sh), without configuring or starting a system mail service: the
# tests run their own Postfix and Dovecot from a temporary folder. Used by .ci/run and
# `npm run test:mailbox`.
# Keep the list in step with testbeds/mail-server/packages.ts.
set -euo pipefail

MAIL_SERVER_PACKAGES="postfix dovecot-imapd dovecot-lmtpd openssl"

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

new_dovecot=""
installed dovecot-core || new_dovecot=1
# Postfix's install asks what kind of mail system this is: "No configuration" writes no
# /etc/postfix/main.cf, so the system's Postfix cannot start at all.
if ! installed postfix && [ "$(id -u)" = "0" ]; then
	echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
fi
# shellcheck disable=SC2086 # the package names are meant to split
bash "$(dirname "$0")/apt-install.sh" "the mailbox tests" $MAIL_SERVER_PACKAGES
# On a machine run by systemd, the package also enabled Dovecot for the next boot: a Dovecot
# installed only for these tests stays off.
if [ -n "$new_dovecot" ] && installed dovecot-core && [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
	systemctl disable --quiet dovecot.service dovecot.socket 2>/dev/null || true
fi
exit 0
