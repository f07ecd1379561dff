import KubeAPI

@testable import KubeAPIServer

/// Small schemas for the patch and apply tests: a Kubernetes-like Pod/Deployment and the
/// `mergeItem` type Kubernetes' own strategic merge patch tests use.
enum PatchTestSchemas {
    static let registry = SchemaRegistry([
        TypeDefinition(
            "test.Pod",
            fields: [
                FieldSchema("apiVersion", .string()),
                FieldSchema("kind", .string()),
                FieldSchema("metadata", .ref("test.ObjectMeta")),
                FieldSchema("spec", .ref("test.PodSpec")),
                FieldSchema("status", .any),
            ]),
        TypeDefinition(
            "test.Deployment",
            fields: [
                FieldSchema("apiVersion", .string()),
                FieldSchema("kind", .string()),
                FieldSchema("metadata", .ref("test.ObjectMeta")),
                FieldSchema("spec", .ref("test.DeploymentSpec")),
                FieldSchema("status", .any),
            ]),
        TypeDefinition(
            "test.DeploymentSpec",
            fields: [
                FieldSchema("replicas", .integer(format: "int32")),
                FieldSchema("paused", .boolean),
                FieldSchema("selector", .ref("test.LabelSelector")),
                FieldSchema("template", .ref("test.PodTemplateSpec")),
            ]),
        TypeDefinition(
            "test.LabelSelector",
            fields: [FieldSchema("matchLabels", .map(.string()))]),
        TypeDefinition(
            "test.PodTemplateSpec",
            fields: [
                FieldSchema("metadata", .ref("test.ObjectMeta")),
                FieldSchema("spec", .ref("test.PodSpec")),
            ]),
        TypeDefinition(
            "test.ObjectMeta",
            fields: [
                FieldSchema("name", .string()),
                FieldSchema("namespace", .string()),
                FieldSchema("uid", .string()),
                FieldSchema("resourceVersion", .string()),
                FieldSchema("generation", .integer()),
                FieldSchema("creationTimestamp", .string(format: "date-time")),
                FieldSchema("labels", .map(.string())),
                FieldSchema("annotations", .map(.string())),
                FieldSchema("finalizers", .array(.string(), .set)),
                FieldSchema("managedFields", .array(.any, .atomic)),
            ]),
        TypeDefinition(
            "test.PodSpec",
            fields: [
                FieldSchema("containers", .array(.ref("test.Container"), .map(key: "name"))),
                FieldSchema("volumes", .array(.ref("test.Volume"), .map(key: "name", retainKeys: true))),
                FieldSchema("tolerations", .array(.ref("test.Toleration"), .atomic)),
                FieldSchema("nodeSelector", .map(.string())),
                FieldSchema("restartPolicy", .string()),
            ]),
        TypeDefinition(
            "test.Container",
            fields: [
                FieldSchema("name", .string()),
                FieldSchema("image", .string()),
                FieldSchema("args", .array(.string(), .atomic)),
                FieldSchema("ports", .array(.ref("test.ContainerPort"), .map(key: "containerPort"))),
                FieldSchema("env", .array(.ref("test.EnvVar"), .map(key: "name"))),
                FieldSchema("resources", .ref("test.Resources")),
            ]),
        TypeDefinition(
            "test.Resources",
            fields: [FieldSchema("limits", .map(.quantity)), FieldSchema("requests", .map(.quantity))]),
        TypeDefinition(
            "test.ContainerPort",
            fields: [
                FieldSchema("containerPort", .integer(format: "int32")),
                FieldSchema("protocol", .string()),
                FieldSchema("name", .string()),
            ]),
        TypeDefinition("test.EnvVar", fields: [FieldSchema("name", .string()), FieldSchema("value", .string())]),
        TypeDefinition(
            "test.Volume", preserveUnknownFields: true,
            fields: [
                FieldSchema("name", .string()),
                FieldSchema("emptyDir", .any),
                FieldSchema("hostPath", .any),
            ]),
        TypeDefinition(
            "test.Toleration",
            fields: [FieldSchema("key", .string()), FieldSchema("operator", .string()), FieldSchema("value", .string())]),
        // Kubernetes' strategicpatch test type.
        TypeDefinition(
            "test.mergeItem",
            fields: [
                FieldSchema("name", .string()),
                FieldSchema("value", .string()),
                FieldSchema("other", .string()),
                FieldSchema("mergingList", .array(.ref("test.mergeItem"), .map(key: "name"))),
                FieldSchema("nonMergingList", .array(.ref("test.mergeItem"), .atomic)),
                FieldSchema("mergingIntList", .array(.integer(), .set)),
                FieldSchema("nonMergingIntList", .array(.integer(), .atomic)),
                FieldSchema("simpleMap", .map(.string())),
                FieldSchema("retainKeysMap", .ref("test.mergeItem")),
                FieldSchema("retainKeysMergingList", .array(.ref("test.mergeItem"), .map(key: "name", retainKeys: true))),
            ]),
    ])
}

/// Parses JSON text in tests.
func patchJSON(_ text: String) throws -> JSONValue {
    try JSONValue.parse(text)
}
