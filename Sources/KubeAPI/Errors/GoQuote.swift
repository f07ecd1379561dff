/// Go-style quoting (`%q`, `strconv.Quote`) for values echoed in Kubernetes error messages and
/// field paths: double quotes, with `"`, `\\` and control characters escaped.
public func goQuoted(_ text: String) -> String {
    var needsEscape = false
    for b in text.utf8 where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F {
        needsEscape = true
        break
    }
    if !needsEscape { return "\"" + text + "\"" }
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case "\u{07}": out += "\\a"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        case "\u{0B}": out += "\\v"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                let hex = String(scalar.value, radix: 16)
                out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
