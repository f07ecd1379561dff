// Protobuf field numbers of networking.k8s.io/v1 (k8s.io/api/networking/v1/generated.proto). Facts
// taken from the published generated.proto and the Go struct tags beside it (pointer and
// non-`omitempty` fields decide `.keep`).

extension ProtobufFieldNumbers {
    /// Field numbers of networking.k8s.io/v1, by definition name.
    static let networking: [String: [String: ProtobufField]] = [
        "io.k8s.api.networking.v1.Ingress": ["metadata": 1, "spec": 2, "status": 3],
        "io.k8s.api.networking.v1.IngressList": ["metadata": 1, "items": 2],
        "io.k8s.api.networking.v1.IngressSpec": ["ingressClassName": .keep(4), "defaultBackend": 1, "tls": 2, "rules": 3],
        "io.k8s.api.networking.v1.IngressBackend": ["service": 4, "resource": 3],
        "io.k8s.api.networking.v1.IngressServiceBackend": ["name": .keep(1), "port": 2],
        "io.k8s.api.networking.v1.ServiceBackendPort": ["name": 1, "number": 2],
        "io.k8s.api.networking.v1.IngressTLS": ["hosts": 1, "secretName": 2],
        "io.k8s.api.networking.v1.IngressRule": [
            "host": 1, "ingressRuleValue": .inline(2, "io.k8s.api.networking.v1.IngressRuleValue"),
        ],
        "io.k8s.api.networking.v1.IngressRuleValue": ["http": 1],
        "io.k8s.api.networking.v1.HTTPIngressRuleValue": ["paths": 1],
        "io.k8s.api.networking.v1.HTTPIngressPath": ["path": 1, "pathType": .keep(3), "backend": 2],
        "io.k8s.api.networking.v1.IngressStatus": ["loadBalancer": 1],
        "io.k8s.api.networking.v1.IngressLoadBalancerStatus": ["ingress": 1],
        "io.k8s.api.networking.v1.IngressLoadBalancerIngress": ["ip": 1, "hostname": 2, "ports": 4],
        "io.k8s.api.networking.v1.IngressPortStatus": ["port": .keep(1), "protocol": .keep(2), "error": .keep(3)],
        "io.k8s.api.networking.v1.IngressClass": ["metadata": 1, "spec": 2],
        "io.k8s.api.networking.v1.IngressClassList": ["metadata": 1, "items": 2],
        "io.k8s.api.networking.v1.IngressClassSpec": ["controller": 1, "parameters": 2],
        "io.k8s.api.networking.v1.IngressClassParametersReference": [
            "apiGroup": .keep(1), "kind": .keep(2), "name": .keep(3), "scope": .keep(4), "namespace": .keep(5),
        ],
        "io.k8s.api.networking.v1.NetworkPolicy": ["metadata": 1, "spec": 2],
        "io.k8s.api.networking.v1.NetworkPolicyList": ["metadata": 1, "items": 2],
        "io.k8s.api.networking.v1.NetworkPolicySpec": ["podSelector": 1, "ingress": 2, "egress": 3, "policyTypes": 4],
        "io.k8s.api.networking.v1.NetworkPolicyIngressRule": ["ports": 1, "from": 2],
        "io.k8s.api.networking.v1.NetworkPolicyEgressRule": ["ports": 1, "to": 2],
        "io.k8s.api.networking.v1.NetworkPolicyPeer": ["podSelector": 1, "namespaceSelector": 2, "ipBlock": 3],
        "io.k8s.api.networking.v1.IPBlock": ["cidr": .keep(1), "except": 2],
        "io.k8s.api.networking.v1.NetworkPolicyPort": ["protocol": .keep(1), "port": 2, "endPort": .keep(3)],
        // policy/v1 (k8s.io/api/policy/v1/generated.proto): the pod eviction request.
        "io.k8s.api.policy.v1.Eviction": ["metadata": 1, "deleteOptions": 2],
    ]
}
