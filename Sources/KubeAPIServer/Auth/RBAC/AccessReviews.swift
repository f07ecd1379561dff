import Hummingbird
import KubeAPI

/// authorization.k8s.io/v1 reviews: SelfSubjectAccessReview (`kubectl auth can-i`),
/// SubjectAccessReview, LocalSubjectAccessReview and SelfSubjectRulesReview
/// (`kubectl auth can-i --list`), and the authentication.k8s.io/v1 reviews
/// (AuthenticationReviews.swift). Each is created, answered in `status` and never stored.
extension APIHandler {
    /// Answers a POST of a review; 405 for any other method.
    func review(_ api: APIRequest, _ t: ResourceTarget) async throws(APIError) -> Response {
        guard api.method == .post, t.name == nil, t.subresource == nil else { throw APIError.methodNotAllowed() }
        let r = t.resource
        var object = try api.bodyObject()
        try registry.checkKind(&object, r)
        let spec = object["spec"]?.objectValue ?? JSONObject()
        switch r.resource {
        case "selfsubjectreviews":
            object["status"] = Self.selfSubjectReviewStatus(api.user)
        case "tokenreviews":
            object["status"] = try await tokenReviewStatus(spec)
        case "selfsubjectrulesreviews":
            let namespace = spec["namespace"]?.stringValue ?? ""
            object["status"] = await rulesReviewStatus(api.user, namespace: namespace)
        case "selfsubjectaccessreviews":
            let attributes = try Self.reviewAttributes(spec, user: api.user, kind: r.kind)
            object["status"] = await accessReviewStatus(attributes)
        case "subjectaccessreviews", "localsubjectaccessreviews":
            let user = UserInfo(
                username: spec["user"]?.stringValue ?? "", uid: spec["uid"]?.stringValue ?? "",
                groups: spec["groups"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                extra: Self.extra(spec["extra"]))
            if user.username.isEmpty, user.groups.isEmpty {
                throw APIError.invalid(
                    group: r.group, kind: r.kind, name: "",
                    causes: [
                        StatusCause(
                            reason: "FieldValueInvalid",
                            message: "Invalid value: \"\": at least one of user or group must be specified",
                            field: "spec.user")
                    ])
            }
            if r.resource == "localsubjectaccessreviews" {
                let ns = t.namespace ?? ""
                if spec["resourceAttributes"]?["namespace"]?.stringValue != ns {
                    throw APIError.badRequest("spec.resourceAttributes.namespace must match namespace: \(ns)")
                }
            }
            let attributes = try Self.reviewAttributes(spec, user: user, kind: r.kind)
            object["status"] = await accessReviewStatus(attributes)
        default:
            throw APIError.methodNotAllowed()
        }
        object.setMetadata("creationTimestamp", .null)
        return APIResponse.json(201, object.serialized())
    }

    /// The request a review's spec describes; 422 unless exactly one of resourceAttributes and
    /// nonResourceAttributes is given.
    static func reviewAttributes(_ spec: JSONObject, user: UserInfo, kind: String) throws(APIError) -> AuthorizationAttributes {
        let resource = spec["resourceAttributes"]?.objectValue
        let nonResource = spec["nonResourceAttributes"]?.objectValue
        func invalid(_ cause: StatusCause) -> APIError {
            APIError.invalid(group: "authorization.k8s.io", kind: kind, name: "", causes: [cause])
        }
        switch (resource, nonResource) {
        case (let ra?, nil):
            func s(_ key: String) -> String { ra[key]?.stringValue ?? "" }
            return AuthorizationAttributes(
                user: user, verb: s("verb"), apiGroup: s("group"), apiVersion: s("version"), resource: s("resource"),
                subresource: s("subresource"), namespace: s("namespace"), name: s("name"))
        case (nil, let na?):
            return AuthorizationAttributes(
                user: user, verb: na["verb"]?.stringValue ?? "", isResourceRequest: false,
                path: na["path"]?.stringValue ?? "")
        case (_?, let na?):
            throw invalid(
                StatusCause(
                    reason: "FieldValueInvalid",
                    message: "Invalid value: \(JSONValue.object(na).jsonString): cannot be specified in combination with resourceAttributes",
                    field: "spec.nonResourceAttributes"))
        case (nil, nil):
            throw invalid(
                StatusCause(
                    reason: "FieldValueRequired",
                    message: "Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified",
                    field: "spec.resourceAttributes"))
        }
    }

    private static func extra(_ value: JSONValue?) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for member in value?.objectValue?.members ?? [] {
            out[member.key] = member.value.arrayValue?.compactMap(\.stringValue) ?? []
        }
        return out
    }

    /// `SubjectAccessReviewStatus`: allowed, denied (an explicit deny) and the reason.
    func accessReviewStatus(_ attributes: AuthorizationAttributes) async -> JSONValue {
        var status = JSONObject()
        switch await authorizer.authorize(attributes) {
        case .allow:
            status["allowed"] = .bool(true)
        case .deny(let reason):
            status["allowed"] = .bool(false)
            status["denied"] = .bool(true)
            if !reason.isEmpty { status["reason"] = .string(reason) }
        case .noOpinion(let reason):
            status["allowed"] = .bool(false)
            if !reason.isEmpty { status["reason"] = .string(reason) }
        }
        return .object(status)
    }

    /// `SubjectRulesReviewStatus`: the user's RBAC rules in `namespace`, resource and
    /// non-resource rules apart; incomplete with the errors met when a binding names a missing role.
    func rulesReviewStatus(_ user: UserInfo, namespace: String) async -> JSONValue {
        var resourceRules: [JSONValue] = []
        var nonResourceRules: [JSONValue] = []
        var errors: [RBACError] = []
        if user.groups.contains("system:masters") {
            resourceRules.append(["verbs": ["*"], "apiGroups": ["*"], "resources": ["*"]])
            nonResourceRules.append(["verbs": ["*"], "nonResourceURLs": ["*"]])
        }
        if let rbac {
            let (rules, found) = await rbac.snapshot().rules(for: user, namespace: namespace)
            errors = found
            func strings(_ list: [String]?) -> JSONValue { .array((list ?? []).map(JSONValue.string)) }
            for rule in rules {
                if !(rule.resources ?? []).isEmpty {
                    var o: JSONValue = ["verbs": strings(rule.verbs), "apiGroups": strings(rule.apiGroups)]
                    o["resources"] = strings(rule.resources)
                    if let names = rule.resourceNames, !names.isEmpty { o["resourceNames"] = strings(names) }
                    resourceRules.append(o)
                }
                if !(rule.nonResourceURLs ?? []).isEmpty {
                    nonResourceRules.append(["verbs": strings(rule.verbs), "nonResourceURLs": strings(rule.nonResourceURLs)])
                }
            }
        }
        var status: JSONValue = [
            "resourceRules": .array(resourceRules), "nonResourceRules": .array(nonResourceRules),
            "incomplete": .bool(!errors.isEmpty),
        ]
        if !errors.isEmpty { status["evaluationError"] = .string(RBACError.aggregate(errors)) }
        return status
    }
}
