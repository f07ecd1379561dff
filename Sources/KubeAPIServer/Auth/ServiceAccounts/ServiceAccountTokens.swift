import Crypto
import Foundation
import KubeAPI

/// Issues and checks Kubernetes service account tokens: ES256 JWTs whose claims name the
/// service account (and the pod a token is bound to) as kube-apiserver writes them.
public struct ServiceAccountTokens: Sendable {
    /// The `iss` of every token, and the default audience.
    public let issuer: String
    /// The audiences the API server accepts (a token must name one of them).
    public let apiAudiences: [String]
    let jwt: JSONWebToken
    let now: @Sendable () -> Date

    /// Kubernetes' default issuer and API audience.
    public static let defaultIssuer = "https://kubernetes.default.svc.cluster.local"

    /// Tokens signed with `key`.
    public init(
        key: P256.Signing.PrivateKey, issuer: String = Self.defaultIssuer, apiAudiences: [String]? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.issuer = issuer
        self.apiAudiences = apiAudiences ?? [issuer]
        jwt = JSONWebToken(key: key)
        self.now = now
    }

    /// Loads the PEM signing key at `path`, making one (mode 0600) when absent.
    public static func loadOrCreateKey(path: String) throws -> P256.Signing.PrivateKey {
        if let pem = try? String(contentsOfFile: path, encoding: .utf8) {
            return try P256.Signing.PrivateKey(pemRepresentation: pem)
        }
        let key = P256.Signing.PrivateKey()
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        try Data(key.pemRepresentation.utf8).write(to: url)
        return key
    }

    /// An object a token is issued for or bound to.
    public struct Subject: Sendable, Equatable {
        public var name: String
        public var uid: String

        public init(name: String, uid: String) {
            self.name = name
            self.uid = uid
        }
    }

    /// What `issue` returns.
    public struct Issued: Sendable {
        public var token: String
        public var expiration: Date
    }

    /// The expiry kube-apiserver extends to one year for the tokens its admission mounts
    /// (`--service-account-extend-token-expiration`), with `warnafter` at the asked expiry.
    public static let admissionExpirationSeconds: Int64 = 3607
    static let extendedExpirationSeconds: Int64 = 365 * 24 * 3600

    /// A token for service account `account` in `namespace`, valid for `expirationSeconds`,
    /// for `audiences` (the API audiences when empty), bound to `pod` when given.
    public func issue(
        namespace: String, account: Subject, audiences: [String], expirationSeconds: Int64, pod: Subject?, node: Subject? = nil
    ) throws -> Issued {
        let issuedAt = Int64(now().timeIntervalSince1970)
        var lifetime = expirationSeconds
        var k8s: [(String, JSONValue)] = [("namespace", .string(namespace))]
        if let node { k8s.append(("node", Self.ref(node))) }
        if let pod { k8s.append(("pod", Self.ref(pod))) }
        k8s.append(("serviceaccount", Self.ref(account)))
        if pod != nil, expirationSeconds == Self.admissionExpirationSeconds {
            lifetime = Self.extendedExpirationSeconds
            k8s.append(("warnafter", .int(issuedAt + expirationSeconds)))
        }
        let claims = JSONValue.object(
            JSONObject([
                ("aud", .array((audiences.isEmpty ? apiAudiences : audiences).map { .string($0) })),
                ("exp", .int(issuedAt + lifetime)), ("iat", .int(issuedAt)), ("iss", .string(issuer)),
                ("jti", .string(ObjectUID.random())), ("kubernetes.io", .object(JSONObject(k8s))),
                ("nbf", .int(issuedAt)), ("sub", .string("system:serviceaccount:\(namespace):\(account.name)")),
            ]))
        return Issued(token: try jwt.sign(claims), expiration: Date(timeIntervalSince1970: TimeInterval(issuedAt + lifetime)))
    }

    static func ref(_ s: Subject) -> JSONValue { .object(JSONObject([("name", .string(s.name)), ("uid", .string(s.uid))])) }

    /// What a valid token says.
    public struct Claims: Sendable, Equatable {
        public var namespace: String
        public var account: Subject
        public var pod: Subject?
        public var node: Subject?
        public var audiences: [String]
        public var id: String
    }

    /// The claims of `token` if it is one of ours: nil when it is not a JWT of this issuer (so
    /// another authenticator may know it); throws 401 when it is ours but forged, expired, not
    /// yet valid, or for none of `audiences` (the API audiences when nil).
    public func verify(_ token: String, audiences: [String]? = nil) throws(APIError) -> Claims? {
        switch check(token, audiences: audiences) {
        case .notOurs: return nil
        case .invalid: throw APIError.unauthorized
        case .valid(let claims): return claims
        }
    }

    /// What `check` finds of a token.
    public enum Check: Sendable, Equatable {
        /// Not a JWT of this issuer: another authenticator may know it.
        case notOurs
        /// One of ours, refused for the reason given, in kube-apiserver's words
        /// (`service account token has expired`, ...).
        case invalid(String)
        /// One of ours, valid.
        case valid(Claims)
    }

    /// Checks `token` as kube-apiserver's service account JWT authenticator does: issuer,
    /// signature, audiences (the API audiences when nil), expiry, and not-before (60 s leeway).
    public func check(_ token: String, audiences: [String]? = nil) -> Check {
        let claims: JSONValue
        do {
            claims = try jwt.verify(token)
        } catch .malformed {
            return .notOurs
        } catch {
            guard let unverified = JSONWebToken.decode(Substring(token.split(separator: ".").dropFirst().first ?? "")),
                let parsed = try? JSONValue.parse(unverified), parsed["iss"]?.stringValue == issuer
            else { return .notOurs }
            return .invalid("go-jose/go-jose: error in cryptographic primitive")
        }
        guard claims["iss"]?.stringValue == issuer else { return .notOurs }
        let audienceList = claims["aud"]?.arrayValue?.compactMap(\.stringValue) ?? claims["aud"]?.stringValue.map { [$0] } ?? []
        let accepted = audiences ?? apiAudiences
        guard audienceList.contains(where: accepted.contains) else {
            return .invalid("token audiences \(Self.goQuoted(audienceList)) is invalid for the target audiences \(Self.goQuoted(accepted))")
        }
        let time = Int64(now().timeIntervalSince1970)
        guard let exp = claims["exp"]?.intValue, time < exp else { return .invalid("service account token has expired") }
        if let nbf = claims["nbf"]?.intValue, time + 60 < nbf { return .invalid("service account token is not valid yet") }
        let k8s = claims["kubernetes.io"]
        guard let namespace = k8s?["namespace"]?.stringValue, let account = Self.subject(k8s?["serviceaccount"]) else {
            return .invalid("service account token claims could not be parsed")
        }
        return .valid(
            Claims(
                namespace: namespace, account: account, pod: Self.subject(k8s?["pod"]), node: Self.subject(k8s?["node"]),
                audiences: audienceList, id: claims["jti"]?.stringValue ?? ""))
    }

    /// A string list as Go's `%q` prints it: `["a" "b"]`.
    static func goQuoted(_ values: [String]) -> String {
        "[" + values.map { JSONValue.string($0).jsonString }.joined(separator: " ") + "]"
    }

    static func subject(_ value: JSONValue?) -> Subject? {
        guard let name = value?["name"]?.stringValue, let uid = value?["uid"]?.stringValue else { return nil }
        return Subject(name: name, uid: uid)
    }
}
