#!/usr/bin/env bash
# Runs the whole test suite: Swift unit and integration tests, then the end-to-end tests that
# drive a real `skiff server` with the real kubectl and the official Python client.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build --build-tests
# The node suites (real runc, registries and network namespaces, a kubelet with 100 pods) load
# both cores; they run after the control-plane suites, whose lease and deadline cases they would
# otherwise starve. The etcd suites (real etcd processes, one cluster per case, members killed and
# restarted) run on their own last: beside the node suites they starved the kubelet's back-off cases.
node_suites="KubeletTests|KubeRuntimeTests|KubeNetworkTests"
etcd_suites="EtcdSingleMemberConformanceTests|EtcdClusterConformanceTests|EtcdStoreTests|EtcdStoreTLSTests"
swift test --skip-build --skip "$node_suites|$etcd_suites" 2>&1 | tee /tmp/skiff-swift-test.log
swift test --skip-build --filter "$node_suites" 2>&1 | tee -a /tmp/skiff-swift-test.log
swift test --skip-build --filter "$etcd_suites" 2>&1 | tee -a /tmp/skiff-swift-test.log
swift build --product skiff
python3 -m pytest -q tests/e2e "$@"
