import Foundation
import KubeAPI
import KubeStorage
import Testing

@testable import KubeAPIServer

@Suite struct CRUDTests {
    let cms = "/api/v1/namespaces/default/configmaps"

    @Test func createGetAndDuplicate() async throws {
        try await APIServerHarness.run { h in
            let (code, created) = try await h.send(.post, cms, Fixtures.configMap("a", data: ["k": "v"]))
            #expect(code == 201)
            #expect(!created.uid.isEmpty)
            #expect(Int64(created.resourceVersion) != nil)
            #expect(created["metadata"]?["creationTimestamp"]?.stringValue?.hasSuffix("Z") == true)
            let (getCode, got) = try await h.send(.get, cms + "/a")
            #expect(getCode == 200)
            #expect(got.uid == created.uid && got["data"]?["k"] == "v")
            let (dupCode, dup) = try await h.send(.post, cms, Fixtures.configMap("a"))
            #expect(dupCode == 409)
            #expect(dup.jsonString == #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"configmaps \"a\" already exists","reason":"AlreadyExists","details":{"name":"a","kind":"configmaps"},"code":409}"#)
        }
    }

    @Test func staleUpdateConflictsAndGenerationTracksSpec() async throws {
        try await APIServerHarness.run { h in
            let path = "/apis/apps/v1/namespaces/default/deployments"
            let (_, d1) = try await h.send(.post, path, Fixtures.deployment("web"))
            #expect(d1.generation == 1)
            var labelled = d1
            labelled.set(["x": "y"], at: ["metadata", "labels"])
            let (_, d2) = try await h.send(.put, path + "/web", labelled)
            #expect(d2.generation == 1, "a metadata change must not bump generation")
            var scaled = d2
            scaled.set(3, at: ["spec", "replicas"])
            let (_, d3) = try await h.send(.put, path + "/web", scaled)
            #expect(d3.generation == 2)
            let (code, body) = try await h.send(.put, path + "/web", scaled)
            #expect(code == 409 && body["reason"] == "Conflict")
            // Status through the main endpoint is ignored; through /status it lands.
            var withStatus = d3
            withStatus.set(["replicas": 3], at: ["status"])
            let (_, ignored) = try await h.send(.put, path + "/web", withStatus)
            #expect(ignored["status"]?["replicas"] == nil)
            withStatus.setMetadata("resourceVersion", ignored["metadata"]?["resourceVersion"])
            let (_, viaStatus) = try await h.send(.put, path + "/web/status", withStatus)
            #expect(viaStatus["status"]?["replicas"] == 3 && viaStatus.generation == 2)
        }
    }

    @Test func generatedSuffixesUseKubernetesAlphabetAndVary() {
        let alphabet = Set("bcdfghjklmnpqrstvwxz2456789")
        let suffixes = (0..<200).map { _ in Registry.randomSuffix() }
        #expect(suffixes.allSatisfy { $0.count == 5 && $0.allSatisfy(alphabet.contains) })
        #expect(Set(suffixes).count > 190, "suffixes repeat too often: \(Set(suffixes).count) distinct of 200")
        #expect(Set(suffixes.flatMap { $0 }).count > 20, "every position draws from the whole alphabet")
    }

    @Test func generateNameDryRunAndStrictFields() async throws {
        try await APIServerHarness.run { h in
            let (_, made) = try await h.send(.post, cms, ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["generateName": "gen-"]])
            #expect(made.name.hasPrefix("gen-") && made.name.count == 9)
            let (dryCode, _) = try await h.send(.post, cms + "?dryRun=All", Fixtures.configMap("dry"))
            #expect(dryCode == 201)
            let (missing, _) = try await h.send(.get, cms + "/dry")
            #expect(missing == 404)
            var unknown = Fixtures.configMap("strict")
            unknown["bogus"] = 1
            let (strictCode, strict) = try await h.send(.post, cms + "?fieldValidation=Strict", unknown)
            #expect(strictCode == 400 && strict["message"]?.stringValue?.contains("unknown field \"bogus\"") == true)
        }
    }

    @Test func servicesGetUniqueClusterIPsReleasedOnDelete() async throws {
        try await APIServerHarness.run { h in
            let path = "/api/v1/namespaces/default/services"
            var ips: Set<String> = []
            for i in 0..<20 {
                let (code, s) = try await h.send(.post, path, Fixtures.service("s\(i)"))
                #expect(code == 201)
                ips.insert(s["spec"]?["clusterIP"]?.stringValue ?? "")
            }
            #expect(ips.count == 20 && ips.allSatisfy { $0.hasPrefix("10.43.") } && !ips.contains("10.43.0.1"))
            let (_, headless) = try await h.send(.post, path, Fixtures.service("h", clusterIP: "None"))
            #expect(headless["spec"]?["clusterIP"] == "None")
            let (_, np) = try await h.send(.post, path, Fixtures.service("np", type: "NodePort"))
            let port = np["spec"]?["ports"]?[0]?["nodePort"]?.intValue ?? 0
            #expect((30000...32767).contains(port))
            let (_, fixed) = try await h.send(.post, path, Fixtures.service("fixed", clusterIP: "10.43.200.200"))
            #expect(fixed["spec"]?["clusterIP"] == "10.43.200.200")
            let (taken, _) = try await h.send(.post, path, Fixtures.service("taken", clusterIP: "10.43.200.200"))
            #expect(taken == 422)
            _ = try await h.send(.delete, path + "/fixed")
            let (reused, _) = try await h.send(.post, path, Fixtures.service("again", clusterIP: "10.43.200.200"))
            #expect(reused == 201)
        }
    }

    @Test func finalizersHoldDeletionUntilRemoved() async throws {
        try await APIServerHarness.run { h in
            var cm = Fixtures.configMap("held")
            cm.setMetadata("finalizers", ["example.com/hold"])
            _ = try await h.send(.post, cms, cm)
            let (code, marked) = try await h.send(.delete, cms + "/held")
            #expect(code == 200 && marked.deletionTimestamp != nil)
            let (_, still) = try await h.send(.get, cms + "/held")
            #expect(still.deletionTimestamp != nil)
            let (patchCode, _) = try await h.send(
                .patch, cms + "/held", ["metadata": ["finalizers": nil]], contentType: "application/merge-patch+json")
            #expect(patchCode == 200)
            let (gone, _) = try await h.send(.get, cms + "/held")
            #expect(gone == 404)
        }
    }

    @Test func terminatingNamespaceRefusesNewObjects() async throws {
        try await APIServerHarness.run { h in
            _ = try await h.send(.post, "/api/v1/namespaces", ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "doomed"]])
            let (code, ns) = try await h.send(.delete, "/api/v1/namespaces/doomed")
            #expect(code == 200 && ns["status"]?["phase"] == "Terminating")
            let (refused, body) = try await h.send(.post, "/api/v1/namespaces/doomed/configmaps", Fixtures.configMap("x"))
            #expect(refused == 403 && body["reason"] == "Forbidden")
            let (missing, _) = try await h.send(.post, "/api/v1/namespaces/nowhere/configmaps", Fixtures.configMap("x"))
            #expect(missing == 404)
            // The namespace controller's finalize call empties spec.finalizers and the namespace goes.
            var finalize = ns
            finalize.set([], at: ["spec", "finalizers"])
            let (fin, _) = try await h.send(.put, "/api/v1/namespaces/doomed/finalize", finalize)
            #expect(fin == 200)
            let (gone, _) = try await h.send(.get, "/api/v1/namespaces/doomed")
            #expect(gone == 404)
        }
    }

    @Test func listPagingWithContinue() async throws {
        try await APIServerHarness.run { h in
            for i in 0..<7 { _ = try await h.send(.post, cms, Fixtures.configMap("page-\(i)")) }
            var names: [String] = []
            var token: String?
            var pages = 0
            repeat {
                let path = cms + "?limit=3" + (token.map { "&continue=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" } ?? "")
                let (code, list) = try await h.send(.get, path)
                #expect(code == 200)
                names += (list["items"]?.arrayValue ?? []).map(\.name)
                token = list["metadata"]?["continue"]?.stringValue
                pages += 1
            } while token != nil && pages < 10
            #expect(names == (0..<7).map { "page-\($0)" })
            #expect(pages == 3)
        }
    }
}
