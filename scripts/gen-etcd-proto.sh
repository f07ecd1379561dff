#!/usr/bin/env bash
# Regenerates the Swift code for etcd's v3 gRPC API (Protos/etcd/*.proto) into
# Sources/KubeStorage/Etcd/Generated. Run by hand after changing the protos; CI builds the
# committed output and never runs the generators.
#
# Needs protoc (Debian's protobuf-compiler) and the two protoc plugins (scripts/protoc-plugins.sh
# builds them, or set PLUGIN_DIR to a folder holding both).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v protoc >/dev/null || { echo "protoc is missing: apt-get install protobuf-compiler" >&2; exit 1; }
PLUGIN_DIR="$(scripts/protoc-plugins.sh)"
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
