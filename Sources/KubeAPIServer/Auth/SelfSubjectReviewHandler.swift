import Hummingbird
import KubeAPI

extension APIHandler {
    /// `POST /apis/authentication.k8s.io/v1/selfsubjectreviews`: answers 201 with the
    /// requester's own `UserInfo` in `status.userInfo` (what `kubectl auth whoami` prints);
    /// nothing is stored. Other methods are 405.
    func selfSubjectReview(_ api: APIRequest) throws(APIError) -> Response {
        guard api.method == .post else { throw APIError.methodNotAllowed() }
        var userInfo: JSONValue = ["username": .string(api.user.username)]
        if !api.user.uid.isEmpty { userInfo["uid"] = .string(api.user.uid) }
        if !api.user.groups.isEmpty { userInfo["groups"] = .array(api.user.groups.map { .string($0) }) }
        if !api.user.extra.isEmpty {
            var extra: JSONValue = [:]
            for (key, values) in api.user.extra.sorted(by: { $0.key < $1.key }) { extra[key] = .array(values.map { .string($0) }) }
            userInfo["extra"] = extra
        }
        let review: JSONValue = [
            "kind": "SelfSubjectReview", "apiVersion": "authentication.k8s.io/v1",
            "metadata": ["creationTimestamp": .null], "status": ["userInfo": userInfo],
        ]
        return APIResponse.json(201, review)
    }

    /// Whether `segments` is the SelfSubjectReview collection.
    static func isSelfSubjectReview(_ segments: [String]) -> Bool {
        segments == ["apis", "authentication.k8s.io", "v1", "selfsubjectreviews"]
    }
}
