import KubeAPI
import Testing

@Suite struct TolerationMatchingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let toleration: Toleration
        let taint: Taint
        let tolerates: Bool
    }

    static let taint = Taint(key: "dedicated", value: "gpu", effect: "NoSchedule")

    static let cases: [Case] = [
        Case(testDescription: "Equal with same key, value and effect",
             toleration: Toleration(key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule"),
             taint: taint, tolerates: true),
        Case(testDescription: "operator absent defaults to Equal",
             toleration: Toleration(key: "dedicated", value: "gpu", effect: "NoSchedule"), taint: taint, tolerates: true),
        Case(testDescription: "empty operator defaults to Equal",
             toleration: Toleration(key: "dedicated", operator: "", value: "gpu"), taint: taint, tolerates: true),
        Case(testDescription: "Equal with another value",
             toleration: Toleration(key: "dedicated", operator: "Equal", value: "cpu"), taint: taint, tolerates: false),
        Case(testDescription: "Equal without value against a valued taint",
             toleration: Toleration(key: "dedicated", operator: "Equal"), taint: taint, tolerates: false),
        Case(testDescription: "Equal without value against a taint without value",
             toleration: Toleration(key: "dedicated"), taint: Taint(key: "dedicated", effect: "NoSchedule"), tolerates: true),
        Case(testDescription: "Exists ignores the value",
             toleration: Toleration(key: "dedicated", operator: "Exists"), taint: taint, tolerates: true),
        Case(testDescription: "Exists with another key",
             toleration: Toleration(key: "other", operator: "Exists"), taint: taint, tolerates: false),
        Case(testDescription: "empty key with Exists matches every taint",
             toleration: Toleration(operator: "Exists"), taint: taint, tolerates: true),
        Case(testDescription: "empty key with Exists and an effect matches only that effect",
             toleration: Toleration(operator: "Exists", effect: "NoExecute"), taint: taint, tolerates: false),
        Case(testDescription: "empty effect matches every effect",
             toleration: Toleration(key: "dedicated", operator: "Exists"),
             taint: Taint(key: "dedicated", effect: "NoExecute"), tolerates: true),
        Case(testDescription: "different non-empty effect",
             toleration: Toleration(key: "dedicated", operator: "Exists", effect: "PreferNoSchedule"),
             taint: taint, tolerates: false),
        Case(testDescription: "unknown operator matches nothing",
             toleration: Toleration(key: "dedicated", operator: "Gt", value: "1"), taint: taint, tolerates: false),
    ]

    @Test(arguments: cases)
    func tolerates(_ c: Case) {
        #expect(c.toleration.tolerates(c.taint) == c.tolerates)
        #expect([c.toleration].tolerate(c.taint) == c.tolerates)
    }

    @Test func emptyListToleratesNothing() {
        #expect(![Toleration]().tolerate(Self.taint))
    }

    @Test func anyOfSeveral() {
        let list = [Toleration(key: "a", operator: "Exists"), Toleration(key: "dedicated", value: "gpu")]
        #expect(list.tolerate(Self.taint))
    }
}
