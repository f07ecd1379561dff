import Foundation
import KubeAPI

/// Lenient field readers and the shared formatters of Kubernetes' printers.
///
/// Every reader treats a missing field or a field of the wrong JSON type as the Go zero value, so
/// an odd object prints like the typed Go object it would decode to, and never traps.
enum TableFields {
    /// The string at a value, or "" when missing or not a string.
    static func string(_ value: JSONValue?) -> String { value?.stringValue ?? "" }

    /// The integer at a value, or 0 when missing or not an integral number.
    static func int(_ value: JSONValue?) -> Int64 { value?.intValue ?? 0 }

    /// The elements of an array value; empty when missing or not an array.
    static func array(_ value: JSONValue?) -> [JSONValue] { value?.arrayValue ?? [] }

    /// The member count of an object value; 0 when missing or not an object.
    static func count(_ value: JSONValue?) -> Int64 { Int64(value?.objectValue?.count ?? 0) }

    /// True when the value is present and not JSON null (a Go pointer or struct that is set).
    static func isSet(_ value: JSONValue?) -> Bool {
        guard let value else { return false }
        return !value.isNull
    }

    /// The string members of an object value, skipping members that are not strings.
    static func stringMap(_ value: JSONValue?) -> [(key: String, value: String)] {
        guard let object = value?.objectValue else { return [] }
        return object.compactMap { member in member.value.stringValue.map { (member.key, $0) } }
    }

    /// `metadata.name` of an object.
    static func name(_ object: JSONValue) -> String { string(object["metadata"]?["name"]) }

    /// The AGE cell: the human age of `metadata.creationTimestamp` at `now`.
    static func age(_ object: JSONValue, now: Date) -> JSONValue {
        .string(TableTime.since(object["metadata"]?["creationTimestamp"], now: now))
    }

    /// `labels.FormatLabels`: `k=v` pairs sorted by key and joined by commas; `<none>` when empty.
    static func formatLabels(_ value: JSONValue?) -> String {
        let pairs = stringMap(value).sorted { $0.key < $1.key }
        if pairs.isEmpty { return "<none>" }
        return pairs.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    /// `metav1.LabelSelectorAsSelector(selector).String()`: nil when the selector is invalid (an
    /// unknown operator, or values that do not fit the operator); "" for a missing or empty one.
    static func selectorString(_ selector: JSONValue?) -> String? {
        guard let selector, !selector.isNull else { return "" }
        var requirements: [(key: String, text: String)] = []
        for (key, value) in stringMap(selector["matchLabels"]).sorted(by: { $0.key < $1.key }) {
            requirements.append((key, "\(key)=\(value)"))
        }
        for expression in array(selector["matchExpressions"]) {
            let key = string(expression["key"])
            let values = array(expression["values"]).compactMap(\.stringValue)
            switch string(expression["operator"]) {
            case "In", "NotIn":
                guard !values.isEmpty else { return nil }
                let op = string(expression["operator"]) == "In" ? " in " : " notin "
                requirements.append((key, "\(key)\(op)(\(values.sorted().joined(separator: ",")))"))
            case "Exists":
                guard values.isEmpty else { return nil }
                requirements.append((key, key))
            case "DoesNotExist":
                guard values.isEmpty else { return nil }
                requirements.append((key, "!\(key)"))
            default:
                return nil
            }
        }
        // Selector.Add sorts requirements by key; keep insertion order among equal keys.
        let sorted = requirements.enumerated().sorted { a, b in
            a.element.key != b.element.key ? a.element.key < b.element.key : a.offset < b.offset
        }
        return sorted.map(\.element.text).joined(separator: ",")
    }

    /// `metav1.FormatLabelSelector`: the selector string, `<none>` when empty, `<error>` when invalid.
    static func formatLabelSelector(_ selector: JSONValue?) -> String {
        guard let text = selectorString(selector) else { return "<error>" }
        return text.isEmpty ? "<none>" : text
    }

    /// `layoutContainerCells`: container names and images, each joined by commas.
    static func containerCells(_ containers: JSONValue?) -> (names: String, images: String) {
        let list = array(containers)
        let names = list.map { string($0["name"]) }.joined(separator: ",")
        let images = list.map { string($0["image"]) }.joined(separator: ",")
        return (names, images)
    }

    /// The first value of `status.conditions` whose `type` matches, if any.
    static func condition(_ conditions: JSONValue?, type: String) -> JSONValue? {
        array(conditions).first { string($0["type"]) == type }
    }

    /// `net.JoinHostPort`: brackets IPv6 hosts.
    static func joinHostPort(_ host: String, _ port: Int64) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// `listWithMoreString`: the first `max` items, "+ N more..." past that, `<unset>` when empty.
    static func listWithMore(_ items: [String], max: Int = 3) -> String {
        let shown = items.prefix(max).joined(separator: ",")
        if items.count > max { return "\(shown) + \(items.count - max) more..." }
        return shown.isEmpty ? "<unset>" : shown
    }
}
