import Testing

@testable import KubeAPI

/// `Validation.validateStatusUpdate` for pods: metadata and status rules only.
@Suite struct PodStatusValidationTests {
    /// A stored pod (defaulted) with `restartPolicy` and `status`, and a copy with `status` replaced.
    func pair(restartPolicy: String = "Always", old oldStatus: JSONValue = [:], new newStatus: JSONValue) throws
        -> (new: JSONValue, old: JSONValue)
    {
        var old = try JSONValue.parse(validationMinimalPod)
        old.set(.string(restartPolicy), at: ["spec", "restartPolicy"])
        Defaulting.apply(kind: "Pod", group: "", to: &old)
        old.setMetadata("resourceVersion", "7")
        old["status"] = oldStatus
        var new = old
        new["status"] = newStatus
        return (new, old)
    }

    func causes(_ p: (new: JSONValue, old: JSONValue)) -> [StatusCause] {
        Validation.validateStatusUpdate(kind: "Pod", group: "", object: p.new, old: p.old)
    }

    @Test func aRunningStatusIsValid() throws {
        let status: JSONValue = [
            "phase": "Running", "podIP": "10.42.0.5", "podIPs": [["ip": "10.42.0.5"], ["ip": "fd00::5"]],
            "hostIP": "192.168.1.2", "hostIPs": [["ip": "192.168.1.2"]],
            "containerStatuses": [["name": "app", "ready": true, "state": ["running": ["startedAt": "2026-11-28T10:00:00Z"]]]],
        ]
        #expect(causes(try pair(new: status)).isEmpty)
    }

    @Test func theSpecIsNotValidated() throws {
        // A stored spec that today's rules would refuse does not block a status write.
        let p = try pair(restartPolicy: "Sometimes", new: ["phase": "Running"])
        #expect(causes(p).isEmpty)
        #expect(!Validation.validate(kind: "Pod", group: "", object: p.new, old: p.old).isEmpty)
    }

    @Test func podIPsMustParseAndBeOnePerFamily() throws {
        let bad = causes(try pair(new: ["podIPs": [["ip": "not-an-ip"]]]))
        #expect(bad.hasCause("status.podIPs[0]", "Invalid value: \"not-an-ip\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"))
        let twoV4 = causes(try pair(new: ["podIPs": [["ip": "10.0.0.1"], ["ip": "10.0.0.2"]]]))
        #expect(twoV4.cause(at: "status.podIPs")?.message.hasSuffix("may specify no more than one IP for each IP family") == true)
        // An address already stored is kept even if it does not parse.
        let kept = causes(try pair(old: ["podIPs": [["ip": "bogus"]]], new: ["podIPs": [["ip": "bogus"]]]))
        #expect(kept.isEmpty)
    }

    @Test func theFirstHostIPIsHostIP() throws {
        let c = causes(try pair(new: ["hostIP": "10.1.1.1", "hostIPs": [["ip": "10.1.1.2"]]]))
        #expect(c.hasCause("status.hostIPs[0].ip", "Invalid value: \"10.1.1.2\": must be equal to `hostIP`"))
    }

    @Test func finishedContainersStayTerminatedUnlessThePolicyRestartsThem() throws {
        let done: JSONValue = ["containerStatuses": [["name": "app", "state": ["terminated": ["exitCode": 0]]]]]
        let failed: JSONValue = ["containerStatuses": [["name": "app", "state": ["terminated": ["exitCode": 1]]]]]
        let running: JSONValue = ["containerStatuses": [["name": "app", "state": ["running": [:]]]]]
        let message = "Forbidden: may not be transitioned to non-terminated state"
        #expect(causes(try pair(restartPolicy: "Never", old: done, new: running))
            .hasCause("status.containerStatuses[0].state", message))
        #expect(causes(try pair(restartPolicy: "OnFailure", old: done, new: running))
            .hasCause("status.containerStatuses[0].state", message))
        #expect(causes(try pair(restartPolicy: "OnFailure", old: failed, new: running)).isEmpty)
        #expect(causes(try pair(restartPolicy: "Always", old: done, new: running)).isEmpty)
    }

    @Test func aNominatedNodeMustBeAValidName() throws {
        let c = causes(try pair(new: ["nominatedNodeName": "Bad_Node"]))
        #expect(c.cause(at: "status.nominatedNodeName")?.reason == "FieldValueInvalid")
        #expect(causes(try pair(new: ["nominatedNodeName": "node-1"])).isEmpty)
    }

    @Test func metadataRulesStillApply() throws {
        var p = try pair(new: ["phase": "Running"])
        p.new.set(["bad key!": "x"], at: ["metadata", "labels"])
        #expect(causes(p).cause(at: "metadata.labels") != nil)
    }
}
