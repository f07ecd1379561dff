/// Kubernetes' syntax rules for label keys and values, returning its exact error phrases.
///
/// Every function returns the list of problems (empty when valid), worded as Kubernetes words them
/// (`k8s.io/apimachinery/pkg/util/validation`), so callers can join them with `"; "` into a field
/// error exactly as the real API server does. Lengths are counted in UTF-8 bytes, as Go does.
public enum LabelValidation {
    /// The maximum length of a label value and of a label key's name part.
    public static let maximumLabelLength = 63
    /// The maximum length of a DNS-1123 subdomain (a label key's prefix).
    public static let maximumSubdomainLength = 253

    static let labelKeyFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
    static let labelKeyMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
    static let labelValueFormat = "(" + labelKeyFormat + ")?"
    static let labelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
    static let subdomainFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"
    static let subdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"

    /// Problems with `key` as a label key: an optional DNS-1123 subdomain prefix and `/`, then a
    /// name of at most 63 alphanumerics, `-`, `_`, `.` that starts and ends alphanumeric.
    public static func labelKeyErrors(_ key: String) -> [String] {
        // Common case first: a plain name with no prefix.
        if key.utf8.count <= maximumLabelLength, !key.utf8.contains(UInt8(ascii: "/")), isLabelToken(key.utf8) {
            return []
        }
        var errors: [String] = []
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        let name: Substring
        switch parts.count {
        case 1:
            name = parts[0]
        case 2:
            let prefix = parts[0]
            name = parts[1]
            if prefix.isEmpty {
                errors.append("prefix part must be non-empty")
            } else {
                errors += subdomainErrors(String(prefix)).map { "prefix part " + $0 }
            }
        default:
            return [
                "a valid label key "
                    + regexError(labelKeyMessage, labelKeyFormat, examples: ["MyName", "my.name", "123-abc"])
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
            ]
        }
        if name.isEmpty {
            errors.append("name part must be non-empty")
        } else if name.utf8.count > maximumLabelLength {
            errors.append("name part " + maxLengthError(maximumLabelLength))
        }
        if !isLabelToken(name.utf8) {
            errors.append("name part " + regexError(labelKeyMessage, labelKeyFormat, examples: ["MyName", "my.name", "123-abc"]))
        }
        return errors
    }

    /// Problems with `value` as a label value: empty, or at most 63 alphanumerics, `-`, `_`, `.`
    /// that start and end alphanumeric.
    public static func labelValueErrors(_ value: String) -> [String] {
        if value.isEmpty || (value.utf8.count <= maximumLabelLength && isLabelToken(value.utf8)) { return [] }
        var errors: [String] = []
        if value.utf8.count > maximumLabelLength {
            errors.append(maxLengthError(maximumLabelLength))
        }
        if !value.isEmpty && !isLabelToken(value.utf8) {
            errors.append(regexError(labelValueMessage, labelValueFormat, examples: ["MyValue", "my_value", "12345"]))
        }
        return errors
    }

    /// Problems with `value` as a lowercase RFC 1123 subdomain (dot-separated lowercase labels).
    public static func subdomainErrors(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > maximumSubdomainLength {
            errors.append(maxLengthError(maximumSubdomainLength))
        }
        let labels = value.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        if !labels.allSatisfy(isDNSLabel) {
            errors.append(regexError(subdomainMessage, subdomainFormat, examples: ["example.com"]))
        }
        return errors
    }

    /// Kubernetes' "too long" phrase.
    static func maxLengthError(_ length: Int) -> String { "must be no more than \(length) bytes" }

    /// Kubernetes' regex-failure phrase: the message, examples, then the regex.
    static func regexError(_ message: String, _ format: String, examples: [String]) -> String {
        if examples.isEmpty { return message + " (regex used for validation is '" + format + "')" }
        var text = message + " (e.g. "
        for (i, example) in examples.enumerated() {
            if i > 0 { text += " or " }
            text += "'" + example + "', "
        }
        return text + "regex used for validation is '" + format + "')"
    }

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`, anchored.
    private static func isLabelToken<Bytes: Collection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        guard let first = bytes.first, isAlphanumeric(first) else { return false }
        var last = first
        for b in bytes {
            guard isAlphanumeric(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
            else { return false }
            last = b
        }
        return isAlphanumeric(last)
    }

    /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, anchored.
    private static func isDNSLabel(_ bytes: Substring.UTF8View.SubSequence) -> Bool {
        func lowerAlphanumeric(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) }
        guard let first = bytes.first, let last = bytes.last else { return false }
        guard lowerAlphanumeric(first), lowerAlphanumeric(last) else { return false }
        return bytes.allSatisfy { lowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }
}

