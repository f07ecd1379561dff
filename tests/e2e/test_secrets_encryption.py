"""Secrets are encrypted at rest with `skiff server --secrets-encryption` (AES-GCM), stay readable
through the API, survive key rotation, and their bytes never reach the store file in the clear."""
import base64
import glob
import os
import re
import shutil
import subprocess
import uuid

from conftest import Server, make_kubectl, skiff_binary


def store_bytes(data_dir):
    """Every byte of the SQLite store: the database and its write-ahead log."""
    out = b""
    for path in glob.glob(os.path.join(data_dir, "db", "state.db*")):
        with open(path, "rb") as f:
            out += f.read()
    return out


def read_secret(kubectl, name):
    encoded = kubectl("get", "secret", name, "-o", "jsonpath={.data.password}").stdout
    return base64.b64decode(encoded).decode()


def secrets_encrypt(data_dir, *args):
    p = subprocess.run([skiff_binary(), "secrets-encrypt", *args, "--data-dir", data_dir],
                       capture_output=True, text=True, timeout=30)
    assert p.returncode == 0, p.stderr
    return p.stdout


def test_secret_bytes_are_encrypted_in_the_store_and_keys_rotate():
    s = Server(extra_args=["--secrets-encryption"]).start()
    try:
        kubectl = make_kubectl(s.kubeconfig)
        marker = f"hunter-{uuid.uuid4().hex}"
        kubectl("create", "secret", "generic", "db", f"--from-literal=password={marker}")
        kubectl("create", "configmap", "plain", f"--from-literal=value={marker}")
        assert read_secret(kubectl, "db") == marker
        raw = store_bytes(s.dir)
        assert b"k8s:enc:aesgcm:v1:aesgcmkey-" in raw
        encoded = base64.b64encode(marker.encode())
        # The ConfigMap is not encrypted, so the marker is in the file: the search itself works.
        assert marker.encode() in raw
        assert encoded not in raw
        config = os.path.join(s.dir, "server", "cred", "encryption-config.yaml")
        assert oct(os.stat(config).st_mode & 0o777) == "0o600"
        status = secrets_encrypt(s.dir, "status")
        assert "Encryption Status: Enabled" in status
        first_key = [l.split()[-1] for l in status.splitlines() if l.strip().startswith("*")][0]
        s.stop()

        # Rotate: a new key encrypts, the old one still decrypts; the restart re-encrypts.
        out = secrets_encrypt(s.dir, "rotate-keys")
        assert "restart" in out
        s = Server(data_dir=s.dir).start()
        kubectl = make_kubectl(s.kubeconfig)
        assert read_secret(kubectl, "db") == marker
        status = secrets_encrypt(s.dir, "status")
        active = [l.split()[-1] for l in status.splitlines() if l.strip().startswith("*")][0]
        assert active != first_key and first_key in status
        second = f"second-{uuid.uuid4().hex}"
        kubectl("create", "secret", "generic", "db2", f"--from-literal=password={second}")
        assert read_secret(kubectl, "db2") == second
        assert base64.b64encode(second.encode()) not in store_bytes(s.dir)
        assert f"k8s:enc:aesgcm:v1:{active}:".encode() in store_bytes(s.dir)
    finally:
        s.stop()
        shutil.rmtree(s.dir, ignore_errors=True)


def test_turning_encryption_on_keeps_existing_secrets_readable():
    s = Server().start()
    try:
        kubectl = make_kubectl(s.kubeconfig)
        marker = f"before-{uuid.uuid4().hex}"
        kubectl("create", "secret", "generic", "old", f"--from-literal=password={marker}")
        assert "Encryption Status: Disabled" in secrets_encrypt(s.dir, "status")
        s.stop()
        s = Server(data_dir=s.dir, extra_args=["--secrets-encryption"]).start()
        kubectl = make_kubectl(s.kubeconfig)
        assert read_secret(kubectl, "old") == marker
        # The Secret made before, and the join token's bootstrap Secret, are rewritten encrypted.
        rewritten = re.search(r"rewrote (\d+) stored values", s.log())
        assert rewritten and int(rewritten.group(1)) >= 1, s.log()
        assert b"k8s:enc:aesgcm:v1:" in store_bytes(s.dir)
        s.stop()
        # Once on, encryption stays on for the data dir even without the flag.
        s = Server(data_dir=s.dir).start()
        kubectl = make_kubectl(s.kubeconfig)
        assert read_secret(kubectl, "old") == marker
    finally:
        s.stop()
        shutil.rmtree(s.dir, ignore_errors=True)


def test_a_bad_encryption_configuration_stops_the_server_with_the_field():
    s = Server()
    bad = os.path.join(s.dir, "bad.yaml")
    with open(bad, "w") as f:
        f.write("apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n"
                "- resources: [secrets]\n  providers:\n  - aesgcm:\n      keys:\n      - name: k\n        secret: c2hvcnQ=\n")
    p = subprocess.run([skiff_binary(), "server", "--data-dir", s.dir, "--write-kubeconfig", s.kubeconfig,
                        "--https-listen-port", str(s.port), "--disable-agent", "--encryption-provider-config", bad],
                       capture_output=True, text=True, timeout=30)
    shutil.rmtree(s.dir, ignore_errors=True)
    assert p.returncode != 0
    assert "resources[0].providers[0].aesgcm.keys[0].secret: Invalid value" in p.stderr + p.stdout
