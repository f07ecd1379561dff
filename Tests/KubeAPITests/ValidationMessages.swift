import Foundation

@testable import KubeAPI

/// `field: message` of each cause validating `text` (defaulted) as `group`/`kind`; with `old`,
/// validated as an update of `old` (both at resourceVersion 5).
func validationMessages(_ kind: String, group: String, _ text: String, old: String? = nil) throws -> [String] {
    var new = try JSONValue.parse(text)
    Defaulting.apply(kind: kind, group: group, to: &new)
    var oldValue: JSONValue?
    if let old {
        var o = try JSONValue.parse(old)
        Defaulting.apply(kind: kind, group: group, to: &o)
        o.setMetadata("resourceVersion", "5")
        new.setMetadata("resourceVersion", "5")
        oldValue = o
    }
    return Validation.validate(kind: kind, group: group, object: new, old: oldValue).map { "\($0.field): \($0.message)" }
}
