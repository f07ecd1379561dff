import KubeAPI
import Testing

@testable import KubeAPIServer

@Suite struct DefaultTolerationSecondsTests {
    static let notReady: JSONValue = ["key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300]
    static let unreachable: JSONValue = ["key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300]

    static func pod(_ tolerations: JSONValue?) -> JSONValue {
        var p: JSONValue = ["metadata": ["name": "p"], "spec": ["containers": [["name": "c", "image": "x"]]]]
        if let tolerations { p.set(tolerations, at: ["spec", "tolerations"]) }
        return p
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let given: JSONValue?
        let expected: JSONValue?
        var testDescription: String { name }
    }

    static let custom: JSONValue = ["key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 2]
    static let noEffect: JSONValue = ["key": "node.kubernetes.io/not-ready", "operator": "Exists"]
    static let everything: JSONValue = ["operator": "Exists"]
    static let noSchedule: JSONValue = ["key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoSchedule"]

    @Test(arguments: [
        Case(name: "none: both added", given: nil, expected: [notReady, unreachable]),
        Case(name: "null: both added", given: .null, expected: [notReady, unreachable]),
        Case(name: "own unreachable kept", given: [custom], expected: [custom, notReady]),
        Case(name: "empty effect counts", given: [noEffect], expected: [noEffect, unreachable]),
        Case(name: "empty key counts for both", given: [everything], expected: [everything]),
        Case(name: "NoSchedule does not count", given: [noSchedule], expected: [noSchedule, notReady, unreachable]),
        Case(name: "not a list: left for validation", given: "bad", expected: "bad"),
    ])
    func tolerationsAreAddedUnlessAlreadyTolerated(_ c: Case) {
        var p = Self.pod(c.given)
        DefaultTolerationSeconds().admit(&p)
        #expect(p["spec"]?["tolerations"] == c.expected)
    }

    @Test func secondsAreConfigurable() {
        var p = Self.pod(nil)
        DefaultTolerationSeconds(notReady: 30, unreachable: 60).admit(&p)
        #expect(p["spec"]?["tolerations"]?[0]?["tolerationSeconds"] == 30)
        #expect(p["spec"]?["tolerations"]?[1]?["tolerationSeconds"] == 60)
    }

    @Test func createdPodsCarryTheDefaults() async throws {
        try await APIServerHarness.run { h in
            let (code, created) = try await h.send(.post, "/api/v1/namespaces/default/pods", Self.pod(nil))
            #expect(code == 201)
            #expect(created["spec"]?["tolerations"] == [Self.notReady, Self.unreachable])
        }
    }
}
