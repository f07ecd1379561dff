extension StandardDefinitions {
    /// core/v1 options of the connect subresources: pods' exec, attach and portforward, and
    /// nodes' proxy.
    static let coreConnect: [TypeDefinition] = [
        TypeDefinition(
            "io.k8s.api.core.v1.NodeProxyOptions",
            "The query of nodes/proxy: the path on the node's kubelet to proxy to.",
            gvk: [.init(group: "", version: "v1", kind: "NodeProxyOptions")],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("path", .str, "The URL path on the kubelet for this proxy request."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PodExecOptions",
            "The query of pods/exec: a command to run in a container, and which streams to attach.",
            gvk: [.init(group: "", version: "v1", kind: "PodExecOptions")],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("command", .strings, "The command and its arguments, run without a shell.", required: true),
                .init("container", .str, "The container to run it in; may be left out for a pod of one container."),
                .init("stdin", .boolean, "Pass standard input."),
                .init("stdout", .boolean, "Return standard output."),
                .init("stderr", .boolean, "Return standard error."),
                .init("tty", .boolean, "Allocate a terminal."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PodAttachOptions",
            "The query of pods/attach: which container's streams to attach to.",
            gvk: [.init(group: "", version: "v1", kind: "PodAttachOptions")],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("container", .str, "The container to attach to."),
                .init("stdin", .boolean, "Pass standard input."),
                .init("stdout", .boolean, "Return standard output."),
                .init("stderr", .boolean, "Return standard error."),
                .init("tty", .boolean, "The container runs with a terminal."),
            ]),
        TypeDefinition(
            "io.k8s.api.core.v1.PodPortForwardOptions",
            "The query of pods/portforward: the pod ports to forward.",
            gvk: [.init(group: "", version: "v1", kind: "PodPortForwardOptions")],
            fields: [
                .init("apiVersion", .str, "Versioned schema of this object, e.g. `v1` or `apps/v1`."),
                .init("kind", .str, "The kind of object, in CamelCase, e.g. `Pod`."),
                .init("ports", .list(.int32), "The ports to forward."),
            ]),
    ]
}
