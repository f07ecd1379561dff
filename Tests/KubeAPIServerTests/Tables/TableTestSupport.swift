import Foundation
import KubeAPI

@testable import KubeAPIServer

/// Shared fixtures for the table tests: a fixed `now` and timestamps relative to it.
enum TableFixtures {
    /// 2024-06-01T12:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_717_243_200)

    /// The RFC 3339 timestamp `seconds` before `now`.
    static func ago(_ seconds: Int) -> JSONValue {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return .string(formatter.string(from: now.addingTimeInterval(-Double(seconds))))
    }

    /// Metadata named `name`, created `age` seconds before `now`.
    static func metadata(_ name: String, age: Int = 300, namespace: String? = "default") -> JSONValue {
        var meta: JSONValue = ["name": .string(name), "creationTimestamp": ago(age)]
        if let namespace { meta["namespace"] = .string(namespace) }
        return meta
    }

    /// The cells for an object of `group`/`resource` at `now`.
    static func cells(_ group: String, _ resource: String, _ object: JSONValue) -> [JSONValue] {
        TableConvertor.cells(group: group, resource: resource, object: object, now: now)
    }
}
