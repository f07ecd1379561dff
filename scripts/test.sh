#!/usr/bin/env bash
# Runs the whole test suite: Swift unit and integration tests, then the end-to-end tests that
# drive a real `skiff server` with the real kubectl and the official Python client.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build --build-tests
swift test --skip-build 2>&1 | tee /tmp/skiff-swift-test.log
swift build --product skiff
python3 -m pytest -q tests/e2e "$@"
