/// The name and key formats Kubernetes checks (`k8s.io/apimachinery/pkg/util/validation`), as
/// byte scanners rather than regular expressions. Each check returns the list of messages
/// Kubernetes would report; an empty list means the value is valid.
public enum NameValidation {
    /// Longest DNS-1123 label (namespaces, container names, port names).
    public static let dns1123LabelMaxLength = 63
    /// Longest DNS-1123 subdomain (most object names).
    public static let dns1123SubdomainMaxLength = 253
    /// Longest name part of a qualified name and longest label value.
    public static let qualifiedNameMaxLength = 63

    static let dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
    static let dns1123SubdomainFmt = dns1123LabelFmt + "(\\." + dns1123LabelFmt + ")*"
    static let dns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?"
    static let qualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
    static let labelValueFmt = "(" + qualifiedNameFmt + ")?"
    static let configMapKeyFmt = "[-._a-zA-Z0-9]+"

    static let dns1123LabelError = regexError(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
        dns1123LabelFmt, ["my-name", "123-abc"])
    static let dns1123SubdomainError = regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        dns1123SubdomainFmt, ["example.com"])
    static let dns1035LabelError = regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        dns1035LabelFmt, ["my-name", "abc-123"])
    static let qualifiedNameError = regexError(
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        qualifiedNameFmt, ["MyName", "my.name", "123-abc"])
    static let labelValueError = regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        labelValueFmt, ["MyValue", "my_value", "12345"])
    static let configMapKeyError = regexError(
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.'", configMapKeyFmt,
        ["key.name", "KEY_NAME", "key-name"])
    static let percentError = regexError(
        "a valid percent string must be a numeric string followed by an ending '%'", "[0-9]+%", ["1%", "93%"])
    static let httpHeaderNameError = regexError(
        "a valid HTTP header must consist of alphanumeric characters or '-'", "[-A-Za-z0-9]+", ["X-Header-Name"])

    /// `must be no more than N characters`.
    public static func maxLenError(_ n: Int) -> String { "must be no more than \(n) characters" }

    /// `must be between lo and hi, inclusive`.
    public static func inclusiveRangeError(_ lo: Int64, _ hi: Int64) -> String {
        "must be between \(lo) and \(hi), inclusive"
    }

    /// A regular-expression failure message with examples, worded as Kubernetes' `RegexError`.
    public static func regexError(_ msg: String, _ fmt: String, _ examples: [String]) -> String {
        if examples.isEmpty { return msg + " (regex used for validation is '" + fmt + "')" }
        var out = msg + " (e.g. "
        for (i, e) in examples.enumerated() {
            if i > 0 { out += " or " }
            out += "'" + e + "', "
        }
        return out + "regex used for validation is '" + fmt + "')"
    }

    // MARK: - Byte classes

    @inline(__always) static func isLowerAlnum(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
    }
    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool {
        isLowerAlnum(b) || (b >= 0x41 && b <= 0x5A)
    }

    /// True when the bytes are a DNS-1123 label (ignoring length).
    @inline(__always)
    static func matchesLabel<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        guard let first = bytes.first, isLowerAlnum(first) else { return false }
        var last = first
        for b in bytes {
            guard isLowerAlnum(b) || b == 0x2D else { return false }
            last = b
        }
        return isLowerAlnum(last)
    }

    /// True when the string is a DNS-1123 subdomain (ignoring length).
    @inline(__always)
    static func matchesSubdomain(_ s: String) -> Bool { matchesSubdomainBytes(s.utf8) }

    /// True when the bytes are a DNS-1123 subdomain (ignoring length).
    static func matchesSubdomainBytes<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var prev: UInt8 = 0x2E  // treat the start as following a dot
        var any = false
        for b in bytes {
            any = true
            if b == 0x2E {
                guard isLowerAlnum(prev) else { return false }
            } else if b == 0x2D {
                guard prev != 0x2E else { return false }
            } else if !isLowerAlnum(b) {
                return false
            }
            prev = b
        }
        return any && isLowerAlnum(prev)
    }

    /// True when the bytes match `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`.
    static func matchesQualifiedNamePart<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        guard let first = bytes.first, isAlnum(first) else { return false }
        var last = first
        for b in bytes {
            guard isAlnum(b) || b == 0x2D || b == 0x5F || b == 0x2E else { return false }
            last = b
        }
        return isAlnum(last)
    }

    // MARK: - Checks

    /// RFC 1123 label: lower-case alphanumerics and '-', at most 63 characters.
    public static func isDNS1123Label(_ value: String) -> [String] {
        let n = value.utf8.count
        if n <= dns1123LabelMaxLength && matchesLabel(value.utf8) { return [] }
        var errs: [String] = []
        if n > dns1123LabelMaxLength { errs.append(maxLenError(dns1123LabelMaxLength)) }
        if !matchesLabel(value.utf8) {
            errs.append(matchesSubdomain(value) ? "must not contain dots" : dns1123LabelError)
        }
        return errs
    }

    /// RFC 1123 subdomain: dot-separated labels, at most 253 characters.
    public static func isDNS1123Subdomain(_ value: String) -> [String] {
        let n = value.utf8.count
        let matches = matchesSubdomain(value)
        if n <= dns1123SubdomainMaxLength && matches { return [] }
        var errs: [String] = []
        if n > dns1123SubdomainMaxLength { errs.append(maxLenError(dns1123SubdomainMaxLength)) }
        if !matches { errs.append(dns1123SubdomainError) }
        return errs
    }

    /// RFC 1035 label (Service names): starts with a letter, at most 63 characters.
    public static func isDNS1035Label(_ value: String) -> [String] {
        let bytes = value.utf8
        let n = bytes.count
        var matches = false
        if let first = bytes.first, first >= 0x61 && first <= 0x7A { matches = matchesLabel(bytes) }
        if n <= dns1123LabelMaxLength && matches { return [] }
        var errs: [String] = []
        if n > dns1123LabelMaxLength { errs.append(maxLenError(dns1123LabelMaxLength)) }
        if !matches { errs.append(dns1035LabelError) }
        return errs
    }

    /// A qualified name (label keys, annotation keys, finalizers): an optional DNS subdomain
    /// prefix and '/', then a name part of at most 63 characters.
    public static func isQualifiedName(_ value: String) -> [String] {
        var v = value
        let valid = v.withUTF8 { buf -> Bool in
            var slash = -1
            for i in 0..<buf.count where buf[i] == 0x2F {
                if slash >= 0 { return false }
                slash = i
            }
            let name = UnsafeBufferPointer(rebasing: buf[(slash + 1)...])
            guard name.count <= qualifiedNameMaxLength, matchesQualifiedNamePart(name) else { return false }
            if slash < 0 { return true }
            let prefix = UnsafeBufferPointer(rebasing: buf[..<slash])
            return prefix.count <= dns1123SubdomainMaxLength && matchesSubdomainBytes(prefix)
        }
        return valid ? [] : qualifiedNameErrors(value)
    }

    static func qualifiedNameErrors(_ value: String) -> [String] {
        let bytes = Array(value.utf8)
        var slash = -1
        var slashes = 0
        for (i, b) in bytes.enumerated() where b == 0x2F {
            slashes += 1
            if slash < 0 { slash = i }
        }
        if slashes > 1 {
            return [
                "a qualified name " + qualifiedNameError
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
            ]
        }
        let name = slash < 0 ? bytes[...] : bytes[(slash + 1)...]
        var errs: [String] = []
        if slash >= 0 {
            let prefix = String(decoding: bytes[..<slash], as: UTF8.self)
            if prefix.isEmpty {
                errs.append("prefix part must be non-empty")
            } else {
                for m in isDNS1123Subdomain(prefix) { errs.append("prefix part " + m) }
            }
        }
        if name.isEmpty {
            errs.append("name part must be non-empty")
        } else if name.count > qualifiedNameMaxLength {
            errs.append("name part " + maxLenError(qualifiedNameMaxLength))
        }
        if !matchesQualifiedNamePart(name) { errs.append("name part " + qualifiedNameError) }
        return errs
    }

    /// A label value: empty, or a qualified name part of at most 63 characters.
    public static func isValidLabelValue(_ value: String) -> [String] {
        let bytes = value.utf8
        let n = bytes.count
        let matches = n == 0 || matchesQualifiedNamePart(bytes)
        if n <= qualifiedNameMaxLength && matches { return [] }
        var errs: [String] = []
        if n > qualifiedNameMaxLength { errs.append(maxLenError(qualifiedNameMaxLength)) }
        if !matches { errs.append(labelValueError) }
        return errs
    }

    /// A ConfigMap or Secret data key: `[-._a-zA-Z0-9]+`, at most 253 characters, not `.`/`..`.
    public static func isConfigMapKey(_ value: String) -> [String] {
        let bytes = value.utf8
        var matches = !bytes.isEmpty
        for b in bytes where !(isAlnum(b) || b == 0x2D || b == 0x2E || b == 0x5F) {
            matches = false
            break
        }
        let dotPrefix = bytes.first == 0x2E
        if bytes.count <= dns1123SubdomainMaxLength && matches && !dotPrefix { return [] }
        var errs: [String] = []
        if bytes.count > dns1123SubdomainMaxLength { errs.append(maxLenError(dns1123SubdomainMaxLength)) }
        if !matches { errs.append(configMapKeyError) }
        if value == "." {
            errs.append("must not be '.'")
        } else if value == ".." {
            errs.append("must not be '..'")
        } else if value.hasPrefix("..") {
            errs.append("must not start with '..'")
        }
        return errs
    }

    /// An IANA service port name: at most 15 characters of `[-a-z0-9]` with at least one letter
    /// and no leading, trailing or doubled hyphens.
    public static func isValidPortName(_ value: String) -> [String] {
        let bytes = value.utf8
        var charset = !bytes.isEmpty
        var letter = false
        var doubleHyphen = false
        var prev: UInt8 = 0
        for b in bytes {
            if b >= 0x61 && b <= 0x7A {
                letter = true
            } else if !(b >= 0x30 && b <= 0x39) && b != 0x2D {
                charset = false
            }
            if b == 0x2D && prev == 0x2D { doubleHyphen = true }
            prev = b
        }
        let edgeHyphen = bytes.first == 0x2D || bytes.last == 0x2D
        var errs: [String] = []
        if bytes.count > 15 { errs.append(maxLenError(15)) }
        if !charset { errs.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)") }
        if !letter { errs.append("must contain at least one letter (a-z)") }
        if doubleHyphen { errs.append("must not contain consecutive hyphens") }
        if edgeHyphen { errs.append("must not begin or end with a hyphen") }
        return errs
    }

    /// A percentage such as `25%`.
    public static func isValidPercent(_ value: String) -> [String] {
        let bytes = value.utf8
        guard bytes.count >= 2, bytes.last == 0x25 else { return [percentError] }
        for b in bytes.dropLast() where !(b >= 0x30 && b <= 0x39) { return [percentError] }
        return []
    }

    /// An environment variable name under the relaxed rule (printable ASCII other than '=').
    public static func isEnvVarName(_ value: String) -> [String] {
        if value.isEmpty { return ["environment variable name must be non-empty"] }
        for b in value.utf8 where b < 0x20 || b > 0x7E || b == 0x3D {
            return ["a valid environment variable name must consist only of printable ASCII characters other than '='"]
        }
        return []
    }

    /// An HTTP header name: `[-A-Za-z0-9]+`.
    public static func isHTTPHeaderName(_ value: String) -> [String] {
        let bytes = value.utf8
        if bytes.isEmpty { return [httpHeaderNameError] }
        for b in bytes where !(isAlnum(b) || b == 0x2D) { return [httpHeaderNameError] }
        return []
    }

    /// A name that is safe as a URL path segment: not `.` or `..`, no `/` or `%`.
    public static func isPathSegmentName(_ value: String) -> [String] {
        if value == "." { return ["may not be '.'"] }
        if value == ".." { return ["may not be '..'"] }
        return isPathSegmentPrefix(value)
    }

    /// A prefix of a path-segment name (generateName): no `/` or `%`.
    public static func isPathSegmentPrefix(_ value: String) -> [String] {
        var slash = false
        var percent = false
        for b in value.utf8 {
            if b == 0x2F { slash = true } else if b == 0x25 { percent = true }
        }
        var errs: [String] = []
        if slash { errs.append("may not contain '/'") }
        if percent { errs.append("may not contain '%'") }
        return errs
    }

    /// A `generateName` prefix checked as the name it will become: a trailing '-' is accepted
    /// because random characters follow it (Kubernetes' `maskTrailingDash`).
    public static func maskTrailingDash(_ name: String) -> String {
        guard name.utf8.count > 1, name.utf8.last == 0x2D else { return name }
        var bytes = Array(name.utf8)
        bytes.removeLast(2)
        bytes.append(0x61)
        return String(decoding: bytes, as: UTF8.self)
    }
}
