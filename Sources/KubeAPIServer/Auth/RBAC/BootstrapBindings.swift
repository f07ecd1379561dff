import KubeAPI

/// Kubernetes' bootstrap ClusterRoleBindings, as data, plus Skiff's binding of `system:node`
/// to the `system:nodes` group (Kubernetes leaves that binding without subjects because its
/// Node authorizer decides for kubelets; Skiff binds it until that authorizer joins the chain).
enum BootstrapBindings {
    static func group(_ name: String) -> Subject { Subject(kind: "Group", apiGroup: RBACEscalationCheck.group, name: name) }
    static func user(_ name: String) -> Subject { Subject(kind: "User", apiGroup: RBACEscalationCheck.group, name: name) }

    /// A ClusterRoleBinding of the ClusterRole of the same name (unless `role` names another),
    /// with the bootstrap label and the autoupdate annotation.
    static func binding(_ name: String, role: String? = nil, _ subjects: [Subject]) -> ClusterRoleBinding {
        var meta = ObjectMeta(name: name)
        meta.labels = ["kubernetes.io/bootstrapping": "rbac-defaults"]
        meta.annotations = ["rbac.authorization.kubernetes.io/autoupdate": "true"]
        return ClusterRoleBinding(
            metadata: meta, subjects: subjects, roleRef: RoleRef(kind: "ClusterRole", name: role ?? name))
    }

    /// Every bootstrap ClusterRoleBinding.
    static let all: [ClusterRoleBinding] = [
        binding("cluster-admin", [group("system:masters")]),
        binding("system:monitoring", [group("system:monitoring")]),
        binding("system:discovery", [group("system:authenticated")]),
        binding("system:basic-user", [group("system:authenticated")]),
        binding("system:public-info-viewer", [group("system:authenticated"), group("system:unauthenticated")]),
        binding("system:node-proxier", [user("system:kube-proxy")]),
        binding("system:kube-controller-manager", [user("system:kube-controller-manager")]),
        binding("system:kube-scheduler", [user("system:kube-scheduler")]),
        binding("system:volume-scheduler", [user("system:kube-scheduler")]),
        binding("system:service-account-issuer-discovery", [group("system:serviceaccounts")]),
        binding("system:node", [group("system:nodes")]),
        // The API server's client identity toward kubelets (`system:apiserver`, k3s'
        // client-kube-apiserver certificate) may use every kubelet's API, as k3s binds it.
        binding("kube-apiserver-kubelet-admin", role: "system:kubelet-api-admin", [user("system:apiserver")]),
        // Node bootstrap, bound as kubeadm binds it (to the group join tokens carry).
        binding("skiff:kubelet-bootstrap", role: "system:node-bootstrapper", [group(BootstrapToken.defaultNodeGroup)]),
        binding(
            "skiff:node-autoapprove-bootstrap", role: "system:certificates.k8s.io:certificatesigningrequests:nodeclient",
            [group(BootstrapToken.defaultNodeGroup)]),
        binding(
            "skiff:node-autoapprove-certificate-rotation",
            role: "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient", [group("system:nodes")]),
    ]
}
