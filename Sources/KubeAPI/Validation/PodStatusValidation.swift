/// Validation of a write to a pod's `status` subresource (`ValidatePodStatusUpdate`).
///
/// The spec of such a write is the stored one (the strategy copies it over), so, as in
/// Kubernetes, only metadata and the status rules are checked: the nominated node's name,
/// container state transitions the restart policy forbids, and the pod's and host's IPs.
enum PodStatusValidation {
    static func validate(_ pod: JSONObject, old: JSONObject, into list: inout CauseList) {
        MetadataValidation.validateCreate(pod, namespaced: true, nameRule: .dnsSubdomain, into: &list)
        let status = list.object(pod, "status", "") ?? JSONObject()
        let oldStatus = CauseList.member(old, "status")?.objectValue ?? JSONObject()
        if let nominated = list.string(status, "nominatedNodeName", "status"), !nominated.isEmpty,
            nominated != oldStatus["nominatedNodeName"]?.stringValue
        {
            list.invalid("status.nominatedNodeName", string: nominated, NameValidation.isDNS1123Subdomain(nominated))
        }
        let restartPolicy = CauseList.member(old, "spec")?["restartPolicy"]?.stringValue ?? "Always"
        for key in ["containerStatuses", "initContainerStatuses"] {
            validateStateTransitions(
                list.array(status, key, "status") ?? [], old: oldStatus[key]?.arrayValue ?? [], "status." + key,
                restartPolicy: restartPolicy, into: &list)
        }
        validateAddresses(status, old: oldStatus, list: "podIPs", into: &list)
        if let hostIPs = list.array(status, "hostIPs", "status"), let first = hostIPs.first {
            let hostIP = list.string(status, "hostIP", "status") ?? ""
            let firstIP = first["ip"]?.stringValue ?? ""
            if firstIP != hostIP {
                list.add(FieldError.invalid("status.hostIPs[0].ip", string: firstIP, "must be equal to `hostIP`"))
            }
        }
        validateAddresses(status, old: oldStatus, list: "hostIPs", into: &list)
    }

    /// A container that ended for good (any exit under `Never`, a zero exit under `OnFailure`)
    /// may not be reported as running or waiting again.
    static func validateStateTransitions(
        _ statuses: [JSONValue], old: [JSONValue], _ path: String, restartPolicy: String, into list: inout CauseList
    ) {
        guard restartPolicy != "Always" else { return }
        func terminated(_ status: JSONValue) -> JSONValue? {
            guard let t = status["state"]?["terminated"], !t.isNull else { return nil }
            return t
        }
        for (i, previous) in old.enumerated() {
            guard let ended = terminated(previous) else { continue }
            if restartPolicy == "OnFailure", (ended["exitCode"]?.intValue ?? 0) != 0 { continue }
            let name = previous["name"]?.stringValue
            for status in statuses where status["name"]?.stringValue == name {
                if terminated(status) == nil {
                    list.add(
                        FieldError.forbidden(
                            FieldPath.index(path, i) + ".state", "may not be transitioned to non-terminated state"))
                }
            }
        }
    }

    /// `status.podIPs` or `status.hostIPs`: each address new to the list must parse, and two
    /// addresses must be one of each family.
    static func validateAddresses(_ status: JSONObject, old: JSONObject, list key: String, into list: inout CauseList) {
        guard let items = status[key]?.arrayValue, !items.isEmpty else { return }
        let path = "status." + key
        let existing = Set((old[key]?.arrayValue ?? []).compactMap { $0["ip"]?.stringValue })
        var families: [Bool] = []
        for (i, item) in items.enumerated() {
            let ip = item["ip"]?.stringValue ?? ""
            if let parsed = ParsedIP(ip) {
                families.append(parsed.isV4)
            } else if !existing.contains(ip) {
                list.add(FieldError.invalid(FieldPath.index(path, i), string: ip, IPValidation.invalidIP))
            }
        }
        if items.count > 1 && (items.count > 2 || families.count != 2 || families[0] == families[1]) {
            list.add(FieldError.invalid(path, .array(items), "may specify no more than one IP for each IP family"))
        }
    }
}
