#!/usr/bin/env bash
# Builds the project's Dockerfile (unchanged) with podman and tests the running image from outside
# over HTTP: test-container/*.test.mjs (health and HEALTHCHECK, the walkthroughs from the host and
# inside the container, in memory by default, persistence on a volume across restarts, SIGTERM,
# uid 1000, --read-only, docker-compose.yml with podman-compose), then the Testcontainers module
# (adobe-api-mock/testcontainers, test-container/testcontainers.test.mjs) on Node 24 through podman's
# Docker API socket (`podman system service`). Run by .ci/run after npm test, and by
# `npm run test:container`.
#
# Installs what it needs from Debian when missing (podman, runc, debootstrap, podman-compose; with
# sudo when not root). When the Dockerfile's base image cannot be pulled, builds a stand-in under
# the same name (scripts/node-base-stand-in.sh) and says so; the stand-in stays in podman's store
# and is reused by later runs.
#
#   CONTAINER_TEST_KEEP_IMAGE=1   keep the built image (tagged adobe-api-mock:container-test)
#   CONTAINER_TEST_COMPOSE=0      skip the podman-compose check
#   CONTAINER_TEST_TESTCONTAINERS=0  skip the Testcontainers suite
set -euo pipefail
cd "$(dirname "$0")/.."
began=$(date +%s)
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
say() { printf '\n== container-test: %s\n' "$*"; }

# ---- tools ----
missing=()
for tool in podman:podman runc:runc debootstrap:debootstrap podman-compose:podman-compose; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin:/sbin" command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing from Debian: ${missing[*]}"
  $SUDO apt-get update -y
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "${missing[@]}"
fi
export PATH="$PATH:/usr/sbin:/sbin"
# The default crun refuses this kernel's hybrid cgroups; runc with cgroupfs works everywhere.
PODMAN_GLOBAL="--cgroup-manager=cgroupfs --runtime=runc"
export CONTAINER_TEST_PODMAN_ARGS="$PODMAN_GLOBAL" CONTAINER_TEST_SUDO="$SUDO"
PODMAN_BIN=$(command -v podman)
# shellcheck disable=SC2086
podman() { $SUDO "$PODMAN_BIN" $PODMAN_GLOBAL "$@"; }

run_id="r$$$(date +%s | tail -c 5)"
export CONTAINER_TEST_RUN_ID="$run_id"
image="localhost/adobe-api-mock:container-test-$run_id"
label="adobe-api-mock.container-test=$run_id"
# The Docker API for Testcontainers: podman's service on a socket of its own, with a containers.conf.
service_pid=""
service_sock="/tmp/adobe-api-mock-podman-$run_id.sock"
service_conf="/tmp/adobe-api-mock-containers-$run_id.conf"
service_log="/tmp/adobe-api-mock-podman-$run_id.log"
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$service_pid" ]; then
    $SUDO kill "$service_pid" 2>/dev/null || true
    wait "$service_pid" 2>/dev/null || true
  fi
  $SUDO rm -f "$service_sock" "$service_conf" "$service_log"
  local ids
  ids=$(podman ps -aq --filter "label=$label" 2>/dev/null || true)
  ids="$ids $(podman ps -aq --filter "label=io.podman.compose.project=adobe-api-mock-test-$run_id" 2>/dev/null || true)"
  # shellcheck disable=SC2086
  if [ -n "${ids// /}" ]; then podman rm -f -t 0 $ids >/dev/null 2>&1 || true; fi
  local volumes
  volumes=$(podman volume ls -q --filter "label=$label" 2>/dev/null || true)
  # shellcheck disable=SC2086
  if [ -n "$volumes" ]; then podman volume rm -f $volumes >/dev/null 2>&1 || true; fi
  podman network rm -f "adobe-api-mock-test-${run_id}_default" >/dev/null 2>&1 || true
  if [ "${CONTAINER_TEST_KEEP_IMAGE:-0}" = "1" ]; then
    podman tag "$image" localhost/adobe-api-mock:container-test >/dev/null 2>&1 || true
  fi
  podman rmi -f "$image" >/dev/null 2>&1 || true
  say "done in $(($(date +%s) - began)) s (exit $status)"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- the base image: the real one when it can be pulled, else a stand-in under its name ----
base=$(awk 'toupper($1) == "FROM" { print $2; exit }' Dockerfile)
case "$base" in
  */*/*) full="$base" ;;
  */*) full="docker.io/$base" ;;
  *) full="docker.io/library/$base" ;;
esac
if podman image exists "$full"; then
  stand_in=$(podman image inspect "$full" --format '{{index .Labels "adobe-api-mock.stand-in"}}' 2>/dev/null || true)
  if [ -n "$stand_in" ] && [ "$stand_in" != "<no value>" ]; then
    say "base $full: the stand-in built by an earlier run ($stand_in), NOT the official image"
  else
    say "base $full: present"
  fi
elif podman pull -q "$full" >/dev/null 2>"/tmp/container-test-pull-$run_id.log"; then
  rm -f "/tmp/container-test-pull-$run_id.log"
  say "base $full: pulled"
else
  say "base $full: cannot be pulled ($(tail -n 1 "/tmp/container-test-pull-$run_id.log")); building a STAND-IN under the same name: Debian minbase (debootstrap) + the official Node binary from npm"
  rm -f "/tmp/container-test-pull-$run_id.log"
  $SUDO scripts/node-base-stand-in.sh "$full"
fi

# ---- build the Dockerfile as it is ----
say "podman build -t $image ."
build_began=$(date +%s)
# --network=host: the build's npm ci reaches the registry as this machine does (proxy variables pass through).
podman build --pull=never --isolation=chroot --network=host --format docker -t "$image" . >"/tmp/container-test-build-$run_id.log" 2>&1 || {
  tail -n 40 "/tmp/container-test-build-$run_id.log"
  rm -f "/tmp/container-test-build-$run_id.log"
  exit 1
}
rm -f "/tmp/container-test-build-$run_id.log"
say "built in $(($(date +%s) - build_began)) s"

# ---- sizes: the base apart from the layers the project adds ----
size() { podman image inspect "$1" --format '{{.Size}}'; }
base_bytes=$(size "$full")
image_bytes=$(size "$image")
added=$((image_bytes - base_bytes))
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }
say "image size: $(mb "$image_bytes") = base $(mb "$base_bytes") + project layers $(mb "$added")"
podman history --format '{{.Size}}\t{{.CreatedBy}}' "$image" | awk -F'\t' '$1 != "0B" && $1 != "0 B" { printf "   %10s  %s\n", $1, substr($2, 1, 90) }'
limit=$((40 * 1000 * 1000))
if [ "$added" -gt "$limit" ]; then
  echo "container-test: the project's layers weigh $(mb "$added"), over the 40 MB budget" >&2
  exit 1
fi

# ---- the running image, from outside ----
# Every suite but the Testcontainers one, which needs Node >= 22 and the API socket (below).
suites=()
for file in test-container/*.test.mjs; do
  [ "$file" = test-container/testcontainers.test.mjs ] || suites+=("$file")
done
say "node --test ${suites[*]} (image $image)"
ADOBE_MOCK_IMAGE="$image" node --test --test-reporter=spec --test-concurrency=1 "${suites[@]}"

# ---- the Testcontainers module against the same image, through podman's Docker API ----
if [ "${CONTAINER_TEST_TESTCONTAINERS:-1}" != "0" ]; then
  say "Testcontainers: adobe-api-mock/testcontainers on Node 24 through podman system service"
  # The module as the package exports it (dist/src/testcontainers.js).
  npx tsc -p tsconfig.build.json
  node24="$(scripts/node-dist.sh 24)/bin/node"
  # Containers created through the API cannot be given --runtime, --cgroup-manager or --ulimit:
  # containers.conf says it instead (crun refuses this kernel's hybrid cgroups, see above).
  cat >"$service_conf" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
CONF
  $SUDO env CONTAINERS_CONF="$service_conf" "$PODMAN_BIN" system service --time=0 "unix://$service_sock" >"$service_log" 2>&1 &
  service_pid=$!
  for _ in $(seq 1 100); do
    [ -S "$service_sock" ] && break
    kill -0 "$service_pid" 2>/dev/null || { cat "$service_log" >&2; exit 1; }
    sleep 0.1
  done
  [ -S "$service_sock" ] || { echo "container-test: no socket at $service_sock after 10 s" >&2; cat "$service_log" >&2; exit 1; }
  # Root's service, used by this user's Node.
  if [ -n "$SUDO" ]; then $SUDO chown "$(id -u)" "$service_sock"; fi
  # The reaper (Ryuk) image cannot be pulled here; the containers carry the run's label and are removed above.
  DOCKER_HOST="unix://$service_sock" TESTCONTAINERS_RYUK_DISABLED=true ADOBE_MOCK_IMAGE="$image" \
    "$node24" --test --test-reporter=spec --test-concurrency=1 test-container/testcontainers.test.mjs
fi
