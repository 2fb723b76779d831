#!/usr/bin/env bash
# `npm test`: everything: lint, typecheck, unit + integration (real PostgreSQL), end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .data
# Debian's Chromium and PgBouncer, installed when missing (scripts/e2e.ts), are fetched while the rest runs: on a new
# machine that is a minute of downloading the end-to-end phase no longer waits for.
node --import tsx scripts/e2e.ts --prepare > .data/chromium-prepare.log 2>&1 &
chromium=$!
# Lint and the type check each keep one core busy: side by side.
echo "== lint + typecheck"
npx --no-install eslint . --max-warnings=0 & lint=$!
npx --no-install tsc --noEmit & types=$!
wait $lint
wait $types
echo "== unit + integration"; npx --no-install vitest run
# A failed preparation is not fatal here: the end-to-end phase tries again and says what to do.
wait $chromium || cat .data/chromium-prepare.log
echo "== end-to-end";  node --import tsx scripts/e2e.ts
