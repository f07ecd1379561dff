import KubeAPI

extension BootstrapRoles {
    /// `system:aggregate-to-edit`: writes on the namespaced workload resources.
    static let aggregateToEditRules: [PolicyRule] = [
        rule(read, [""], ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"]),
        rule(["impersonate"], [""], ["serviceaccounts"]),
        rule(write, [""], ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"]),
        rule(["create"], [""], ["pods/eviction"]),
        rule(
            write, [""],
            [
                "configmaps", "events", "persistentvolumeclaims", "replicationcontrollers", "replicationcontrollers/scale",
                "secrets", "serviceaccounts", "services", "services/proxy",
            ]),
        rule(["create"], [""], ["serviceaccounts/token"]),
        rule(
            write, ["apps"],
            [
                "daemonsets", "deployments", "deployments/rollback", "deployments/scale", "replicasets",
                "replicasets/scale", "statefulsets", "statefulsets/scale",
            ]),
        rule(write, ["autoscaling"], ["horizontalpodautoscalers"]),
        rule(write, ["batch"], ["cronjobs", "jobs"]),
        rule(
            write, ["extensions"],
            [
                "daemonsets", "deployments", "deployments/rollback", "deployments/scale", "ingresses", "networkpolicies",
                "replicasets", "replicasets/scale", "replicationcontrollers/scale",
            ]),
        rule(write, ["policy"], ["poddisruptionbudgets"]),
        rule(write, ["networking.k8s.io"], ["ingresses", "networkpolicies"]),
        rule(readWrite, ["coordination.k8s.io"], ["leases"]),
    ]

    /// `system:aggregate-to-view`: reads of the namespaced resources that grant nothing further.
    static let aggregateToViewRules: [PolicyRule] = [
        rule(
            read, [""],
            [
                "configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "pods",
                "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status",
            ]),
        rule(
            read, [""],
            [
                "bindings", "events", "limitranges", "namespaces/status", "pods/log", "pods/status",
                "replicationcontrollers/status", "resourcequotas", "resourcequotas/status",
            ]),
        rule(read, [""], ["namespaces"]),
        rule(read, ["discovery.k8s.io"], ["endpointslices"]),
        rule(
            read, ["apps"],
            [
                "controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale",
                "deployments/status", "replicasets", "replicasets/scale", "replicasets/status", "statefulsets",
                "statefulsets/scale", "statefulsets/status",
            ]),
        rule(read, ["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
        rule(read, ["batch"], ["cronjobs", "cronjobs/status", "jobs", "jobs/status"]),
        rule(
            read, ["extensions"],
            [
                "daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "ingresses",
                "ingresses/status", "networkpolicies", "replicasets", "replicasets/scale", "replicasets/status",
                "replicationcontrollers/scale",
            ]),
        rule(read, ["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"]),
        rule(read, ["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"]),
    ]

    /// `system:kube-controller-manager` as Kubernetes defines it (its controllers then run
    /// under their own service accounts).
    static let kubeControllerManagerRules: [PolicyRule] = [
        rule(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
        rule(["create"], ["coordination.k8s.io"], ["leases"]),
        rule(["get", "update"], ["coordination.k8s.io"], ["leases"], names: ["kube-controller-manager"]),
        rule(["create"], [""], ["secrets", "serviceaccounts"]),
        rule(["delete"], [""], ["secrets"]),
        rule(["get"], [""], ["configmaps", "namespaces", "secrets", "serviceaccounts"]),
        rule(["update"], [""], ["secrets", "serviceaccounts"]),
        rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
        rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
        rule(["list", "watch"], ["*"], ["*"]),
        rule(["create"], [""], ["serviceaccounts/token"]),
    ]

    /// Skiff's addition to `system:kube-controller-manager`: its controllers all run as that one
    /// identity, so the role also holds what Kubernetes grants the `system:controller:*` roles of
    /// the controllers Skiff runs (garbage collector and namespace controller: everything but
    /// create; creates of the objects the workload, endpoint and service account controllers
    /// and the root-ca-cert-publisher make; `escalate` for the clusterrole-aggregation controller).
    static let skiffControllerRules: [PolicyRule] = [
        rule(["delete", "deletecollection", "get", "list", "patch", "update", "watch"], ["*"], ["*"]),
        rule(["create"], [""], ["configmaps", "endpoints", "pods", "pods/binding", "serviceaccounts"]),
        rule(["create"], ["apps"], ["controllerrevisions", "replicasets"]),
        rule(["create"], ["discovery.k8s.io"], ["endpointslices"]),
        rule(["escalate"], ["rbac.authorization.k8s.io"], ["clusterroles"]),
        // The CSR controllers (Kubernetes' system:controller:certificate-controller).
        rule(
            ["approve"], ["certificates.k8s.io"], ["signers"],
            names: ["kubernetes.io/kube-apiserver-client-kubelet", "kubernetes.io/kubelet-serving"]),
        rule(
            ["sign"], ["certificates.k8s.io"], ["signers"],
            names: ["kubernetes.io/kube-apiserver-client", "kubernetes.io/kube-apiserver-client-kubelet", "kubernetes.io/kubelet-serving"]),
    ]

    /// `system:kube-scheduler`.
    static let kubeSchedulerRules: [PolicyRule] = [
        rule(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]),
        rule(["create"], ["coordination.k8s.io"], ["leases"]),
        rule(["get", "update"], ["coordination.k8s.io"], ["leases"], names: ["kube-scheduler"]),
        rule(read, [""], ["nodes"]),
        rule(["delete", "get", "list", "watch"], [""], ["pods"]),
        rule(["create"], [""], ["bindings", "pods/binding"]),
        rule(["patch", "update"], [""], ["pods/status"]),
        rule(read, [""], ["replicationcontrollers", "services"]),
        rule(read, ["apps", "extensions"], ["replicasets"]),
        rule(read, ["apps"], ["statefulsets"]),
        rule(read, ["policy"], ["poddisruptionbudgets"]),
        rule(read, [""], ["persistentvolumeclaims", "persistentvolumes"]),
        rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
        rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
        rule(read, ["storage.k8s.io"], ["csinodes"]),
        rule(read, [""], ["namespaces"]),
        rule(read, ["storage.k8s.io"], ["csidrivers"]),
        rule(read, ["storage.k8s.io"], ["csistoragecapacities"]),
    ]

    /// `system:node` (`NodeRules`).
    static let nodeRules: [PolicyRule] = [
        rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
        rule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews", "subjectaccessreviews"]),
        rule(read, [""], ["services"]),
        rule(["create", "get", "list", "watch"], [""], ["nodes"]),
        rule(["patch", "update"], [""], ["nodes/status"]),
        rule(["patch", "update"], [""], ["nodes"]),
        rule(["create", "patch", "update"], [""], ["events"]),
        rule(read, [""], ["pods"]),
        rule(["create", "delete"], [""], ["pods"]),
        rule(["patch", "update"], [""], ["pods/status"]),
        rule(["create"], [""], ["pods/eviction"]),
        rule(read, [""], ["configmaps", "secrets"]),
        rule(["get"], [""], ["persistentvolumeclaims", "persistentvolumes"]),
        rule(["get"], [""], ["endpoints"]),
        rule(["create", "get", "list", "watch"], ["certificates.k8s.io"], ["certificatesigningrequests"]),
        rule(["create", "delete", "get", "patch", "update"], ["coordination.k8s.io"], ["leases"]),
        rule(["get"], ["storage.k8s.io"], ["volumeattachments"]),
        rule(["create"], [""], ["serviceaccounts/token"]),
        rule(["get", "patch", "update"], [""], ["persistentvolumeclaims/status"]),
        rule(read, ["storage.k8s.io"], ["csidrivers"]),
        rule(["create", "delete", "get", "patch", "update"], ["storage.k8s.io"], ["csinodes"]),
        rule(read, ["node.k8s.io"], ["runtimeclasses"]),
    ]
}
