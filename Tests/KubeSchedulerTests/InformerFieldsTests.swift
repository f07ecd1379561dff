import KubeAPI
import KubeClient
import Testing

@testable import KubeScheduler
@testable import KubeSimulator

/// What the scheduler and the hollow nodes parse of the pods they watch.
@Suite struct InformerFieldsTests {
    static let pod = Array("""
        {"apiVersion":"v1","kind":"Pod",
         "metadata":{"name":"p","namespace":"n","uid":"u","resourceVersion":"9","creationTimestamp":"2026-01-01T00:00:00Z",
           "labels":{"app":"a"},"annotations":{"big":"x"},"managedFields":[{"manager":"m"}]},
         "spec":{"nodeName":"n1","priority":5,"nodeSelector":{"disk":"ssd"},"tolerations":[{"key":"k","operator":"Exists"}],
           "volumes":[{"name":"v","emptyDir":{}}],
           "containers":[{"name":"c","image":"i","env":[{"name":"E","value":"1"}],"ports":[{"containerPort":80,"hostPort":8080}],
             "resources":{"requests":{"cpu":"250m","memory":"64Mi"}}}],
           "initContainers":[{"name":"init","image":"j","resources":{"requests":{"cpu":"1"}}}]},
         "status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"True"}],"qosClass":"Burstable"}}
        """.utf8)

    @Test func theSchedulerParsesWhatItsPluginsReadAndNotTheRest() throws {
        let parsed = try JSONValue.parse(Self.pod, keeping: Scheduler.podFields)
        #expect(parsed["metadata"] == [
            "name": "p", "namespace": "n", "uid": "u", "resourceVersion": "9", "creationTimestamp": "2026-01-01T00:00:00Z",
            "labels": ["app": "a"],
        ])
        #expect(parsed["spec"]?["volumes"] == nil && parsed["status"] == ["phase": "Pending"])
        #expect(parsed["spec"]?["containers"] == [[
            "name": "c", "ports": [["containerPort": 80, "hostPort": 8080]], "resources": ["requests": ["cpu": "250m", "memory": "64Mi"]],
        ]])
        let typed = try KubeClient.decode(Pod.self, from: parsed)
        #expect(typed.spec?.nodeSelector == ["disk": "ssd"] && typed.spec?.priority == 5)
        #expect(typed.spec?.tolerations?.first?.key == "k")
        #expect(try typed.spec?.initContainers?.first?.resources?.requests?["cpu"] == Quantity(parsing: "1"))
    }

    @Test func theSchedulerKeepsANodesCapacityAndDropsTheRestOfItsStatus() throws {
        let node = Array(#"{"kind":"Node","metadata":{"name":"n1","labels":{"zone":"a"},"managedFields":[{}]},"spec":{"taints":[{"key":"t","effect":"NoSchedule"}]},"status":{"capacity":{"cpu":"4"},"allocatable":{"cpu":"3"},"images":[{"names":["x"]}],"conditions":[]}}"#.utf8)
        let parsed = try JSONValue.parse(node, keeping: Scheduler.nodeFields)
        #expect(parsed == [
            "kind": "Node", "metadata": ["name": "n1", "labels": ["zone": "a"]], "spec": ["taints": [["key": "t", "effect": "NoSchedule"]]],
            "status": ["capacity": ["cpu": "4"], "allocatable": ["cpu": "3"]],
        ])
    }

    @Test func hollowNodesReportTheSameStatusFromTheFewFieldsTheyParse() throws {
        let parsed = try JSONValue.parse(Self.pod, keeping: HollowFleet.podFields)
        #expect(parsed["spec"]?["containers"] == [["name": "c", "image": "i"]])
        #expect(parsed["metadata"]?["labels"] == nil && parsed["status"] == ["phase": "Pending"])
        let now = "2026-01-01T00:00:01Z"
        let fromParsed = HollowPodStatus.running(parsed, podIP: "10.0.0.2", hostIP: "10.1.0.1", now: now)
        let fromWhole = HollowPodStatus.running(try JSONValue.parse(Self.pod), podIP: "10.0.0.2", hostIP: "10.1.0.1", now: now)
        #expect(fromParsed == fromWhole)
        #expect(fromParsed["initContainerStatuses"]?[0]?["name"] == "init")
    }
}
