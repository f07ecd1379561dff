import Foundation

/// Who made a request, as authentication established it (the `UserInfo` of
/// authentication.k8s.io/v1).
public struct UserInfo: Sendable, Hashable {
    /// The user's name, e.g. `system:admin`, `system:node:n1`,
    /// `system:serviceaccount:default:builder`.
    public var username: String
    /// A unique id, when the credential carries one (ServiceAccount tokens do).
    public var uid: String
    /// The groups the user belongs to; authenticated users always include `system:authenticated`.
    public var groups: [String]
    /// Further attributes (e.g. `authentication.kubernetes.io/pod-name` for bound tokens).
    public var extra: [String: [String]]

    public init(username: String, uid: String = "", groups: [String] = [], extra: [String: [String]] = [:]) {
        self.username = username
        self.uid = uid
        self.groups = groups
        self.extra = extra
    }

    /// The user of a request that carries no credential.
    public static let anonymous = UserInfo(username: "system:anonymous", groups: ["system:unauthenticated"])

    /// The user every request runs as when the server is set up without authentication
    /// (in-process tests on plain HTTP); a member of `system:masters`.
    public static let unsecured = UserInfo(username: "system:unsecured", groups: ["system:masters", "system:authenticated"])

    /// The same user with `system:authenticated` added when missing, as Kubernetes does for
    /// every user an authenticator accepts.
    public func authenticated() -> UserInfo {
        guard !groups.contains("system:authenticated") else { return self }
        var user = self
        user.groups.append("system:authenticated")
        return user
    }
}

/// The `Authorization: Bearer <token>` credential, as Kubernetes' servers read it.
public enum BearerToken {
    /// The token of an `Authorization` header value `Bearer <token>` (scheme case-insensitive,
    /// surrounding spaces trimmed); nil for another scheme or an empty token.
    public static func parse(authorization value: String?) -> String? {
        guard let value else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].utf8.count == 6, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingWhitespace()
        return token.isEmpty ? nil : String(token)
    }
}
