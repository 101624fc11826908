#!/usr/bin/env bash
# Prints the folder of an official Node.js build of the given major version (bin/node inside),
# taken from the npm package node-linux-<arch>@<major>, which carries the official binary: the npm
# registry is the only download. Kept in a cache folder; a later call reuses it.
#
#   scripts/node-dist.sh 24          → ~/.cache/adobe-api-mock/node-24 (bin/node)
#   ADOBE_MOCK_CACHE=<dir>           the cache folder (default ${XDG_CACHE_HOME:-~/.cache}/adobe-api-mock)
set -euo pipefail
major=${1:?usage: scripts/node-dist.sh <major version>}
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "node-dist: no node-linux-* package for $(uname -m)" >&2; exit 1 ;;
esac
cache=${ADOBE_MOCK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/adobe-api-mock}
dir="$cache/node-$major"
if [ -x "$dir/bin/node" ] && "$dir/bin/node" --version >/dev/null 2>&1; then
  echo "$dir"
  exit 0
fi
mkdir -p "$cache"
work=$(mktemp -d "$cache/.node-$major.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "node-dist: npm pack node-linux-$arch@$major" >&2
(cd "$work" && npm pack "node-linux-$arch@$major" --silent >/dev/null)
mkdir "$work/out"
tar -xzf "$work"/node-linux-*.tgz -C "$work/out" --strip-components=1 package/bin/node package/LICENSE package/package.json
"$work/out/bin/node" --version >/dev/null
# Another run may have filled the cache meanwhile: keep the first one.
mv -T "$work/out" "$dir" 2>/dev/null || true
echo "node-dist: $("$dir/bin/node" --version) in $dir" >&2
echo "$dir"
