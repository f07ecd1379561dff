import KubeAPI

/// The controller ownerReference: the one owner with `controller: true` that manages an object.
public enum ControllerRef {
    /// The ownerReference naming `owner` (of `apiVersion`/`kind`) as controller, with
    /// `blockOwnerDeletion` so foreground deletion of the owner waits for the dependent.
    public static func make(for owner: JSONValue, apiVersion: String, kind: String) -> JSONValue {
        [
            "apiVersion": .string(apiVersion), "kind": .string(kind), "name": .string(owner.name),
            "uid": .string(owner.uid), "controller": true, "blockOwnerDeletion": true,
        ]
    }

    /// The controller ownerReference of `object`, if it has one.
    public static func of(_ object: JSONValue) -> JSONValue? {
        (object["metadata"]?["ownerReferences"]?.arrayValue ?? []).first { $0["controller"]?.boolValue == true }
    }

    /// The uid of `object`'s controller, if it has one.
    public static func uid(of object: JSONValue) -> String? { of(object)?["uid"]?.stringValue }
}

/// Builds objects from templates as Kubernetes' controllers do.
public enum PodTemplates {
    /// A pod from `template` (a PodTemplateSpec) for `owner`: the template's labels, annotations,
    /// finalizers and spec, `generateName` `<prefix>-`, in the owner's namespace, controlled by `ref`.
    public static func pod(from template: JSONValue, namespace: String, generateName prefix: String, controllerRef ref: JSONValue) -> JSONValue {
        var metadata: JSONValue = [
            "generateName": .string("\(prefix)-"), "namespace": .string(namespace), "ownerReferences": [ref],
        ]
        for field in ["labels", "annotations", "finalizers"] {
            if let value = template["metadata"]?[field] { metadata[field] = value }
        }
        return ["apiVersion": "v1", "kind": "Pod", "metadata": metadata, "spec": template["spec"] ?? [:]]
    }
}
