"""Authentication over TLS through the real kubectl and Python client: client certificates from
the cluster's client CA, static bearer tokens, and 401 for everything else."""
import datetime
import os
import shutil
import ssl
import tempfile
import urllib.error
import urllib.request

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from conftest import Server, make_kubectl

TOKENS = 'alice-token,alice,alice-uid,"dev,ops"\nbob-token,bob,bob-uid\n'


@pytest.fixture(scope="module")
def secured():
    folder = tempfile.mkdtemp(prefix="skiff-authn-")
    tokens = os.path.join(folder, "tokens.csv")
    with open(tokens, "w") as f:
        f.write(TOKENS)
    data = os.path.join(folder, "data")
    os.makedirs(data)
    s = Server(data_dir=data, extra_args=["--token-auth-file", tokens]).start()
    yield s
    s.stop()
    shutil.rmtree(folder, ignore_errors=True)


def write_kubeconfig(server, name, user):
    """A kubeconfig trusting the server CA with the given `users[0].user` body."""
    path = os.path.join(server.dir, f"{name}.kubeconfig")
    body = "\n".join(f"    {k}: {v}" for k, v in user.items()) or "    {}"
    with open(path, "w") as f:
        f.write(f"""apiVersion: v1
kind: Config
clusters:
- name: c
  cluster:
    server: {server.url}
    certificate-authority: {server.ca}
users:
- name: u
  user:
{body}
contexts:
- name: c
  context: {{cluster: c, user: u, namespace: default}}
current-context: c
""")
    return path


def issue(ca_cert, ca_key, folder, name, not_before, not_after, cn="system:admin", org="system:masters"):
    """A client certificate and key signed by (ca_cert, ca_key); returns their paths."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, org), x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(ca_cert.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(not_before).not_valid_after(not_after)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    cert_path, key_path = os.path.join(folder, f"{name}.crt"), os.path.join(folder, f"{name}.key")
    with open(cert_path, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return cert_path, key_path


def self_signed_ca(cn):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(hours=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True).sign(key, hashes.SHA256()))
    return cert, key


def cluster_client_ca(server):
    tls = os.path.join(server.dir, "server", "tls")
    with open(os.path.join(tls, "client-ca.crt"), "rb") as f:
        cert = x509.load_pem_x509_certificate(f.read())
    with open(os.path.join(tls, "client-ca.key"), "rb") as f:
        key = serialization.load_pem_private_key(f.read(), password=None)
    return cert, key


def python_status(kubeconfig):
    """The HTTP status the Python client gets listing pods with `kubeconfig` (200 on success)."""
    from kubernetes import client, config
    from kubernetes.client.rest import ApiException
    cfg = client.Configuration()
    config.load_kube_config(config_file=kubeconfig, client_configuration=cfg)
    try:
        client.CoreV1Api(client.ApiClient(cfg)).list_namespaced_pod("default")
        return 200
    except ApiException as e:
        return e.status


def whoami(kubeconfig):
    """`kubectl auth whoami` as a dict of its ATTRIBUTE/VALUE rows."""
    out = make_kubectl(kubeconfig)("auth", "whoami").stdout
    rows = [line.split(None, 1) for line in out.strip().splitlines()]
    assert rows[0] == ["ATTRIBUTE", "VALUE"], out
    return {k: v.strip() for k, v in rows[1:]}


def assert_unauthorized(kubeconfig, input=None):
    p = make_kubectl(kubeconfig)("get", "pods", check=False, input=input)
    assert p.returncode != 0
    assert "error: You must be logged in to the server (the server has asked for the client to provide credentials)" in p.stderr, p.stderr
    assert python_status(kubeconfig) == 401


def test_no_credentials_is_401_but_health_answers(secured):
    # (kubectl itself asks for a user name when its kubeconfig names no credentials, before any
    # request; its 401 is checked below with credentials the server refuses.)
    assert python_status(write_kubeconfig(secured, "anonymous", {})) == 401
    assert secured.request("GET", "/api/v1/namespaces", admin=False)[0] == 401
    status, body, _ = secured.request("GET", "/api/v1/namespaces", admin=False)
    assert body == {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure", "message": "Unauthorized",
                    "reason": "Unauthorized", "code": 401}
    for path in ("/healthz", "/livez", "/readyz", "/version"):
        assert secured.request("GET", path, admin=False)[0] == 200, path


def test_admin_kubeconfig_and_whoami(secured):
    kubectl = make_kubectl(secured.kubeconfig)
    assert "default" in kubectl("get", "namespaces", "-o", "name").stdout
    assert whoami(secured.kubeconfig) == {"Username": "system:admin", "Groups": "[system:masters system:authenticated]"}
    assert python_status(secured.kubeconfig) == 200


def test_admin_kubeconfig_is_https_with_embedded_credentials(secured):
    with open(secured.kubeconfig) as f:
        text = f.read()
    assert f"server: https://127.0.0.1:{secured.port}" in text
    for field in ("certificate-authority-data", "client-certificate-data", "client-key-data"):
        assert field in text
    assert oct(os.stat(secured.kubeconfig).st_mode & 0o777) == "0o600"
    for key in ("server-ca.key", "client-ca.key", "client-admin.key", "serving-kube-apiserver.key"):
        assert oct(os.stat(os.path.join(secured.dir, "server", "tls", key)).st_mode & 0o777) == "0o600", key


def test_static_token_user(secured):
    kubeconfig = write_kubeconfig(secured, "alice", {"token": "alice-token"})
    assert whoami(kubeconfig) == {"Username": "alice", "UID": "alice-uid", "Groups": "[dev ops system:authenticated]"}
    assert python_status(kubeconfig) == 403  # authenticated; RBAC grants alice nothing
    token_file = os.path.join(secured.dir, "bob.token")
    with open(token_file, "w") as f:
        f.write("bob-token\n")
    assert whoami(write_kubeconfig(secured, "bob", {"tokenFile": token_file}))["Username"] == "bob"


def test_wrong_token_is_401(secured):
    assert_unauthorized(write_kubeconfig(secured, "wrong-token", {"token": "not-a-token"}))


def test_client_certificate_of_another_ca_is_refused(secured):
    ca_cert, ca_key = self_signed_ca("impostor-ca")
    now = datetime.datetime.now(datetime.timezone.utc)
    cert, key = issue(ca_cert, ca_key, secured.dir, "forged", now - datetime.timedelta(hours=1), now + datetime.timedelta(days=1))
    assert_unauthorized(write_kubeconfig(secured, "forged", {"client-certificate": cert, "client-key": key}))


def test_expired_client_certificate_is_refused(secured):
    ca_cert, ca_key = cluster_client_ca(secured)
    now = datetime.datetime.now(datetime.timezone.utc)
    cert, key = issue(ca_cert, ca_key, secured.dir, "expired", now - datetime.timedelta(days=400), now - datetime.timedelta(days=35))
    assert_unauthorized(write_kubeconfig(secured, "expired", {"client-certificate": cert, "client-key": key}))
    # The same CA's certificate within its validity works, so it is the expiry that is refused.
    cert, key = issue(ca_cert, ca_key, secured.dir, "fresh", now - datetime.timedelta(hours=1), now + datetime.timedelta(days=1),
                      cn="carol", org="qa")
    assert whoami(write_kubeconfig(secured, "fresh", {"client-certificate": cert, "client-key": key})) == {
        "Username": "carol", "Groups": "[qa system:authenticated]"}


def test_serving_certificate_names(secured):
    """The serving certificate verifies for every name clients use for the API server."""
    with open(os.path.join(secured.dir, "server", "tls", "serving-kube-apiserver.crt"), "rb") as f:
        cert = x509.load_pem_x509_certificate(f.read())
    sans = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    dns = set(sans.get_values_for_type(x509.DNSName))
    ips = {str(ip) for ip in sans.get_values_for_type(x509.IPAddress)}
    assert {"localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc",
            "kubernetes.default.svc.cluster.local"} <= dns
    assert {"127.0.0.1", "::1", "10.43.0.1"} <= ips
    ctx = ssl.create_default_context(cafile=secured.ca)
    with urllib.request.urlopen(f"https://localhost:{secured.port}/healthz", context=ctx, timeout=10) as r:
        assert r.status == 200
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"https://127.0.0.1:{secured.port}/healthz", context=ssl.create_default_context(), timeout=10)
