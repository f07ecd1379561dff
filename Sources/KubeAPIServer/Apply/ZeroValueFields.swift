/// The objects and lists a kind's Go zero value already holds. Kubernetes records a create's
/// `Update` entry by comparing the new object with an empty object of its type, whose
/// non-pointer structs (`metadata`, `spec`, `status`, a pod template, a strategy) and lists
/// without `omitempty` (`containers`) exist there, so they are not added and carry no `"."`
/// of their own in `fieldsV1`; what they hold still is.
enum ZeroValueFields {
    /// A pod template's paths below its own path.
    private static let podTemplate: [[String]] = [[], ["metadata"], ["spec"], ["spec", "containers"]]

    private static func template(at prefix: [String]) -> [[String]] { podTemplate.map { prefix + $0 } }

    private static let common: [[String]] = [["metadata"], ["spec"], ["status"]]

    /// The kinds whose zero value holds more than `metadata`, `spec` and `status`.
    private static let particular: [String: [[String]]] = [
        "io.k8s.api.core.v1.Pod": [["spec", "containers"]],
        "io.k8s.api.apps.v1.Deployment": template(at: ["spec", "template"]) + [["spec", "strategy"]],
        "io.k8s.api.apps.v1.DaemonSet": template(at: ["spec", "template"]) + [["spec", "updateStrategy"]],
        "io.k8s.api.apps.v1.StatefulSet": template(at: ["spec", "template"]) + [["spec", "updateStrategy"]],
        "io.k8s.api.apps.v1.ReplicaSet": template(at: ["spec", "template"]),
        "io.k8s.api.batch.v1.Job": template(at: ["spec", "template"]),
        "io.k8s.api.batch.v1.CronJob": [["spec", "jobTemplate"], ["spec", "jobTemplate", "metadata"], ["spec", "jobTemplate", "spec"]]
            + template(at: ["spec", "jobTemplate", "spec", "template"]),
    ]

    private static func fieldSet(_ paths: [[String]]) -> ManagedFieldSet {
        ManagedFieldSet(paths.map { $0.map(ManagedPathElement.field) })
    }

    private static let commonSet = fieldSet(common)
    private static let particularSets = particular.mapValues { fieldSet(common + $0) }

    /// The paths of the type named `definition` (an OpenAPI definition name), as a field set
    /// whose members they are.
    static func set(of definition: String) -> ManagedFieldSet {
        particularSets[definition] ?? commonSet
    }
}
