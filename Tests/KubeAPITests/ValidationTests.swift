import Foundation
import Testing

@testable import KubeAPI

/// Parses, optionally defaults, and validates one object.
func validationCauses(
    _ kind: String, group: String = "", _ text: String, old: String? = nil, defaulted: Bool = true
) throws -> [StatusCause] {
    var object = try JSONValue.parse(text)
    var previous = try old.map { try JSONValue.parse($0) }
    if defaulted {
        Defaulting.apply(kind: kind, group: group, to: &object)
        if var p = previous {
            Defaulting.apply(kind: kind, group: group, to: &p)
            previous = p
        }
    }
    return Validation.validate(kind: kind, group: group, object: object, old: previous)
}

extension Array where Element == StatusCause {
    /// The first cause at `field`, if any.
    func cause(at field: String) -> StatusCause? { first { $0.field == field } }
    /// True when some cause has this field and message.
    func hasCause(_ field: String, _ message: String) -> Bool {
        contains { $0.field == field && $0.message == message }
    }
}

let validationMinimalPod = """
    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default"},
     "spec":{"containers":[{"name":"app","image":"nginx:1.25"}]}}
    """

@Suite struct PodValidationTests {
    @Test func defaultedMinimalPodIsValid() throws {
        #expect(try validationCauses("Pod", validationMinimalPod).isEmpty)
    }

    @Test func undefaultedPodReportsTheFieldsDefaultingFills() throws {
        let causes = try validationCauses("Pod", validationMinimalPod, defaulted: false)
        #expect(causes.hasCause("spec.terminationGracePeriodSeconds", "Required value"))
        #expect(causes.hasCause("spec.restartPolicy", "Required value"))
        #expect(causes.hasCause("spec.containers[0].imagePullPolicy", "Required value"))
        #expect(causes.allSatisfy { $0.reason == "FieldValueRequired" })
    }

    @Test func invalidNameUsesKubernetesWording() throws {
        let causes = try validationCauses(
            "Pod", validationMinimalPod.replacingOccurrences(of: "\"web\"", with: "\"My_Pod\""))
        #expect(causes.hasCause("metadata.name", "Invalid value: \"My_Pod\": " + NameValidationTests.subdomainMessage))
        let status = APIError.invalid(kind: "Pod", name: "My_Pod", causes: causes).status
        #expect(status["code"] == 422)
    }

    @Test func containersRequiredAndImageRequired() throws {
        let noContainers = try validationCauses("Pod", #"{"metadata":{"name":"p","namespace":"d"},"spec":{}}"#)
        #expect(noContainers.hasCause("spec.containers", "Required value"))
        let noImage = try validationCauses(
            "Pod", #"{"metadata":{"name":"p","namespace":"d"},"spec":{"containers":[{"name":"a"}]}}"#)
        #expect(noImage.hasCause("spec.containers[0].image", "Required value"))
    }

    @Test func containerNamesAreUniqueLabelsAcrossInitAndRegular() throws {
        let causes = try validationCauses(
            "Pod",
            """
            {"metadata":{"name":"p","namespace":"d"},"spec":{
              "initContainers":[{"name":"app","image":"busybox"}],
              "containers":[{"name":"app","image":"nginx"},{"name":"Bad.Name","image":"nginx"}]}}
            """)
        #expect(causes.hasCause("spec.initContainers[0].name", "Duplicate value: \"app\""))
        #expect(causes.cause(at: "spec.containers[1].name")?.reason == "FieldValueInvalid")
    }

    @Test func portsAndProtocols() throws {
        let causes = try validationCauses(
            "Pod",
            """
            {"metadata":{"name":"p","namespace":"d"},"spec":{"containers":[{"name":"a","image":"x",
              "ports":[{"containerPort":70000},{"containerPort":80,"protocol":"HTTP","name":"http"},
                       {"containerPort":81,"name":"http"},{"name":"x"}]}]}}
            """)
        #expect(
            causes.hasCause(
                "spec.containers[0].ports[0].containerPort",
                "Invalid value: 70000: must be between 1 and 65535, inclusive"))
        #expect(
            causes.hasCause(
                "spec.containers[0].ports[1].protocol",
                "Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""))
        #expect(causes.hasCause("spec.containers[0].ports[2].name", "Duplicate value: \"http\""))
        #expect(causes.hasCause("spec.containers[0].ports[3].containerPort", "Required value"))
    }

    @Test func restartPolicyMustBeKnown() throws {
        let causes = try validationCauses(
            "Pod",
            """
            {"metadata":{"name":"p","namespace":"d"},"spec":{"restartPolicy":"Sometimes","containers":[{"name":"a","image":"x"}]}}
            """)
        #expect(
            causes.hasCause(
                "spec.restartPolicy",
                "Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""))
    }

    @Test func resourceQuantitiesAndLimits() throws {
        let causes = try validationCauses(
            "Pod",
            """
            {"metadata":{"name":"p","namespace":"d"},"spec":{"containers":[{"name":"a","image":"x",
              "resources":{"limits":{"cpu":"1","memory":"lots"},"requests":{"cpu":"2","gpu":"1"}}}]}}
            """)
        #expect(
            causes.hasCause(
                "spec.containers[0].resources.requests",
                "Invalid value: \"2\": must be less than or equal to cpu limit of 1"))
        #expect(
            causes.hasCause(
                "spec.containers[0].resources.limits[memory]",
                "Invalid value: \"lots\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
            ))
        #expect(
            causes.hasCause(
                "spec.containers[0].resources.requests[gpu]",
                "Invalid value: \"gpu\": must be a standard resource type or fully qualified"))
        let negative = try validationCauses(
            "Pod",
            """
            {"metadata":{"name":"p","namespace":"d"},"spec":{"containers":[{"name":"a","image":"x",
              "resources":{"requests":{"memory":"-1Gi"}}}]}}
            """)
        #expect(
            negative.hasCause(
                "spec.containers[0].resources.requests[memory]",
                "Invalid value: \"-1Gi\": must be greater than or equal to 0"))
    }

    @Test func probesAndEnv() throws {
        let causes = try validationCauses(
            "Pod",
            """
            {"metadata":{"name":"p","namespace":"d"},"spec":{"containers":[{"name":"a","image":"x",
              "livenessProbe":{"successThreshold":2,"httpGet":{"port":0}},
              "readinessProbe":{},
              "env":[{"name":"A=B"},{"name":"X","valueFrom":{}},{"name":"Y","valueFrom":{"fieldRef":{"fieldPath":"spec.foo"}}}]}]}}
            """)
        #expect(causes.hasCause("spec.containers[0].livenessProbe.successThreshold", "Invalid value: 2: must be 1"))
        #expect(
            causes.hasCause(
                "spec.containers[0].livenessProbe.httpGet.port",
                "Invalid value: 0: must be between 1 and 65535, inclusive"))
        #expect(causes.hasCause("spec.containers[0].readinessProbe", "Required value: must specify a handler type"))
        #expect(causes.cause(at: "spec.containers[0].env[0].name")?.reason == "FieldValueInvalid")
        #expect(
            causes.hasCause(
                "spec.containers[0].env[1].valueFrom",
                "Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"
            ))
        #expect(
            causes.hasCause(
                "spec.containers[0].env[2].valueFrom.fieldRef.fieldPath",
                "Invalid value: \"spec.foo\": error converting fieldPath: field label not supported: spec.foo"))
    }

    @Test func volumesAndMounts() throws {
        let causes = try validationCauses(
            "Pod",
            """
            {"metadata":{"name":"p","namespace":"d"},"spec":{
              "volumes":[{"name":"data","emptyDir":{},"hostPath":{"path":"/x"}},{"name":"cfg","configMap":{}}],
              "containers":[{"name":"a","image":"x","volumeMounts":[{"name":"nope","mountPath":"/a"},{"name":"cfg","mountPath":"/a"}]}]}}
            """)
        #expect(causes.hasCause("spec.volumes[0].hostPath", "Forbidden: may not specify more than 1 volume type"))
        #expect(causes.hasCause("spec.volumes[1].configMap.name", "Required value"))
        #expect(causes.hasCause("spec.containers[0].volumeMounts[0].name", "Not found: \"nope\""))
        #expect(
            causes.hasCause("spec.containers[0].volumeMounts[1].mountPath", "Invalid value: \"/a\": must be unique"))
    }

    @Test func tolerationsAreValidated() throws {
        let causes = try validationCauses(
            "Pod",
            """
            {"metadata":{"name":"p","namespace":"d"},"spec":{"containers":[{"name":"a","image":"x"}],
              "tolerations":[{"operator":"Equal","value":"x"},{"key":"k","operator":"Maybe"},{"key":"k","tolerationSeconds":5}]}}
            """)
        #expect(
            causes.hasCause(
                "spec.tolerations[0].operator",
                "Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\""
            ))
        #expect(
            causes.hasCause(
                "spec.tolerations[1].operator", "Unsupported value: \"Maybe\": supported values: \"Equal\", \"Exists\"")
        )
        #expect(
            causes.hasCause(
                "spec.tolerations[2].effect",
                "Invalid value: \"\": effect must be 'NoExecute' when `tolerationSeconds` is set"))
    }

    @Test func updateMayOnlyChangeImages() throws {
        let old = validationMinimalPod.replacingOccurrences(
            of: "\"name\":\"web\"", with: "\"name\":\"web\",\"resourceVersion\":\"5\"")
        let newImage = old.replacingOccurrences(of: "nginx:1.25", with: "nginx:1.26")
        #expect(try validationCauses("Pod", newImage, old: old).isEmpty)
        let newPort = old.replacingOccurrences(
            of: "\"image\":\"nginx:1.25\"", with: "\"image\":\"nginx:1.25\",\"ports\":[{\"containerPort\":80}]")
        let causes = try validationCauses("Pod", newPort, old: old)
        let forbidden = try #require(causes.cause(at: "spec"))
        #expect(forbidden.reason == "FieldValueForbidden")
        #expect(
            forbidden.message.hasPrefix(
                "Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n"
            ))
        #expect(forbidden.message.contains("spec.containers[0].ports"))
        let added = old.replacingOccurrences(of: "}]}}", with: "},{\"name\":\"b\",\"image\":\"x\"}]}}")
        #expect(
            try validationCauses("Pod", added, old: old).hasCause(
                "spec.containers", "Forbidden: pod updates may not add or remove containers"))
    }

    @Test func updateDeadlineAndTolerationRules() throws {
        let base = """
            {"metadata":{"name":"p","namespace":"d","resourceVersion":"1"},"spec":{"activeDeadlineSeconds":DEADLINE,
             "tolerations":TOLS,"containers":[{"name":"a","image":"x"}]}}
            """
        func pod(_ deadline: String, _ tolerations: String) -> String {
            base.replacingOccurrences(of: "DEADLINE", with: deadline).replacingOccurrences(
                of: "TOLS", with: tolerations)
        }
        let tol = #"[{"key":"k","operator":"Exists"}]"#
        #expect(try validationCauses("Pod", pod("10", tol), old: pod("20", tol)).isEmpty)
        #expect(
            try validationCauses("Pod", pod("30", tol), old: pod("20", tol))
                .hasCause(
                    "spec.activeDeadlineSeconds", "Invalid value: 30: must be less than or equal to previous value"))
        #expect(
            try validationCauses("Pod", pod("null", tol), old: pod("20", tol))
                .hasCause(
                    "spec.activeDeadlineSeconds",
                    "Invalid value: null: must not update from a positive integer to nil value"))
        let more = #"[{"key":"k","operator":"Exists"},{"key":"j","operator":"Exists"}]"#
        #expect(try validationCauses("Pod", pod("10", more), old: pod("10", tol)).isEmpty)
        #expect(
            try validationCauses("Pod", pod("10", #"[{"key":"z","operator":"Exists"}]"#), old: pod("10", tol))
                .hasCause(
                    "spec.tolerations",
                    "Forbidden: existing toleration can not be modified except its tolerationSeconds"))
    }

    @Test func createOnlyRules() throws {
        let causes = try validationCauses(
            "Pod",
            """
            {"metadata":{"name":"p","namespace":"d"},"spec":{"nodeName":"n1","schedulingGates":[{"name":"example.com/gate"}],
             "ephemeralContainers":[{"name":"dbg","image":"busybox"}],"containers":[{"name":"a","image":" x"}]}}
            """)
        #expect(causes.hasCause("spec.ephemeralContainers", "Forbidden: cannot be set on create"))
        #expect(
            causes.hasCause("spec.nodeName", "Forbidden: cannot be set until all schedulingGates have been cleared"))
        #expect(
            causes.hasCause(
                "spec.containers[0].image", "Invalid value: \" x\": must not have leading or trailing whitespace"))
    }
}
