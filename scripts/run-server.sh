#!/usr/bin/env bash
# Quick start: builds Skiff and runs a single-node cluster on the embedded SQLite store.
# The admin kubeconfig is written to /etc/skiff/skiff.yaml (override with KUBECONFIG_OUT).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product skiff
exec .build/release/skiff server \
  --data-dir "${SKIFF_DATA_DIR:-/var/lib/skiff}" \
  --write-kubeconfig "${KUBECONFIG_OUT:-/etc/skiff/skiff.yaml}" "$@"
