import Foundation
import Hummingbird
import KubeAPI

extension APIHandler {
    /// `POST serviceaccounts/NAME/token` (a TokenRequest, as `kubectl create token` sends):
    /// issues a token for the service account, optionally bound to a pod, and answers 201 with
    /// the request, its defaulted spec and `status.token`.
    func createToken(_ api: APIRequest, namespace: String, name: String) async throws(APIError) -> Response {
        guard let tokens = serviceAccountTokens else {
            throw APIError(code: 404, reason: "NotFound", message: "the server could not find the requested resource")
        }
        let body = try api.bodyObject()
        if let kind = body["kind"]?.stringValue, !kind.isEmpty, kind != "TokenRequest" {
            throw APIError.badRequest("the body of a token request must be a TokenRequest, not \(kind)")
        }
        let spec = body["spec"]
        let audiences = spec?["audiences"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let expiration = spec?["expirationSeconds"]?.intValue ?? 3600
        var causes: [StatusCause] = []
        if expiration < 600 {
            causes.append(.invalid("spec.expirationSeconds", value: "\(expiration)", "may not specify a duration less than 10 minutes"))
        } else if expiration > 1 << 32 {
            causes.append(.invalid("spec.expirationSeconds", value: "\(expiration)", "may not specify a duration larger than 2^32 seconds"))
        }
        let bound = spec?["boundObjectRef"]
        let boundKind = bound?["kind"]?.stringValue ?? ""
        if let bound, !bound.isNull, boundKind != "Pod" {
            causes.append(.notSupported("spec.boundObjectRef.kind", value: boundKind, supported: ["Pod"]))
        }
        if !causes.isEmpty { throw APIError.invalid(group: "authentication.k8s.io", kind: "TokenRequest", name: name, causes: causes) }
        let account = try await registry.current(.serviceAccounts, namespace: namespace, name: name).0
        var pod: ServiceAccountTokens.Subject?
        if boundKind == "Pod", let podName = bound?["name"]?.stringValue {
            let object = try await registry.current(.pods, namespace: namespace, name: podName).0
            if let uid = bound?["uid"]?.stringValue, !uid.isEmpty, uid != object.uid {
                throw APIError.conflict(
                    resource: "pods", name: podName,
                    detail: "the UID in the bound object reference (\(uid)) does not match the UID in record. The object might have been deleted and then recreated")
            }
            pod = .init(name: podName, uid: object.uid)
        }
        let issued: ServiceAccountTokens.Issued
        do {
            issued = try tokens.issue(
                namespace: namespace, account: .init(name: name, uid: account.uid), audiences: audiences,
                expirationSeconds: expiration, pod: pod)
        } catch {
            throw APIError.internalError("signing the token failed: \(error)")
        }
        var specOut: [(String, JSONValue)] = [
            ("audiences", .array((audiences.isEmpty ? tokens.apiAudiences : audiences).map { .string($0) })),
            ("expirationSeconds", .int(expiration)),
        ]
        specOut.append(("boundObjectRef", pod == nil ? .null : bound ?? .null))
        let response = JSONValue.object(
            JSONObject([
                ("kind", .string("TokenRequest")), ("apiVersion", .string("authentication.k8s.io/v1")),
                ("metadata", .object(JSONObject([
                    ("name", .string(name)), ("namespace", .string(namespace)),
                    ("creationTimestamp", .string(Timestamp.format(registry.now()))),
                ]))),
                ("spec", .object(JSONObject(specOut))),
                ("status", .object(JSONObject([
                    ("token", .string(issued.token)), ("expirationTimestamp", .string(Timestamp.format(issued.expiration))),
                ]))),
            ]))
        return APIResponse.json(201, response)
    }
}
