#!/usr/bin/env bash
# Regenerates the Swift code of the OpenAPI v2 protobuf model (Protos/openapiv2, what
# `GET /openapi/v2` sends to client-go) into Sources/KubeAPIServer/OpenAPI/Generated. Run by hand
# after changing the proto; CI builds the committed output and never runs the generator.
#
# Needs protoc (Debian's protobuf-compiler) and protoc-gen-swift (scripts/protoc-plugins.sh
# builds it, or set PLUGIN_DIR to a folder holding it).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v protoc >/dev/null || { echo "protoc is missing: apt-get install protobuf-compiler" >&2; exit 1; }
PLUGIN_DIR="$(scripts/protoc-plugins.sh)"
out=Sources/KubeAPIServer/OpenAPI/Generated
mkdir -p "$out"
rm -f "$out"/*.swift
protoc -I Protos/openapiv2 \
  --plugin=protoc-gen-swift="$PLUGIN_DIR/protoc-gen-swift" \
  --swift_out="$out" --swift_opt=Visibility=Internal \
  Protos/openapiv2/openapiv2.proto
ls -l "$out"
