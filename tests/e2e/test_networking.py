"""networking.k8s.io/v1 Ingress, IngressClass and NetworkPolicy with the real kubectl and the
official Python client: stored, defaulted, validated and printed as Kubernetes does (the API
server only stores them; ingress controllers and network plugins act on them)."""
import json

import pytest
from kubernetes import client
from kubernetes.client.rest import ApiException


def test_kubectl_create_ingress_prints_and_describes_it(kubectl):
    kubectl("create", "ns", "net-ing")
    # `kubectl create ingress` sends the object as protobuf.
    kubectl("create", "ingress", "shop", "-n", "net-ing", "--class=nginx",
            "--rule=foo.example.com/cart*=cart:80", "--rule=bar.example.com/=api:http,tls=bar-cert")
    kubectl("create", "ingress", "fallback", "-n", "net-ing", "--default-backend=web:8080")
    ing = json.loads(kubectl("get", "ingress", "shop", "-n", "net-ing", "-o", "json").stdout)
    rules = ing["spec"]["rules"]
    assert rules[0]["http"]["paths"][0] == {
        "path": "/cart", "pathType": "Prefix", "backend": {"service": {"name": "cart", "port": {"number": 80}}}}
    assert rules[1]["http"]["paths"][0]["backend"]["service"]["port"] == {"name": "http"}
    assert ing["spec"]["tls"] == [{"hosts": ["bar.example.com"], "secretName": "bar-cert"}]
    assert ing["status"] == {"loadBalancer": {}}
    table = kubectl("get", "ing", "-n", "net-ing").stdout.splitlines()
    assert table[0].split() == ["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"]
    assert table[1].split()[:3] == ["fallback", "<none>", "*"]
    assert table[2].split()[:5] == ["shop", "nginx", "foo.example.com,bar.example.com", "80,", "443"]
    described = kubectl("describe", "ingress", "shop", "-n", "net-ing").stdout
    assert "bar-cert terminates bar.example.com" in described and "/cart" in described


def test_invalid_ingress_is_refused_with_every_cause(kubectl):
    bad = {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "bad"},
           "spec": {"rules": [{"host": "10.0.0.1", "http": {"paths": [
               {"path": "rel", "pathType": "Prefix", "backend": {"service": {"name": "web"}}}]}}]}}
    p = kubectl("apply", "-f", "-", input=json.dumps(bad), check=False)
    assert p.returncode != 0
    assert 'spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address' in p.stderr
    assert 'spec.rules[0].http.paths[0].path: Invalid value: "rel": must be an absolute path' in p.stderr
    assert "spec.rules[0].http.paths[0].backend: Required value: port name or number is required" in p.stderr
    assert kubectl("get", "ingress", "bad", check=False).returncode != 0


def test_network_policy_defaults_and_table(kubectl):
    policy = {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "db"},
              "spec": {"podSelector": {"matchLabels": {"app": "db"}},
                       "ingress": [{"from": [{"podSelector": {"matchLabels": {"app": "web"}}},
                                             {"ipBlock": {"cidr": "10.0.0.0/8", "except": ["10.1.0.0/16"]}}],
                                    "ports": [{"port": 5432}]}],
                       "egress": [{"to": [{"namespaceSelector": {}}]}]}}
    deny = {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "deny-all"}, "spec": {}}
    kubectl("apply", "-f", "-", input=json.dumps({"apiVersion": "v1", "kind": "List", "items": [policy, deny]}))
    got = json.loads(kubectl("get", "netpol", "db", "-o", "json").stdout)["spec"]
    assert got["policyTypes"] == ["Ingress", "Egress"]
    assert got["ingress"][0]["ports"] == [{"port": 5432, "protocol": "TCP"}]
    assert json.loads(kubectl("get", "netpol", "deny-all", "-o", "json").stdout)["spec"] == {
        "podSelector": {}, "policyTypes": ["Ingress"]}
    rows = {line.split()[0]: line.split()[1] for line in kubectl("get", "networkpolicies").stdout.splitlines()[1:]}
    assert rows["db"] == "app=db" and rows["deny-all"] == "<none>"
    assert "PodSelector:     app=db" in kubectl("describe", "netpol", "db").stdout
    bad = dict(policy, metadata={"name": "bad"}, spec={"policyTypes": ["Sideways"], "ingress": [{"from": [{}]}]})
    p = kubectl("apply", "-f", "-", input=json.dumps(bad), check=False)
    assert p.returncode != 0 and "spec.ingress[0].from[0]: Required value: must specify a peer" in p.stderr
    assert 'spec.policyTypes[0]: Unsupported value: "Sideways"' in p.stderr


def test_ingress_class_controller_is_immutable(kubectl):
    cls = {"apiVersion": "networking.k8s.io/v1", "kind": "IngressClass", "metadata": {"name": "e2e-nginx"},
           "spec": {"controller": "k8s.io/ingress-nginx",
                    "parameters": {"apiGroup": "k8s.example.com", "kind": "IngressParameters", "name": "lb"}}}
    kubectl("apply", "-f", "-", input=json.dumps(cls))
    row = kubectl("get", "ingressclass", "e2e-nginx", "--no-headers").stdout.split()
    assert row[:3] == ["e2e-nginx", "k8s.io/ingress-nginx", "IngressParameters.k8s.example.com/lb"]
    p = kubectl("patch", "ingressclass", "e2e-nginx", "--type=merge", "-p", '{"spec":{"controller":"example.com/x"}}',
                check=False)
    assert p.returncode != 0 and "spec.controller: Invalid value: \"example.com/x\": field is immutable" in p.stderr


def test_python_client_networking_v1(api):
    net = client.NetworkingV1Api(api)
    body = client.V1Ingress(
        metadata=client.V1ObjectMeta(name="py-ing"),
        spec=client.V1IngressSpec(rules=[client.V1IngressRule(host="py.example.com", http=client.V1HTTPIngressRuleValue(
            paths=[client.V1HTTPIngressPath(path="/", path_type="Prefix", backend=client.V1IngressBackend(
                service=client.V1IngressServiceBackend(name="web", port=client.V1ServiceBackendPort(number=80))))]))]))
    created = net.create_namespaced_ingress("default", body)
    assert created.spec.rules[0].http.paths[0].backend.service.port.number == 80
    status = client.V1IngressStatus(load_balancer=client.V1IngressLoadBalancerStatus(
        ingress=[client.V1IngressLoadBalancerIngress(ip="192.0.2.7")]))
    created.status = status
    net.replace_namespaced_ingress_status("py-ing", "default", created)
    assert net.read_namespaced_ingress("py-ing", "default").status.load_balancer.ingress[0].ip == "192.0.2.7"
    assert "py-ing" in [i.metadata.name for i in net.list_ingress_for_all_namespaces().items]
    with pytest.raises(ApiException) as refused:
        net.create_namespaced_network_policy("default", client.V1NetworkPolicy(
            metadata=client.V1ObjectMeta(name="py-bad"),
            spec=client.V1NetworkPolicySpec(pod_selector=client.V1LabelSelector(),
                                            policy_types=["Ingress", "Ingress"])))
    assert refused.value.status == 422
    net.delete_namespaced_ingress("py-ing", "default")
    assert "py-ing" not in [i.metadata.name for i in net.list_namespaced_ingress("default").items]
