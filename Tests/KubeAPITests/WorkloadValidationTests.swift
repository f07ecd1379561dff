import Foundation
import Testing

@testable import KubeAPI

@Suite struct WorkloadValidationTests {
    static func deployment(
        selector: String = #"{"matchLabels":{"app":"web"}}"#, labels: String = #"{"app":"web"}"#,
        extraSpec: String = "", podSpec: String = "", rv: String = ""
    ) -> String {
        """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"\(rv)},
         "spec":{\(extraSpec)"selector":\(selector),"template":{"metadata":{"labels":\(labels)},
           "spec":{\(podSpec)"containers":[{"name":"web","image":"nginx"}]}}}}
        """
    }

    @Test func validDeploymentReplicaSetDaemonSet() throws {
        #expect(try validationCauses("Deployment", group: "apps", Self.deployment()).isEmpty)
        for kind in ["ReplicaSet", "DaemonSet"] {
            let text = Self.deployment().replacingOccurrences(of: "\"Deployment\"", with: "\"\(kind)\"")
            #expect(try validationCauses(kind, group: "apps", text).isEmpty, "\(kind)")
        }
    }

    @Test func selectorMustMatchTemplateLabels() throws {
        let causes = try validationCauses(
            "Deployment", group: "apps", Self.deployment(labels: #"{"app":"api","tier":"x"}"#))
        #expect(
            causes.hasCause(
                "spec.template.metadata.labels",
                #"Invalid value: {"app":"api","tier":"x"}: `selector` does not match template `labels`"#))
        let missing = try validationCauses(
            "Deployment", group: "apps",
            Self.deployment().replacingOccurrences(of: #""selector":{"matchLabels":{"app":"web"}},"#, with: ""))
        #expect(missing.hasCause("spec.selector", "Required value"))
        #expect(missing.cause(at: "spec.template.metadata.labels") != nil)
        let empty = try validationCauses("Deployment", group: "apps", Self.deployment(selector: "{}"))
        #expect(empty.hasCause("spec.selector", "Invalid value: {}: empty selector is invalid for deployment"))
        let expr = try validationCauses(
            "Deployment", group: "apps",
            Self.deployment(
                selector: #"{"matchExpressions":[{"key":"app","operator":"In","values":["web","api"]}]}"#))
        #expect(expr.isEmpty)
        let badOp = try validationCauses(
            "Deployment", group: "apps",
            Self.deployment(
                selector: #"{"matchExpressions":[{"key":"app","operator":"Near"}]}"#))
        #expect(
            badOp.hasCause(
                "spec.selector.matchExpressions[0].operator", "Invalid value: \"Near\": not a valid selector operator"))
        #expect(badOp.cause(at: "spec.selector")?.message.hasSuffix("invalid label selector") == true)
    }

    @Test func replicasTemplateAndStrategy() throws {
        let causes = try validationCauses(
            "Deployment", group: "apps",
            Self.deployment(
                extraSpec:
                    #""replicas":-1,"progressDeadlineSeconds":5,"minReadySeconds":10,"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"150%","maxSurge":0}},"#,
                podSpec: #""restartPolicy":"Never","activeDeadlineSeconds":5,"#))
        #expect(causes.hasCause("spec.replicas", "Invalid value: -1: must be greater than or equal to 0"))
        #expect(
            causes.hasCause(
                "spec.template.spec.restartPolicy", "Unsupported value: \"Never\": supported values: \"Always\""))
        #expect(
            causes.hasCause(
                "spec.template.spec.activeDeadlineSeconds",
                "Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported"))
        #expect(
            causes.hasCause(
                "spec.strategy.rollingUpdate.maxUnavailable", "Invalid value: \"150%\": must not be greater than 100%"))
        #expect(
            causes.hasCause("spec.progressDeadlineSeconds", "Invalid value: 5: must be greater than minReadySeconds"))
        let zero = try validationCauses(
            "Deployment", group: "apps",
            Self.deployment(
                extraSpec: #""strategy":{"rollingUpdate":{"maxUnavailable":0,"maxSurge":"0%"}},"#))
        #expect(
            zero.hasCause(
                "spec.strategy.rollingUpdate.maxUnavailable", "Invalid value: 0: may not be 0 when `maxSurge` is 0"))
        let kind = try validationCauses(
            "Deployment", group: "apps", Self.deployment(extraSpec: #""strategy":{"type":"Blue"},"#))
        #expect(
            kind.hasCause(
                "spec.strategy", #"Unsupported value: {"type":"Blue"}: supported values: "Recreate", "RollingUpdate""#))
    }

    @Test func templateLabelsAndPodSpecPathsAreTemplatePaths() throws {
        let causes = try validationCauses(
            "Deployment", group: "apps",
            Self.deployment(
                selector: #"{"matchLabels":{"app":"web"}}"#, labels: #"{"app":"web","bad key":"x"}"#,
                podSpec: #""dnsPolicy":"Everywhere","#))
        #expect(causes.cause(at: "spec.template.labels") != nil)
        #expect(causes.cause(at: "spec.template.spec.dnsPolicy")?.reason == "FieldValueNotSupported")
    }

    @Test func selectorIsImmutable() throws {
        let old = Self.deployment(rv: #","resourceVersion":"7""#)
        let new = Self.deployment(
            selector: #"{"matchLabels":{"app":"web","v":"2"}}"#, labels: #"{"app":"web","v":"2"}"#,
            rv: #","resourceVersion":"7""#)
        for (kind, group) in [("Deployment", "apps"), ("ReplicaSet", "apps"), ("DaemonSet", "apps")] {
            let o = old.replacingOccurrences(of: "\"Deployment\"", with: "\"\(kind)\"")
            let n = new.replacingOccurrences(of: "\"Deployment\"", with: "\"\(kind)\"")
            #expect(
                try validationCauses(kind, group: group, n, old: o).hasCause(
                    "spec.selector", #"Invalid value: {"matchLabels":{"app":"web","v":"2"}}: field is immutable"#),
                "\(kind)")
            #expect(try validationCauses(kind, group: group, o, old: o).isEmpty, "\(kind)")
        }
    }

    @Test func daemonSetStrategy() throws {
        let text = Self.deployment(
            extraSpec: #""updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":1,"maxSurge":1}},"#
        )
        .replacingOccurrences(of: "\"Deployment\"", with: "\"DaemonSet\"")
        #expect(
            try validationCauses("DaemonSet", group: "apps", text).hasCause(
                "spec.updateStrategy.rollingUpdate.maxSurge",
                "Invalid value: 1: may not be set when maxUnavailable is non-zero"))
        let none = text.replacingOccurrences(
            of: #""maxUnavailable":1,"maxSurge":1"#, with: #""maxUnavailable":0,"maxSurge":0"#)
        #expect(
            try validationCauses("DaemonSet", group: "apps", none).hasCause(
                "spec.updateStrategy.rollingUpdate.maxUnavailable", "Required value: cannot be 0 when maxSurge is 0"))
    }

    @Test func replicationControllers() throws {
        let rc =
            #"{"metadata":{"name":"rc","namespace":"d"},"spec":{"template":{"metadata":{"labels":{"app":"a"}},"spec":{"containers":[{"name":"c","image":"x"}]}}}}"#
        #expect(try validationCauses("ReplicationController", rc).isEmpty)
        #expect(
            try validationCauses("ReplicationController", rc, defaulted: false).hasCause(
                "spec.selector", "Required value"))
        let mismatch = rc.replacingOccurrences(
            of: #""spec":{"template""#, with: #""spec":{"selector":{"app":"b"},"template""#)
        #expect(
            try validationCauses("ReplicationController", mismatch).hasCause(
                "spec.template.metadata.labels",
                #"Invalid value: {"app":"a"}: `selector` does not match template `labels`"#))
        #expect(
            try validationCauses(
                "ReplicationController", #"{"metadata":{"name":"rc","namespace":"d"},"spec":{"selector":{"a":"b"}}}"#
            )
            .hasCause("spec.template", "Required value"))
    }

    static func job(_ extraSpec: String = "", restart: String = #""restartPolicy":"Never","#, rv: String = "") -> String
    {
        """
        {"metadata":{"name":"pi","namespace":"d"\(rv)},"spec":{\(extraSpec)"selector":{"matchLabels":{"batch.kubernetes.io/controller-uid":"u1"}},
         "template":{"metadata":{"labels":{"batch.kubernetes.io/controller-uid":"u1"}},
           "spec":{\(restart)"containers":[{"name":"pi","image":"perl"}]}}}}
        """
    }

    @Test func jobs() throws {
        #expect(try validationCauses("Job", group: "batch", Self.job()).isEmpty)
        #expect(
            try validationCauses("Job", group: "batch", Self.job(restart: "")).hasCause(
                "spec.template.spec.restartPolicy", "Required value: valid values: \"OnFailure\", \"Never\""))
        let negative = try validationCauses(
            "Job", group: "batch",
            Self.job(#""completions":-1,"parallelism":-2,"backoffLimit":-3,"completionMode":"Sometimes","#))
        #expect(negative.hasCause("spec.completions", "Invalid value: -1: must be greater than or equal to 0"))
        #expect(negative.hasCause("spec.parallelism", "Invalid value: -2: must be greater than or equal to 0"))
        #expect(negative.hasCause("spec.backoffLimit", "Invalid value: -3: must be greater than or equal to 0"))
        #expect(
            negative.hasCause(
                "spec.completionMode", "Unsupported value: \"Sometimes\": supported values: \"NonIndexed\", \"Indexed\""
            ))
        let noSelector = Self.job().replacingOccurrences(
            of: #""selector":{"matchLabels":{"batch.kubernetes.io/controller-uid":"u1"}},"#, with: "")
        #expect(try validationCauses("Job", group: "batch", noSelector).hasCause("spec.selector", "Required value"))
    }

    @Test func jobUpdates() throws {
        let rv = #","resourceVersion":"2""#
        let old = Self.job(#""completions":3,"#, rv: rv)
        #expect(try validationCauses("Job", group: "batch", old, old: old).isEmpty)
        #expect(
            try validationCauses("Job", group: "batch", Self.job(#""completions":4,"#, rv: rv), old: old)
                .hasCause("spec.completions", "Invalid value: 4: field is immutable"))
        let newImage = old.replacingOccurrences(of: "\"perl\"", with: "\"perl:5\"")
        let causes = try validationCauses("Job", group: "batch", newImage, old: old)
        #expect(causes.cause(at: "spec.template")?.message.hasSuffix(": field is immutable") == true)
        let suspendedOld = Self.job(#""completions":3,"suspend":true,"#, rv: rv)
        let scheduled = suspendedOld.replacingOccurrences(
            of: #""restartPolicy":"Never","#, with: #""restartPolicy":"Never","nodeSelector":{"zone":"a"},"#)
        #expect(try validationCauses("Job", group: "batch", scheduled, old: suspendedOld).isEmpty)
    }
}
