import Foundation
import KubeAPI

/// CertificateSigningRequests, following `printCertificateSigningRequest`.
enum CertificatePrinters {
    /// NAME AGE SIGNERNAME REQUESTOR REQUESTEDDURATION CONDITION.
    static let certificateSigningRequests = TablePrinter(
        columns: [
            WorkloadPrinters.nameColumn,
            WorkloadPrinters.ageColumn,
            TableColumn(name: "SignerName", type: "string", description: "Requested signer of the certificate."),
            TableColumn(name: "Requestor", type: "string", description: "Name of the user who created the request."),
            TableColumn(name: "RequestedDuration", type: "string", description: "Requested validity of the certificate."),
            TableColumn(name: "Condition", type: "string", description: "Approval, failure and issuance of the request."),
        ],
        cells: { object, now in
            let spec = object["spec"]
            let signer = TableFields.string(spec?["signerName"])
            var duration = "<none>"
            if let seconds = spec?["expirationSeconds"]?.intValue {
                duration = TableTime.humanDuration(nanoseconds: seconds * 1_000_000_000)
            }
            return [
                .string(TableFields.name(object)), TableFields.age(object, now: now),
                .string(signer.isEmpty ? "<none>" : signer), .string(TableFields.string(spec?["username"])),
                .string(duration), .string(condition(object)),
            ]
        })

    /// `Denied`, else `Approved`, else `Pending`; then `,Failed` and `,Issued` when they apply.
    static func condition(_ object: JSONValue) -> String {
        let types = Set(TableFields.array(object["status"]?["conditions"]).map { TableFields.string($0["type"]) })
        var text = types.contains("Denied") ? "Denied" : types.contains("Approved") ? "Approved" : "Pending"
        if types.contains("Failed") { text += ",Failed" }
        if !TableFields.string(object["status"]?["certificate"]).isEmpty { text += ",Issued" }
        return text
    }
}
