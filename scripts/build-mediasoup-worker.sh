#!/usr/bin/env bash
# Builds mediasoup's C++ worker from the npm package's sources against Debian's libraries (no
# prebuilt download, no pip, no meson wraps: none of those hosts is reachable), into a cache outside
# the checkout keyed by mediasoup's version (see scripts/mediasoup-worker-path.mjs). A second run
# with the binary cached returns in seconds. Details: scripts/mediasoup-shims/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

target=$(node scripts/mediasoup-worker-path.mjs)
if node scripts/mediasoup-worker-path.mjs --check >/dev/null 2>&1; then
  echo "mediasoup worker: cached at $target"
  exit 0
fi
version=$(node -p "require('./package.json').dependencies.mediasoup")
stage() { echo "mediasoup worker: stage $1/6 — $2"; current="$2"; }
current="start"
log=""
trap 'status=$?; if [ $status -ne 0 ]; then echo "mediasoup worker: FAILED at \"$current\"${log:+ (build log: $log)}" >&2; fi' EXIT

stage 1 "checking Debian build packages"
missing=()
for p in g++ meson ninja-build pkg-config python3 libssl-dev libuv1-dev libabsl-dev libsrtp2-dev flatbuffers-compiler libflatbuffers-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "mediasoup worker: missing Debian packages: ${missing[*]} (scripts/setup installs them)" >&2
  exit 1
fi

stage 2 "fetching mediasoup@$version sources from the npm registry"
work=$(mktemp -d "${TMPDIR:-/tmp}/mediasoup-build-XXXXXX")
mkdir -p "$(dirname "$target")"
log="$(dirname "$target")/build.log"
: > "$log"
npm pack "mediasoup@$version" --pack-destination "$work" --silent >>"$log" 2>&1
tar -xzf "$work"/mediasoup-*.tgz -C "$work"
worker="$work/package/worker"

stage 3 "preparing sources (Debian dependency shims, libsrtp2 and DTLS patches)"
python3 scripts/mediasoup-shims/prepare.py "$worker" "$root/scripts/mediasoup-shims" >>"$log" 2>&1

stage 4 "configuring (meson)"
meson setup --buildtype release -Db_ndebug=true -Dpkg_config_path="$worker/kiosk-pkgconfig" "$worker/out" "$worker" >>"$log" 2>&1

stage 5 "compiling (ninja; about 9 minutes on 2 cores)"
started=$(date +%s)
ninja -j"$(nproc)" -C "$worker/out" mediasoup-worker >>"$log" 2>&1
echo "mediasoup worker: compiled in $(( $(date +%s) - started )) s"

stage 6 "checking and caching the binary"
strip "$worker/out/mediasoup-worker"
set +e
env -i "$worker/out/mediasoup-worker" >/dev/null 2>&1
code=$?
set -e
if [ "$code" -ne 41 ]; then
  echo "mediasoup worker: the built binary exited with $code instead of 41 (missing MEDIASOUP_VERSION) — it does not run here" >&2
  exit 1
fi
cp "$worker/out/mediasoup-worker" "$target.tmp"
mv -f "$target.tmp" "$target"
rm -rf "$work"
echo "mediasoup worker: built and cached at $target ($(du -h "$target" | cut -f1))"
