import Foundation
import HTTPTypes
import KubeAPI

/// What an `Impersonate-*` request asks to act as.
struct ImpersonationRequest: Sendable, Hashable {
    var user: String
    var groups: [String]
    var uid: String?
    var extra: [String: [String]]

    /// The headers kubectl `--as`, `--as-group` and `--as-uid` send.
    static let userHeader = HTTPField.Name("Impersonate-User")!
    static let groupHeader = HTTPField.Name("Impersonate-Group")!
    static let uidHeader = HTTPField.Name("Impersonate-Uid")!
    static let extraPrefix = "impersonate-extra-"

    /// The impersonation `headers` ask for; nil when they ask for none. 400 for groups, extra or
    /// a uid without a user, as Kubernetes refuses them.
    static func parse(_ headers: HTTPFields) throws(APIError) -> ImpersonationRequest? {
        let user = headers[userHeader]
        let groups = headers[values: groupHeader]
        let uid = headers[uidHeader]
        var extra: [String: [String]] = [:]
        for field in headers where field.name.canonicalName.hasPrefix(extraPrefix) {
            let key = String(field.name.canonicalName.dropFirst(extraPrefix.count))
            let decoded = key.removingPercentEncoding ?? key
            extra[decoded, default: []].append(field.value)
        }
        guard let user, !user.isEmpty else {
            if !groups.isEmpty || !extra.isEmpty || uid != nil {
                var asked: [String] = []
                if !groups.isEmpty { asked.append("groups") }
                if !extra.isEmpty { asked.append("extra") }
                if uid != nil { asked.append("uid") }
                throw APIError.badRequest("requested \(asked.joined(separator: ", ")) without impersonating a user")
            }
            return nil
        }
        return ImpersonationRequest(user: user, groups: groups, uid: uid, extra: extra)
    }

    /// The authorization checks Kubernetes makes: `impersonate` on the user (or service
    /// account), each group, each extra value and the uid.
    func checks(for requester: UserInfo) -> [AuthorizationAttributes] {
        var out: [AuthorizationAttributes] = []
        if case let (ns, name)? = Self.serviceAccount(user) {
            out.append(
                AuthorizationAttributes(
                    user: requester, verb: "impersonate", resource: "serviceaccounts", namespace: ns, name: name))
        } else {
            out.append(AuthorizationAttributes(user: requester, verb: "impersonate", resource: "users", name: user))
        }
        for group in groups {
            out.append(AuthorizationAttributes(user: requester, verb: "impersonate", resource: "groups", name: group))
        }
        for (key, values) in extra.sorted(by: { $0.key < $1.key }) {
            for value in values {
                out.append(
                    AuthorizationAttributes(
                        user: requester, verb: "impersonate", apiGroup: "authentication.k8s.io", resource: "userextras",
                        subresource: key, name: value))
            }
        }
        if let uid {
            out.append(
                AuthorizationAttributes(
                    user: requester, verb: "impersonate", apiGroup: "authentication.k8s.io", resource: "uids", name: uid))
        }
        return out
    }

    /// The user the request then runs as: a service account gets its groups; any other user
    /// except `system:anonymous` gets `system:authenticated` unless it asked for that group or
    /// `system:unauthenticated`.
    var impersonated: UserInfo {
        var groups = self.groups
        if case let (ns, _)? = Self.serviceAccount(user) {
            groups = ["system:serviceaccounts", "system:serviceaccounts:\(ns)"] + groups
        }
        if user == UserInfo.anonymous.username {
            if !groups.contains("system:unauthenticated") && !groups.contains("system:authenticated") {
                groups.append("system:unauthenticated")
            }
        } else if !groups.contains("system:authenticated") && !groups.contains("system:unauthenticated") {
            groups.append("system:authenticated")
        }
        return UserInfo(username: user, uid: uid ?? "", groups: groups, extra: extra)
    }

    /// The namespace and name of a `system:serviceaccount:<ns>:<name>` user.
    static func serviceAccount(_ username: String) -> (String, String)? {
        let prefix = "system:serviceaccount:"
        guard username.hasPrefix(prefix) else { return nil }
        let parts = username.dropFirst(prefix.count).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }
}

extension APIHandler {
    /// The user a request runs as: `user`, or the user its `Impersonate-*` headers name when
    /// `user` may impersonate it (403 Forbidden otherwise, naming the first check that failed).
    func impersonate(_ headers: HTTPFields, as user: UserInfo) async throws(APIError) -> UserInfo {
        guard let request = try ImpersonationRequest.parse(headers) else { return user }
        for attributes in request.checks(for: user) {
            switch await authorizer.authorize(attributes) {
            case .allow: continue
            case .deny(let reason), .noOpinion(let reason): throw attributes.forbidden(reason: reason)
            }
        }
        return request.impersonated
    }
}
