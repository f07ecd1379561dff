import Foundation
import KubeAPI
import Testing

@testable import KubeControllers

@Suite struct EndpointSlicePlanTests {
    typealias F = EndpointFixtures

    func pods(_ n: Int, from start: Int = 0) -> [JSONValue] {
        (start..<(start + n)).map { F.pod(String(format: "p%04d", $0), ip: "10.1.\($0 / 250).\($0 % 250 + 1)") }
    }

    func plan(_ pods: [JSONValue], existing: [JSONValue] = [], max: Int = 100, service: JSONValue = F.service()) -> EndpointSlicePlan {
        let groups = EndpointPods.sliceGroups(service: service, pods: pods)
        return EndpointSlicePlan.plan(service: service, groups: groups, existing: existing, maxPerSlice: max)
    }

    /// Gives planned creates names, as the server would.
    func stored(_ slices: [JSONValue], prefix: String = "web-") -> [JSONValue] {
        slices.enumerated().map { i, s in
            var s = s
            s.setMetadata("name", .string("\(prefix)\(i)"))
            return s
        }
    }

    @Test func endpointsCarryConditionsNodeZoneAndTargetRef() throws {
        let groups = EndpointPods.sliceGroups(
            service: F.service(), pods: [F.pod("a", ip: "10.0.0.1"), F.pod("b", ip: "10.0.0.2", ready: false), F.pod("c", ip: "10.0.0.3", terminating: true)]
        ) { _ in "zone-a" }
        let group = try #require(groups.values.first)
        #expect(group.ports == [["name": "http", "port": 8080, "protocol": "TCP"]])
        let byName = Dictionary(uniqueKeysWithValues: group.endpoints.map { ($0.value["targetRef"]?["name"]?.stringValue ?? "", $0.value) })
        #expect(byName["a"]?["conditions"] == ["ready": true, "serving": true, "terminating": false])
        #expect(byName["b"]?["conditions"] == ["ready": false, "serving": false, "terminating": false])
        #expect(byName["c"]?["conditions"] == ["ready": false, "serving": true, "terminating": true])
        #expect(byName["a"]?["zone"] == "zone-a")
        #expect(byName["a"]?["nodeName"] == "n1")
        #expect(byName["a"]?["addresses"] == ["10.0.0.1"])
    }

    @Test func newServiceGetsSlicesOfAtMostMaxEndpoints() throws {
        let p = plan(pods(250))
        #expect(p.creates.map { $0["endpoints"]?.arrayValue?.count ?? 0 } == [100, 100, 50])
        #expect(p.updates.isEmpty && p.deletes.isEmpty)
        let slice = try #require(p.creates.first)
        #expect(slice["metadata"]?["generateName"] == "web-")
        #expect(slice["metadata"]?["labels"]?["kubernetes.io/service-name"] == "web")
        #expect(slice["metadata"]?["labels"]?["endpointslice.kubernetes.io/managed-by"] == "endpointslice-controller.k8s.io")
        #expect(slice["metadata"]?["ownerReferences"]?[0]?["controller"] == true)
        #expect(slice["metadata"]?["ownerReferences"]?[0]?["blockOwnerDeletion"] == true)
        #expect(slice["addressType"] == "IPv4")
    }

    @Test func unchangedSlicesAreNotWritten() {
        let existing = stored(plan(pods(150)).creates)
        #expect(plan(pods(150), existing: existing) == EndpointSlicePlan())
    }

    @Test func newEndpointsFillSlicesWithRoomAndRemovedOnesLeaveTheirSlice() {
        let existing = stored(plan(pods(150)).creates)  // 100 + 50
        let grown = plan(pods(160), existing: existing)
        #expect(grown.creates.isEmpty && grown.deletes.isEmpty)
        #expect(grown.updates.map(\.name) == ["web-1"])
        #expect(grown.updates.first?["endpoints"]?.arrayValue?.count == 60)
        let shrunk = plan(pods(100, from: 50), existing: existing)  // p0000..p0049 gone from web-0
        #expect(shrunk.updates.map(\.name) == ["web-0"])
        #expect(shrunk.updates.first?["endpoints"]?.arrayValue?.count == 50)
    }

    @Test func emptiedSlicesAreReusedThenDeleted() {
        let existing = stored(plan(pods(150)).creates)
        let replaced = plan(pods(10, from: 500), existing: existing)
        #expect(replaced.creates.isEmpty)
        #expect(replaced.updates.count == 1 && replaced.deletes.count == 1)
    }

    @Test func serviceWithoutEndpointsKeepsOnePlaceholder() {
        let placeholder = plan([])
        #expect(placeholder.creates.count == 1)
        #expect(placeholder.creates.first?["endpoints"] == [])
        #expect(placeholder.creates.first?["ports"] == nil)
        let existing = stored(placeholder.creates)
        #expect(plan([], existing: existing) == EndpointSlicePlan())
        let two = stored(plan(pods(150)).creates)
        let emptied = plan([], existing: two)
        #expect(emptied.updates.count == 1 && emptied.deletes.count == 1)
    }
}
