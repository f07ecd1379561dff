#!/usr/bin/env bash
# Regenerates the Swift code for etcd's v3 gRPC API (Protos/etcd/*.proto) into
# Sources/KubeStorage/Etcd/Generated. Run by hand after changing the protos; CI builds the
# committed output and never runs the generators.
#
# Needs protoc (Debian's protobuf-compiler) and the two protoc plugins, built once from the same
# package versions Package.swift uses: protoc-gen-swift (apple/swift-protobuf 1.39.0) and
# protoc-gen-grpc-swift-2 (grpc/grpc-swift-protobuf 2.4.1). Set PLUGIN_DIR to a folder holding
# both, or let the script build them in $PLUGIN_BUILD (default /tmp/skiff-protoc-plugins).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v protoc >/dev/null || { echo "protoc is missing: apt-get install protobuf-compiler" >&2; exit 1; }
if [ -z "${PLUGIN_DIR:-}" ]; then
  build="${PLUGIN_BUILD:-/tmp/skiff-protoc-plugins}"
  if [ ! -d "$build" ]; then
    git clone -q --branch 2.4.1 https://github.com/grpc/grpc-swift-protobuf.git "$build"
  fi
  # swift-protobuf is pinned to the version the generated code is compiled against.
  (cd "$build" && swift package resolve && swift package resolve swift-protobuf --version 1.39.0 \
    && swift build --product protoc-gen-grpc-swift-2 && swift build --product protoc-gen-swift)
  PLUGIN_DIR="$build/.build/debug"
fi
out=Sources/KubeStorage/Etcd/Generated
mkdir -p "$out"
rm -f "$out"/*.swift
# Messages of both files; clients of rpc.proto's services (kv.proto has none).
protoc -I Protos/etcd \
  --plugin=protoc-gen-swift="$PLUGIN_DIR/protoc-gen-swift" \
  --swift_out="$out" --swift_opt=Visibility=Internal \
  Protos/etcd/kv.proto Protos/etcd/rpc.proto
protoc -I Protos/etcd \
  --plugin=protoc-gen-grpc-swift-2="$PLUGIN_DIR/protoc-gen-grpc-swift-2" \
  --grpc-swift-2_out="$out" --grpc-swift-2_opt=Visibility=Internal,Server=false,Client=true \
  Protos/etcd/rpc.proto
ls -l "$out"
