#!/usr/bin/env bash
# `npm test`: everything, in order: lint, typecheck, unit + integration (real PostgreSQL), end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== lint";        npx --no-install eslint . --max-warnings=0
echo "== typecheck";   npx --no-install tsc --noEmit
echo "== unit + integration"; npx --no-install vitest run
echo "== end-to-end";  node --import tsx scripts/e2e.ts
