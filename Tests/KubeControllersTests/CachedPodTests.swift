import KubeAPI
import Testing

@testable import KubeControllers

@Suite struct CachedPodTests {
    @Test func keepsWhatControllersReadAndDropsTheRest() throws {
        let pod = try JSONValue.parse(Array("""
            {"apiVersion":"v1","kind":"Pod",
             "metadata":{"name":"p","namespace":"n","uid":"u","labels":{"app":"a"},
               "annotations":{"controller.kubernetes.io/pod-deletion-cost":"5","kubectl.kubernetes.io/last-applied-configuration":"{}"},
               "ownerReferences":[{"uid":"o","controller":true}],"managedFields":[{"manager":"m"}]},
             "spec":{"nodeName":"n1","tolerations":[{"key":"k","operator":"Exists"}],"volumes":[{"name":"v"}],
               "containers":[{"name":"c","image":"i","env":[{"name":"E","value":"1"}],"ports":[{"name":"http","containerPort":80}]}]},
             "status":{"phase":"Running","podIP":"10.0.0.1","conditions":[{"type":"Ready","status":"True"}],
               "containerStatuses":[{"name":"c","restartCount":2,"image":"i","imageID":"sha"}]}}
            """.utf8))
        let t = CachedPod.trim(pod)
        #expect(t["metadata"]?["managedFields"] == nil)
        #expect(t["metadata"]?["annotations"] == ["controller.kubernetes.io/pod-deletion-cost": "5"])
        #expect(t["metadata"]?["ownerReferences"] == pod["metadata"]?["ownerReferences"])
        #expect(t["spec"]?["volumes"] == nil)
        #expect(t["spec"]?["containers"] == [["name": "c", "ports": [["name": "http", "containerPort": 80]]]])
        #expect(t["spec"]?["tolerations"] == pod["spec"]?["tolerations"])
        #expect(t["status"]?["containerStatuses"] == [["name": "c", "restartCount": 2]])
        #expect(t["status"]?["podIP"] == "10.0.0.1" && t["status"]?["phase"] == "Running")
    }

    @Test func theInformerParsesOnlyWhatTrimKeeps() throws {
        let text = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"n","uid":"u","resourceVersion":"3","labels":{"app":"a"},"managedFields":[{"manager":"m"}]},
             "spec":{"nodeName":"n1","volumes":[{"name":"v"}],"containers":[{"name":"c","image":"i","ports":[{"containerPort":80}],"resources":{"requests":{"cpu":"1"}}}]},
             "status":{"phase":"Running","qosClass":"Burstable","containerStatuses":[{"name":"c","ready":true,"imageID":"sha"}]}}
            """
        let bytes = Array(text.utf8)
        let parsed = try JSONValue.parse(bytes, keeping: CachedPod.fields)
        #expect(parsed == CachedPod.trim(try JSONValue.parse(bytes)))
        #expect(CachedPod.trim(parsed) == parsed)
        #expect(parsed["spec"]?["volumes"] == nil && parsed["status"]?["qosClass"] == nil)
        #expect(parsed["spec"]?["containers"] == [["name": "c", "ports": [["containerPort": 80]]]])
        #expect(parsed["metadata"]?["resourceVersion"] == "3" && parsed["metadata"]?["managedFields"] == nil)
    }

    @Test func theInformersParsedPodIsCachedAsTrimWouldCacheTheWholeOne() throws {
        let bytes = Array(#"{"kind":"Pod","metadata":{"name":"p","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}},"spec":{"volumes":[]}}"#.utf8)
        let cached = CachedPod.cache(try JSONValue.parse(bytes, keeping: CachedPod.fields))
        #expect(cached == CachedPod.trim(try JSONValue.parse(bytes)))
        #expect(cached == ["kind": "Pod", "metadata": ["name": "p"], "spec": [:]])
    }
}
