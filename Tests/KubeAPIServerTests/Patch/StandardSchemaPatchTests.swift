import KubeAPI
import Testing

@testable import KubeAPIServer

/// The engines against Skiff's real type definitions (`SchemaRegistry.standard`).
@Suite("Patch engines with the standard schema")
struct StandardSchemaPatchTests {
    static let deployment = #"""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
          "template":{"metadata":{"labels":{"app":"web"}},
           "spec":{"containers":[{"name":"nginx","image":"nginx:1.25","ports":[{"containerPort":80}],"env":[{"name":"A","value":"1"}]},
                                 {"name":"sidecar","image":"busybox"}]}}}}
        """#

    @Test func strategicMergePatchMergesContainersByName() throws {
        let patch = try patchJSON(
            #"{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.26","env":[{"name":"B","value":"2"}]}]}}}}"#
        )
        let result = try StrategicMergePatch.apply(
            patch, to: try patchJSON(StandardSchemaPatchTests.deployment), schema: .standard,
            root: "io.k8s.api.apps.v1.Deployment")
        let containers = result["spec"]?["template"]?["spec"]?["containers"]?.arrayValue ?? []
        #expect(containers.compactMap { $0["name"]?.stringValue } == ["nginx", "sidecar"])
        #expect(containers.first?["image"] == "nginx:1.26")
        #expect(containers.first?["env"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["B", "A"])
        #expect(containers.first?["ports"] == [["containerPort": 80]])
    }

    @Test func serverSideApplyTracksContainersByName() throws {
        let config = try patchJSON(StandardSchemaPatchTests.deployment)
        let created = ManagedFields.recordUpdate(
            old: nil, new: config, manager: "kubectl-create", schema: .standard, root: "io.k8s.api.apps.v1.Deployment",
            now: SSAFixture.t1, apiVersion: "apps/v1")
        let fields = SSAFixture.fields(created, "kubectl-create") ?? ""
        #expect(fields.contains(#"k:{\"name\":\"nginx\"}"#))
        #expect(fields.contains(#"k:{\"containerPort\":80}"#))
        var changed = config
        changed["spec"]?["replicas"] = 5
        #expect { try ServerSideApply.apply(
            live: created, applied: changed, manager: "kubectl", force: false, schema: .standard,
            root: "io.k8s.api.apps.v1.Deployment", now: SSAFixture.t2, apiVersion: "apps/v1")
        } throws: {
            ($0 as? APIError)?.message
                == #"Apply failed with 1 conflict: conflict with "kubectl-create" using apps/v1: .spec.replicas"#
        }
    }
}
