import Foundation
import Testing

@testable import KubeAPI

/// A PriorityClass body with `extra` members after `metadata`.
private func priorityClass(_ name: String, _ extra: String = #""value":1000"#) -> String {
    #"{"apiVersion":"scheduling.k8s.io/v1","kind":"PriorityClass","metadata":{"name":"\#(name)"},\#(extra)}"#
}

/// The causes of creating (or, with `old`, updating) a PriorityClass.
private func causes(_ text: String, old: String? = nil) throws -> [StatusCause] {
    var oldText = old
    if let old, var stored = try? JSONValue.parse(old) {
        // The server carries resourceVersion into the update before validating.
        stored.setMetadata("resourceVersion", "5")
        oldText = stored.jsonString
    }
    var new = try JSONValue.parse(text)
    if old != nil { new.setMetadata("resourceVersion", "5") }
    return try validationCauses("PriorityClass", group: "scheduling.k8s.io", new.jsonString, old: oldText)
}

@Suite struct PriorityClassDefaultingTests {
    @Test func policyDefaultsAndValueMaterializes() throws {
        let pc = try defaulted("PriorityClass", group: "scheduling.k8s.io", priorityClass("high", #""description":"d""#))
        #expect(pc["preemptionPolicy"] == "PreemptLowerPriority")
        #expect(pc["value"] == 0)
        #expect(pc.objectValue?.keys == ["apiVersion", "kind", "metadata", "description", "value", "preemptionPolicy"])
    }

    @Test func explicitValuesAreKept() throws {
        let pc = try defaulted(
            "PriorityClass", group: "scheduling.k8s.io", priorityClass("n", #""value":-5,"preemptionPolicy":"Never""#))
        #expect(pc["preemptionPolicy"] == "Never" && pc["value"] == -5)
        // An empty policy is a set pointer in Kubernetes: validation, not defaulting, answers it.
        let empty = try defaulted(
            "PriorityClass", group: "scheduling.k8s.io", priorityClass("n", #""value":1,"preemptionPolicy":"""#))
        #expect(empty["preemptionPolicy"] == "")
    }
}

@Suite struct PriorityClassValidationTests {
    @Test func validClassesPass() throws {
        #expect(try causes(priorityClass("high-priority")).isEmpty)
        #expect(try causes(priorityClass("low", #""value":-2147483648,"globalDefault":true"#)).isEmpty)
        #expect(try causes(priorityClass("max", #""value":1000000000"#)).isEmpty)
        for system in PriorityClass.system {
            let name = system.metadata.name ?? ""
            #expect(try causes(priorityClass(name, #""value":\#(system.value)"#)).isEmpty, "\(name)")
        }
    }

    @Test func nameIsADNSSubdomainAndClusterScoped() throws {
        let bad = try causes(priorityClass("High_Priority"))
        #expect(bad.hasCause("metadata.name", "Invalid value: \"High_Priority\": " + NameValidationTests.subdomainMessage))
        let namespaced = try causes(
            #"{"metadata":{"name":"a","namespace":"default"},"value":1}"#)
        #expect(namespaced.hasCause("metadata.namespace", "Forbidden: not allowed on this type"))
    }

    @Test func userValueIsCapped() throws {
        let found = try causes(priorityClass("huge", #""value":1000000001"#))
        #expect(found == [
            StatusCause(
                reason: "FieldValueForbidden", message: "Forbidden: maximum allowed value of a user defined priority is 1000000000",
                field: "value")
        ])
    }

    @Test func systemPrefixIsReserved() throws {
        let prefix = "Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: "
        #expect(
            try causes(priorityClass("system-mine", #""value":5"#))
                .hasCause("metadata.name", prefix + "system-mine is not a known system priority class"))
        #expect(
            try causes(priorityClass("system-node-critical", #""value":5"#))
                .hasCause("metadata.name", prefix + "value of system-node-critical PriorityClass must be 2000001000"))
        #expect(
            try causes(priorityClass("system-cluster-critical", #""value":2000000000,"globalDefault":true"#))
                .hasCause(
                    "metadata.name", prefix + "globalDefault of system-cluster-critical PriorityClass must be false"))
        // Under the reserved prefix the value cap is not reported a second time.
        #expect(try causes(priorityClass("system-x", #""value":2000000000"#)).count == 1)
    }

    @Test func preemptionPolicyIsOneOfTwo() throws {
        #expect(
            try causes(priorityClass("a", #""value":1,"preemptionPolicy":"Sometimes""#))
                .hasCause(
                    "preemptionPolicy",
                    "Unsupported value: \"Sometimes\": supported values: \"PreemptLowerPriority\", \"Never\""))
        #expect(
            try causes(priorityClass("a", #""value":1,"preemptionPolicy":"""#))
                .hasCause("preemptionPolicy", "Required value"))
    }

    @Test func wrongJSONTypesAreReported() throws {
        let found = try causes(priorityClass("a", #""value":"high","globalDefault":"yes""#))
        #expect(found.cause(at: "value")?.reason == "FieldValueTypeInvalid")
        #expect(found.cause(at: "globalDefault")?.reason == "FieldValueTypeInvalid")
    }

    @Test func valueAndPolicyAreImmutable() throws {
        let old = priorityClass("a", #""value":10,"preemptionPolicy":"Never""#)
        let changed = try causes(priorityClass("a", #""value":11,"preemptionPolicy":"PreemptLowerPriority""#), old: old)
        #expect(changed.hasCause("value", "Forbidden: may not be changed in an update."))
        #expect(changed.hasCause("preemptionPolicy", "Invalid value: \"PreemptLowerPriority\": field is immutable"))
        let described = priorityClass("a", #""value":10,"preemptionPolicy":"Never","description":"new","globalDefault":true"#)
        #expect(try causes(described, old: old).isEmpty)
    }

    @Test func updatesSkipTheCreateRules() throws {
        // A system class may change its description (and Kubernetes' update rules do not look
        // at the reserved names at all).
        let old = priorityClass("system-node-critical", #""value":2000001000"#)
        let new = priorityClass("system-node-critical", #""value":2000001000,"description":"mine""#)
        #expect(try causes(new, old: old).isEmpty)
    }
}

@Suite struct PriorityClassTypeTests {
    @Test func typedViewDecodesAndEncodes() throws {
        let json = #"""
            {"apiVersion":"scheduling.k8s.io/v1","kind":"PriorityClass","metadata":{"name":"high","generation":1},
            "value":1000,"globalDefault":true,"description":"for important pods","preemptionPolicy":"Never"}
            """#
        let pc = try JSONDecoder().decode(PriorityClass.self, from: Data(json.utf8))
        #expect(pc.value == 1000 && pc.globalDefault == true && pc.preemptionPolicy == "Never")
        #expect(pc.description == "for important pods" && pc.metadata.name == "high")
        let again = try JSONDecoder().decode(PriorityClass.self, from: JSONEncoder().encode(pc))
        #expect(again == pc)
        #expect(PriorityClass.group == "scheduling.k8s.io" && PriorityClass.version == "v1")
        #expect(PriorityClass.resourceInfo?.shortNames == ["pc"] && PriorityClass.resourceInfo?.namespaced == false)
    }

    @Test func systemClassesMatchKubernetes() {
        #expect(PriorityClass.system.map { $0.metadata.name ?? "" } == ["system-node-critical", "system-cluster-critical"])
        #expect(PriorityClass.systemClass(named: "system-node-critical")?.value == 2_000_001_000)
        #expect(PriorityClass.systemClass(named: "system-cluster-critical")?.value == 2_000_000_000)
        #expect(PriorityClass.systemClass(named: "system-other") == nil)
    }
}
