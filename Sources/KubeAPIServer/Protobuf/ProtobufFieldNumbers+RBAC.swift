// Protobuf field numbers of rbac.authorization.k8s.io/v1 and authorization.k8s.io/v1
// (k8s.io/api/rbac/v1/generated.proto, k8s.io/api/authorization/v1/generated.proto). Facts taken from the
// published generated.proto files and the Go struct tags beside them (non-omitempty strings decide `.keep`).

extension ProtobufFieldNumbers {
    /// Field numbers of rbac.authorization.k8s.io/v1 and authorization.k8s.io/v1, by definition name.
    static let rbac: [String: [String: ProtobufField]] = [
        "io.k8s.api.rbac.v1.AggregationRule": ["clusterRoleSelectors": 1],
        "io.k8s.api.rbac.v1.ClusterRole": ["metadata": 1, "rules": 2, "aggregationRule": 3],
        "io.k8s.api.rbac.v1.ClusterRoleBinding": ["metadata": 1, "subjects": 2, "roleRef": 3],
        "io.k8s.api.rbac.v1.ClusterRoleBindingList": ["metadata": 1, "items": 2],
        "io.k8s.api.rbac.v1.ClusterRoleList": ["metadata": 1, "items": 2],
        "io.k8s.api.rbac.v1.PolicyRule": [
            "verbs": 1, "apiGroups": 2, "resources": 3, "resourceNames": 4, "nonResourceURLs": 5,
        ],
        "io.k8s.api.rbac.v1.Role": ["metadata": 1, "rules": 2],
        "io.k8s.api.rbac.v1.RoleBinding": ["metadata": 1, "subjects": 2, "roleRef": 3],
        "io.k8s.api.rbac.v1.RoleBindingList": ["metadata": 1, "items": 2],
        "io.k8s.api.rbac.v1.RoleList": ["metadata": 1, "items": 2],
        "io.k8s.api.rbac.v1.RoleRef": ["apiGroup": .keep(1), "kind": .keep(2), "name": .keep(3)],
        "io.k8s.api.rbac.v1.Subject": ["kind": .keep(1), "apiGroup": 2, "name": .keep(3), "namespace": 4],
        "io.k8s.api.authorization.v1.LocalSubjectAccessReview": ["metadata": 1, "spec": 2, "status": 3],
        "io.k8s.api.authorization.v1.NonResourceAttributes": ["path": 1, "verb": 2],
        "io.k8s.api.authorization.v1.NonResourceRule": ["verbs": 1, "nonResourceURLs": 2],
        "io.k8s.api.authorization.v1.ResourceAttributes": [
            "namespace": 1, "verb": 2, "group": 3, "version": 4, "resource": 5, "subresource": 6, "name": 7,
        ],
        "io.k8s.api.authorization.v1.ResourceRule": ["verbs": 1, "apiGroups": 2, "resources": 3, "resourceNames": 4],
        "io.k8s.api.authorization.v1.SelfSubjectAccessReview": ["metadata": 1, "spec": 2, "status": 3],
        "io.k8s.api.authorization.v1.SelfSubjectAccessReviewSpec": ["resourceAttributes": 1, "nonResourceAttributes": 2],
        "io.k8s.api.authorization.v1.SelfSubjectRulesReview": ["metadata": 1, "spec": 2, "status": 3],
        "io.k8s.api.authorization.v1.SelfSubjectRulesReviewSpec": ["namespace": 1],
        "io.k8s.api.authorization.v1.SubjectAccessReview": ["metadata": 1, "spec": 2, "status": 3],
        "io.k8s.api.authorization.v1.SubjectAccessReviewSpec": [
            "resourceAttributes": 1, "nonResourceAttributes": 2, "user": 3, "groups": 4, "extra": 5, "uid": 6,
        ],
        "io.k8s.api.authorization.v1.SubjectAccessReviewStatus": [
            "allowed": .keep(1), "reason": 2, "evaluationError": 3, "denied": 4,
        ],
        "io.k8s.api.authorization.v1.SubjectRulesReviewStatus": [
            "resourceRules": 1, "nonResourceRules": 2, "incomplete": .keep(3), "evaluationError": 4,
        ],
        // authentication.k8s.io/v1 (k8s.io/api/authentication/v1/generated.proto)
        "io.k8s.api.authentication.v1.TokenRequest": ["metadata": 1, "spec": 2, "status": 3],
        "io.k8s.api.authentication.v1.TokenRequestSpec": ["audiences": 1, "boundObjectRef": 3, "expirationSeconds": 4],
        "io.k8s.api.authentication.v1.BoundObjectReference": ["kind": 1, "apiVersion": 2, "name": 3, "uid": 4],
        "io.k8s.api.authentication.v1.TokenRequestStatus": ["token": 1, "expirationTimestamp": 2],
        "io.k8s.api.authentication.v1.TokenReview": ["metadata": 1, "spec": 2, "status": 3],
        "io.k8s.api.authentication.v1.TokenReviewSpec": ["token": 1, "audiences": 2],
        "io.k8s.api.authentication.v1.TokenReviewStatus": ["authenticated": 1, "user": 2, "error": 3, "audiences": 4],
        "io.k8s.api.authentication.v1.UserInfo": ["username": 1, "uid": 2, "groups": 3, "extra": 4],
        "io.k8s.api.authentication.v1.SelfSubjectReview": ["metadata": 1, "status": 2],
        "io.k8s.api.authentication.v1.SelfSubjectReviewStatus": ["userInfo": 1],
    ]
}
