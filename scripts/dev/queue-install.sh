#!/usr/bin/env bash
# The queue-mode tier's Debian packages (testbeds/redis, testbeds/postgres): a private
# Redis and PostgreSQL run from temporary folders. Used by .ci/run and `npm run test:queue`.
set -euo pipefail

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
new_redis=""
installed redis-server || new_redis=1
new_postgres=""
installed postgresql || new_postgres=1

bash "$(dirname "$0")/apt-install.sh" "the queue-mode tests" redis-server postgresql

# On a machine run by systemd, the packages also enabled their servers for the next boot: servers
# installed only for these tests stay off.
if [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
	[ -n "$new_redis" ] && systemctl disable --quiet redis-server.service 2>/dev/null || true
	[ -n "$new_postgres" ] && systemctl disable --quiet postgresql.service 2>/dev/null || true
fi
exit 0
