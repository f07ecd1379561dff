import Foundation
import KubeAPI
import KubePKI

/// The rules of certificates.k8s.io/v1 CertificateSigningRequests, as Kubernetes' CSR
/// strategies apply them: on create the server records who asked (`spec.username`, `uid`,
/// `groups`, `extra`) and drops any status; the main endpoint changes metadata only; `/approval`
/// changes only the Approved/Denied conditions; `/status` sets the certificate and other
/// conditions but cannot approve or deny. Condition timestamps are filled by the server.
enum CertificateSigningRequestStrategy {
    static let group = "certificates.k8s.io"
    static let resource = "certificatesigningrequests"

    /// Whether `r` is CertificateSigningRequests.
    static func handles(_ r: ResourceInfo) -> Bool { r.group == group && r.resource == resource }

    /// Every usage Kubernetes accepts in `spec.usages`.
    static let knownUsages = [
        "signing", "digital signature", "content commitment", "key encipherment", "key agreement", "data encipherment",
        "cert sign", "crl sign", "encipher only", "decipher only", "any", "server auth", "client auth", "code signing",
        "email protection", "s/mime", "ipsec end system", "ipsec tunnel", "ipsec user", "timestamping", "ocsp signing",
        "microsoft sgc", "netscape sgc",
    ]

    /// Records the requester in `spec` and drops `status` on a new request.
    static func prepareForCreate(_ object: inout JSONValue, user: UserInfo?) {
        let user = user ?? UserInfo(username: "")
        var spec = object["spec"]?.objectValue ?? JSONObject()
        for key in ["username", "uid", "groups", "extra"] { spec[key] = nil }
        if !user.username.isEmpty { spec["username"] = .string(user.username) }
        if !user.uid.isEmpty { spec["uid"] = .string(user.uid) }
        if !user.groups.isEmpty { spec["groups"] = .array(user.groups.map { .string($0) }) }
        var extra = JSONObject()
        for (key, values) in user.extra.sorted(by: { $0.key < $1.key }) { extra[key] = .array(values.map { .string($0) }) }
        if !extra.isEmpty { spec["extra"] = .object(extra) }
        object["spec"] = .object(spec)
        if case .object(var o) = object {
            o["status"] = nil
            object = .object(o)
        }
    }

    /// Builds the object an update through `subresource` writes: the stored request with only
    /// what that endpoint may change taken from `new`; nil when the generic rules apply (main
    /// endpoint), after which `restoreSpec` keeps the spec.
    static func merged(_ new: JSONValue, old: JSONValue, subresource: String?, now: String) -> JSONValue? {
        guard let subresource, subresource == "approval" || subresource == "status" else { return nil }
        var merged = old
        let isApproval: (JSONValue) -> Bool = { ["Approved", "Denied"].contains($0["type"]?.stringValue ?? "") }
        let oldConditions = old["status"]?["conditions"]?.arrayValue ?? []
        let newConditions = new["status"]?["conditions"]?.arrayValue ?? []
        var conditions: [JSONValue]
        if subresource == "approval" {
            // Approval changes Approved/Denied only; other conditions stay as they are.
            conditions = oldConditions.filter { !isApproval($0) } + newConditions.filter(isApproval)
        } else {
            conditions = oldConditions.filter(isApproval) + newConditions.filter { !isApproval($0) }
            let certificate = new["status"]?["certificate"]
            merged.set(certificate?.isNull == true ? Optional<JSONValue>.none : certificate, at: ["status", "certificate"])
        }
        conditions = stamped(conditions, old: oldConditions, now: now)
        var status = merged["status"]?.objectValue ?? JSONObject()
        status["conditions"] = nil
        if !conditions.isEmpty { status["conditions"] = .array(conditions) }
        merged.set(status.isEmpty ? Optional<JSONValue>.none : .object(status), at: ["status"])
        if let managed = new["metadata"]?["managedFields"] { merged.setMetadata("managedFields", managed) }
        return merged
    }

    /// Conditions with `status` defaulted to True and a missing `lastUpdateTime` or
    /// `lastTransitionTime` filled in, as Kubernetes' `populateConditionTimestamps` does (the
    /// transition time carries over from a stored condition of the same type and status).
    static func stamped(_ conditions: [JSONValue], old: [JSONValue], now: String) -> [JSONValue] {
        func missing(_ v: JSONValue?) -> Bool { v == nil || v?.isNull == true || v?.stringValue == "" }
        return conditions.map { condition in
            var c = condition
            if (c["status"]?.stringValue ?? "").isEmpty { c["status"] = "True" }
            if missing(c["lastUpdateTime"]) { c["lastUpdateTime"] = .string(now) }
            if missing(c["lastTransitionTime"]) {
                let previous = old.first { $0["type"] == c["type"] && $0["status"] == c["status"] }
                if let kept = previous?["lastTransitionTime"], !missing(kept) {
                    c["lastTransitionTime"] = kept
                } else {
                    c["lastTransitionTime"] = .string(now)
                }
            }
            return c
        }
    }

    /// The main endpoint cannot change the spec.
    static func restoreSpec(_ new: inout JSONValue, old: JSONValue) {
        new["spec"] = old["spec"] ?? .object(JSONObject())
    }
}
