#!/usr/bin/env bash
# The queue-mode tier's Debian packages (tests/testbeds/redis, tests/testbeds/postgres): a private
# Redis and PostgreSQL run from temporary folders. Used by .ci/run and `npm run test:queue`.
set -euo pipefail
bash "$(dirname "$0")/apt-install.sh" "the queue-mode tests" redis-server postgresql
