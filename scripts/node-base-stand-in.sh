#!/usr/bin/env bash
# Builds a stand-in for an official Node.js base image (e.g. docker.io/library/node:26-bookworm-slim)
# where that image cannot be pulled, and imports it into podman under the same name:
#   - a Debian <suite> minbase root made with debootstrap, from the Debian mirror apt is configured
#     with on this machine, with ca-certificates (and this machine's extra CAs from
#     /usr/local/share/ca-certificates, so npm can reach the registry through its network);
#   - the official Node.js binary of the image's major version, from the npm package
#     node-linux-<arch>@<major>, and npm (npm package npm@<the major Node ships with>), in
#     /usr/local as in the official image, with the npm and npx links;
#   - a node user and group with uid/gid 1000 and home /home/node;
#   - NODE_EXTRA_CA_CERTS pointing at the system CA bundle, PATH, NODE_VERSION, CMD ["node"].
# The official image's docker-entrypoint.sh, yarn and corepack are left out. Needs root (or sudo),
# debootstrap and podman.
#
#   scripts/node-base-stand-in.sh docker.io/library/node:26-bookworm-slim
set -euo pipefail
image=${1:?usage: scripts/node-base-stand-in.sh <registry/library/node:<major>-<suite>[-slim]>}
here=$(cd "$(dirname "$0")" && pwd)
tag=${image##*:}
major=${tag%%-*}
suite=$(echo "$tag" | cut -d- -f2)
case "$major" in '' | *[!0-9]*) echo "stand-in: cannot read a Node major version from $image" >&2; exit 1 ;; esac
[ -n "$suite" ] && [ "$suite" != "$major" ] || { echo "stand-in: cannot read a Debian suite from $image" >&2; exit 1; }
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi

# The Debian mirror apt uses here: the first deb822 stanza or one-line entry with this suite (else deb.debian.org).
mirror=$(
  cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk -v suite="$suite" '
    BEGIN { RS = ""; FS = "\n" }
    {
      uris = ""; ok = 0; deb = 0
      for (i = 1; i <= NF; i++) {
        if ($i ~ /^URIs:/) { sub(/^URIs:[ \t]*/, "", $i); split($i, u, /[ \t]+/); uris = u[1] }
        if ($i ~ /^Suites:/ && (" " $i " ") ~ (" " suite " ")) ok = 1
        if ((" " $i " ") ~ /^ Types:.*[ \t]deb[ \t]/) deb = 1
      }
      if (ok && deb && uris ~ /\/debian\/?$/) { print uris; exit }
    }' || true
)
if [ -z "$mirror" ]; then
  mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    awk -v suite="$suite" '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i !~ /^\[/) { if ($(i+1) == suite && $i ~ /\/debian\/?$/) { print $i; exit } break } }' || true)
fi
mirror=${mirror:-http://deb.debian.org/debian}

work=$(mktemp -d "${TMPDIR:-/var/tmp}/node-base-stand-in.XXXXXX")
root="$work/root"
cleanup() { $SUDO rm -rf "$work"; }
trap cleanup EXIT

echo "stand-in: debootstrap --variant=minbase $suite from $mirror" >&2
# libatomic1: the official image installs it, Node 26 links against it.
$SUDO debootstrap --variant=minbase --include=ca-certificates,libatomic1 "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
  tail -n 30 "$work/debootstrap.log" >&2
  exit 1
}

node_dir=$("$here/node-dist.sh" "$major")
node_version=$("$node_dir/bin/node" --version)
# npm as the official image bundles it: npm 10 with Node 20 and 22, npm 11 from Node 24 on.
if [ "$major" -ge 24 ]; then npm_major=11; else npm_major=10; fi
echo "stand-in: node $node_version (node-linux-*@$major), npm@$npm_major" >&2
(cd "$work" && npm pack "npm@$npm_major" --silent >/dev/null)
$SUDO install -D -m 0755 "$node_dir/bin/node" "$root/usr/local/bin/node"
$SUDO mkdir -p "$root/usr/local/lib/node_modules/npm"
$SUDO tar -xzf "$work"/npm-*.tgz -C "$root/usr/local/lib/node_modules/npm" --strip-components=1 --no-same-owner
$SUDO ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
$SUDO ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
# The registry npm uses on this machine, when it is not the default one (no credentials are copied).
registry=$(npm config get registry 2>/dev/null || true)
if [ -n "$registry" ] && [ "$registry" != "https://registry.npmjs.org/" ]; then
  echo "registry=$registry" | $SUDO tee "$root/usr/local/etc/npmrc" >/dev/null
fi

# This machine's extra CAs (e.g. a TLS-inspecting egress proxy) join the image's system bundle.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  $SUDO cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
fi
# (update-ca-certificates warns that the bundle itself holds more than one certificate: expected.)
$SUDO chroot "$root" /usr/sbin/update-ca-certificates >/dev/null 2>&1
$SUDO chroot "$root" /usr/sbin/groupadd --gid 1000 node
$SUDO chroot "$root" /usr/sbin/useradd --uid 1000 --gid node --shell /bin/bash --create-home node
$SUDO chroot "$root" /usr/local/bin/node -e 'process.exit(0)'
# Slim as debian:<suite>-slim is: no documentation but the copyright files, no manuals, no translations.
$SUDO tee "$root/etc/dpkg/dpkg.cfg.d/docker-slim" >/dev/null <<'SLIM'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
SLIM
$SUDO find "$root/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete
$SUDO find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete
$SUDO rm -rf "$root"/usr/share/man/* "$root"/usr/share/groff/* "$root"/usr/share/info/* "$root"/usr/share/lintian/* "$root"/usr/share/locale/*
$SUDO rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb \
  "$root"/var/log/*.log "$root"/var/log/apt/* "$root"/tmp/* "$root"/root/.npm

echo "stand-in: podman import as $image" >&2
$SUDO tar --numeric-owner -C "$root" -cf - . | $SUDO podman import \
  --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change "ENV NODE_VERSION=${node_version#v}" \
  --change "ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt" \
  --change "LABEL adobe-api-mock.stand-in=debootstrap-$suite-minbase+node-linux-$major" \
  --change 'CMD ["node"]' \
  --quiet --message "stand-in for $image (debootstrap $suite minbase, node $node_version from npm)" \
  - "$image" >/dev/null
echo "stand-in: $image ready" >&2
