#!/usr/bin/env bash
# Prints a folder holding the protoc plugins the generated Swift code is compiled against,
# building them once: protoc-gen-swift (apple/swift-protobuf 1.39.0) and protoc-gen-grpc-swift-2
# (grpc/grpc-swift-protobuf 2.4.1), the versions Package.swift uses. PLUGIN_DIR, when set, is
# printed as it is; else they are built in $PLUGIN_BUILD (default /tmp/skiff-protoc-plugins).
set -euo pipefail
if [ -n "${PLUGIN_DIR:-}" ]; then
  echo "$PLUGIN_DIR"
  exit 0
fi
build="${PLUGIN_BUILD:-/tmp/skiff-protoc-plugins}"
if [ ! -d "$build" ]; then
  git clone -q --branch 2.4.1 https://github.com/grpc/grpc-swift-protobuf.git "$build"
fi
# swift-protobuf is pinned to the version the generated code is compiled against.
(cd "$build" && swift package resolve && swift package resolve swift-protobuf --version 1.39.0 \
  && swift build --product protoc-gen-grpc-swift-2 && swift build --product protoc-gen-swift) >&2
echo "$build/.build/debug"
