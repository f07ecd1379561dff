import Foundation
import KubeAPI
import KubePKI

/// Validation of CertificateSigningRequests, following Kubernetes' certificates validation:
/// `spec.request` must be a PEM `CERTIFICATE REQUEST` whose signature verifies, `signerName`
/// is a qualified name, `usages` are given, known and distinct, `expirationSeconds` is at least
/// 600; conditions are Approved, Denied or Failed at most once each (Approved and Denied never
/// together, and neither removed once set); `status.certificate` holds PEM certificates, only
/// on an approved request, and never changes once set.
enum CertificateSigningRequestValidation {
    /// The causes of a new request's invalidity; empty when valid.
    static func validateCreate(_ object: JSONValue) -> [StatusCause] {
        var causes: [StatusCause] = []
        let spec = object["spec"]
        if let b64 = spec?["request"]?.stringValue, !b64.isEmpty {
            if let bytes = Data(base64Encoded: b64) {
                do { _ = try CertificateRequest(pem: String(decoding: bytes, as: UTF8.self)) } catch {
                    causes.append(.invalid("spec.request", value: "<\(bytes.count) bytes>", error.message))
                }
            } else {
                causes.append(.invalid("spec.request", value: String(b64.prefix(32)), "illegal base64 data"))
            }
        } else {
            causes.append(.required("spec.request"))
        }
        let signer = spec?["signerName"]?.stringValue ?? ""
        if signer.isEmpty {
            causes.append(.required("spec.signerName"))
        } else if !isQualifiedSignerName(signer) {
            causes.append(
                .invalid(
                    "spec.signerName", value: signer,
                    "must be a fully qualified domain and path of the form 'example.com/signer-name'"))
        }
        let usages = spec?["usages"]?.arrayValue ?? []
        if usages.isEmpty { causes.append(.required("spec.usages", "usages must be provided")) }
        var seen = Set<String>()
        for (i, usage) in usages.enumerated() {
            let value = usage.stringValue ?? ""
            if !CertificateSigningRequestStrategy.knownUsages.contains(value) {
                causes.append(.notSupported("spec.usages[\(i)]", value: value, supported: CertificateSigningRequestStrategy.knownUsages))
            } else if !seen.insert(value).inserted {
                causes.append(.duplicate("spec.usages[\(i)]", value: value))
            }
        }
        if let seconds = spec?["expirationSeconds"]?.intValue, seconds < 600 {
            causes.append(
                .invalid("spec.expirationSeconds", value: String(seconds), "may not specify a duration less than 600 seconds (10 minutes)"))
        }
        causes += validateStatus(object, old: nil)
        return causes
    }

    /// The causes of an update's invalidity (the spec cannot change, which the strategy ensures).
    static func validateUpdate(_ new: JSONValue, old: JSONValue) -> [StatusCause] {
        var causes = validateStatus(new, old: old)
        let oldTypes = Set((old["status"]?["conditions"]?.arrayValue ?? []).compactMap { $0["type"]?.stringValue })
        let newTypes = Set((new["status"]?["conditions"]?.arrayValue ?? []).compactMap { $0["type"]?.stringValue })
        for type in ["Approved", "Denied"] where oldTypes.contains(type) && !newTypes.contains(type) {
            causes.append(.forbidden("status.conditions", "updates may not remove a condition of type \"\(type)\""))
        }
        if let certificate = old["status"]?["certificate"]?.stringValue, !certificate.isEmpty,
            new["status"]?["certificate"]?.stringValue != certificate
        {
            causes.append(.forbidden("status.certificate", "updates may not modify existing certificate content"))
        }
        return causes
    }

    /// Conditions and certificate rules shared by create and update.
    static func validateStatus(_ object: JSONValue, old: JSONValue?) -> [StatusCause] {
        var causes: [StatusCause] = []
        let conditions = object["status"]?["conditions"]?.arrayValue ?? []
        var seen = Set<String>()
        for (i, condition) in conditions.enumerated() {
            let type = condition["type"]?.stringValue ?? ""
            let path = "status.conditions[\(i)]"
            if type.isEmpty { causes.append(.required(path + ".type")) }
            if ["Approved", "Denied", "Failed"].contains(type), !seen.insert(type).inserted {
                causes.append(.duplicate(path + ".type", value: type))
            }
            let status = condition["status"]?.stringValue ?? ""
            if ["Approved", "Denied"].contains(type), status != "True" {
                causes.append(.notSupported(path + ".status", value: status, supported: ["True"]))
            } else if !["True", "False", "Unknown"].contains(status) {
                causes.append(.notSupported(path + ".status", value: status, supported: ["False", "True", "Unknown"]))
            }
        }
        if seen.contains("Approved"), seen.contains("Denied") {
            causes.append(.invalid("status.conditions", value: "Approved,Denied", "Approved and Denied conditions are mutually exclusive"))
        }
        if let b64 = object["status"]?["certificate"]?.stringValue, !b64.isEmpty {
            if !seen.contains("Approved") {
                causes.append(.forbidden("status.certificate", "certificate may only be set on an approved request"))
            }
            guard let bytes = Data(base64Encoded: b64),
                String(decoding: bytes, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----")
            else {
                causes.append(.invalid("status.certificate", value: "<\(b64.count) bytes>", "must contain at least one CERTIFICATE PEM block"))
                return causes
            }
        }
        return causes
    }

    /// `<domain>/<path>`: a DNS subdomain, a slash, and a non-empty path.
    static func isQualifiedSignerName(_ name: String) -> Bool {
        let parts = name.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty, parts[0].contains(".") else { return false }
        return parts[0].utf8.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
        }
    }
}
