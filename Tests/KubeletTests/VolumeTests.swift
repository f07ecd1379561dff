import Foundation
import KubeAPI
import KubeRuntime
import Testing

@testable import Kubelet

@Suite struct VolumeTests {
    static func spec(_ json: JSONValue) throws -> PodSpec {
        try JSONDecoder().decode(PodSpec.self, from: Data(json.serialized()))
    }

    static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }

    static func withRoot(_ body: (String) async throws -> Void) async throws {
        let root = NSTemporaryDirectory() + "skiff-volumes-\(UUID().uuidString.prefix(8))"
        defer {
            TmpfsMounts.unmountAll(under: root)
            try? FileManager.default.removeItem(atPath: root)
        }
        try await body(root)
    }

    @Test func writesConfigMapSecretDownwardAPIAndProjectedFiles() async throws {
        try await Self.withRoot { root in
            let source = TestConfigSource(
                configMaps: ["ns/settings": ["a.conf": "alpha", "b.conf": "beta"]], secrets: ["ns/creds": ["token": "t0k"]])
            let manager = VolumeManager(rootDirectory: root, configs: source)
            let spec = try Self.spec([
                "containers": [["name": "c", "resources": ["limits": ["memory": "64Mi"]]]],
                "volumes": [
                    ["name": "cfg", "configMap": ["name": "settings"]],
                    ["name": "one", "configMap": ["name": "settings", "items": [["key": "b.conf", "path": "sub/b.txt", "mode": 0o600]]]],
                    ["name": "sec", "secret": ["secretName": "creds", "defaultMode": 0o400]],
                    ["name": "info", "downwardAPI": ["items": [
                        ["path": "labels", "fieldRef": ["fieldPath": "metadata.labels"]],
                        ["path": "name", "fieldRef": ["fieldPath": "metadata.name"]],
                        ["path": "mem", "resourceFieldRef": ["containerName": "c", "resource": "limits.memory", "divisor": "1Mi"]],
                    ]]],
                    ["name": "proj", "projected": ["sources": [
                        ["configMap": ["name": "settings", "items": [["key": "a.conf", "path": "a"]]]],
                        ["serviceAccountToken": ["path": "token"]],
                    ]]],
                ],
            ])
            let paths = try await manager.setUp(uid: "u1", namespace: "ns", spec: spec, values: ContainerEnvTests.values)
            let cfg = try #require(paths["cfg"])
            #expect(cfg == "\(root)/pods/u1/volumes/kubernetes.io~configmap/cfg")
            #expect(Self.read("\(cfg)/a.conf") == "alpha")
            #expect(Self.read("\(cfg)/b.conf") == "beta")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "\(cfg)/a.conf") == "..data/a.conf")
            #expect(Self.mode("\(cfg)/..data/a.conf") == 0o644)
            let one = try #require(paths["one"])
            #expect(Self.read("\(one)/sub/b.txt") == "beta")
            #expect(Self.mode("\(one)/..data/sub/b.txt") == 0o600)
            #expect(!FileManager.default.fileExists(atPath: "\(one)/a.conf"))
            let sec = try #require(paths["sec"])
            #expect(Self.read("\(sec)/token") == "t0k")
            #expect(Self.mode("\(sec)/..data/token") == 0o400)
            #expect(TmpfsMounts.mountPoints(under: root).contains(sec))
            let info = try #require(paths["info"])
            #expect(Self.read("\(info)/labels") == "app=\"web\"\ntier=\"front\"")
            #expect(Self.read("\(info)/name") == "p")
            #expect(Self.read("\(info)/mem") == "64")
            let proj = try #require(paths["proj"])
            #expect(Self.read("\(proj)/a") == "alpha")
            // The token comes from the config source (a TokenRequest bound to the pod in the kubelet).
            #expect(Self.read("\(proj)/token") == "token:ns/default pod=p/u-1 aud=[] exp=3600")

            // Writing again with new data switches ..data atomically and drops removed keys.
            let updated = VolumeManager(rootDirectory: root, configs: TestConfigSource(configMaps: ["ns/settings": ["a.conf": "ALPHA"]], secrets: ["ns/creds": ["token": "t0k"]]))
            let again = try await updated.setUp(uid: "u1", namespace: "ns", spec: try Self.spec(["containers": [["name": "c"]], "volumes": [["name": "cfg", "configMap": ["name": "settings"]]]]), values: ContainerEnvTests.values)
            #expect(Self.read("\(again["cfg"] ?? "")/a.conf") == "ALPHA")
            #expect(!FileManager.default.fileExists(atPath: "\(cfg)/b.conf"))

            manager.tearDown(uid: "u1")
            #expect(TmpfsMounts.mountPoints(under: root).isEmpty)
            #expect(!FileManager.default.fileExists(atPath: "\(root)/pods/u1"))
        }
    }

    @Test func missingSourcesFailWithFailedMountMessages() async throws {
        try await Self.withRoot { root in
            let manager = VolumeManager(rootDirectory: root, configs: TestConfigSource())
            let spec = try Self.spec(["containers": [["name": "c"]], "volumes": [["name": "cfg", "configMap": ["name": "absent"]]]])
            await #expect(throws: KubeletError.self) {
                _ = try await manager.setUp(uid: "u2", namespace: "ns", spec: spec, values: ContainerEnvTests.values)
            }
            do {
                _ = try await manager.setUp(uid: "u2", namespace: "ns", spec: spec, values: ContainerEnvTests.values)
            } catch let error as KubeletError {
                #expect(error.message == "MountVolume.SetUp failed for volume \"cfg\" : configmap \"absent\" not found")
            }
            let optional = try Self.spec(["containers": [["name": "c"]], "volumes": [["name": "cfg", "configMap": ["name": "absent", "optional": true]]]])
            let paths = try await manager.setUp(uid: "u2", namespace: "ns", spec: optional, values: ContainerEnvTests.values)
            #expect(paths["cfg"] != nil)
        }
    }

    @Test func emptyDirsAndHostPaths() async throws {
        try await Self.withRoot { root in
            let manager = VolumeManager(rootDirectory: root, configs: TestConfigSource())
            let created = "\(root)/host/created"
            let spec = try Self.spec([
                "containers": [["name": "c"]],
                "volumes": [
                    ["name": "scratch", "emptyDir": [:]],
                    ["name": "ram", "emptyDir": ["medium": "Memory", "sizeLimit": "16Mi"]],
                    ["name": "host", "hostPath": ["path": .string(created), "type": "DirectoryOrCreate"]],
                ],
            ])
            let paths = try await manager.setUp(uid: "u3", namespace: "ns", spec: spec, values: ContainerEnvTests.values)
            #expect(paths["scratch"] == "\(root)/pods/u3/volumes/kubernetes.io~empty-dir/scratch")
            var isDir: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: paths["scratch"] ?? "", isDirectory: &isDir) && isDir.boolValue)
            #expect(TmpfsMounts.mountPoints(under: root) == [paths["ram"] ?? ""])
            #expect(TmpfsMounts.isMountPoint(paths["ram"] ?? ""))
            #expect(!TmpfsMounts.isMountPoint(paths["scratch"] ?? ""))
            // A later sync sets the volumes up again without mounting a second tmpfs.
            _ = try await manager.setUp(uid: "u3", namespace: "ns", spec: spec, values: ContainerEnvTests.values)
            #expect(TmpfsMounts.mountPoints(under: root) == [paths["ram"] ?? ""])
            #expect(FileManager.default.fileExists(atPath: created, isDirectory: &isDir) && isDir.boolValue)
            #expect(paths["host"] == created)

            let missing = try Self.spec(["containers": [["name": "c"]], "volumes": [["name": "h", "hostPath": ["path": .string("\(root)/nope"), "type": "Directory"]]]])
            do {
                _ = try await manager.setUp(uid: "u4", namespace: "ns", spec: missing, values: ContainerEnvTests.values)
                Issue.record("a missing Directory hostPath was accepted")
            } catch let error as KubeletError {
                #expect(error.message == "MountVolume.SetUp failed for volume \"h\" : hostPath type check failed: \(root)/nope is not a directory")
            }
            let file = try Self.spec(["containers": [["name": "c"]], "volumes": [["name": "h", "hostPath": ["path": .string(created), "type": "File"]]]])
            await #expect(throws: KubeletError.self) {
                _ = try await manager.setUp(uid: "u5", namespace: "ns", spec: file, values: ContainerEnvTests.values)
            }
            manager.tearDown(uid: "u3")
            #expect(TmpfsMounts.mountPoints(under: root).isEmpty)
        }
    }

    @Test func volumeMountsBecomeRuntimeMountsWithSubPathAndReadOnly() throws {
        let c = try ContainerEnvTests.container([
            "name": "c",
            "volumeMounts": [
                ["name": "cfg", "mountPath": "/etc/cfg", "readOnly": true],
                ["name": "data", "mountPath": "/data/logs", "subPath": "logs"],
                ["name": "unknown", "mountPath": "/x"],
            ],
        ])
        let root = NSTemporaryDirectory() + "skiff-mounts-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let mounts = try VolumeManager.mounts(c, volumePaths: ["cfg": "/v/cfg", "data": root])
        #expect(mounts == [
            KubeRuntime.Mount(containerPath: "/etc/cfg", hostPath: "/v/cfg", readOnly: true),
            KubeRuntime.Mount(containerPath: "/data/logs", hostPath: "\(root)/logs", readOnly: false),
        ])
        #expect(FileManager.default.fileExists(atPath: "\(root)/logs"))
        let escape = try ContainerEnvTests.container(["name": "c", "volumeMounts": [["name": "data", "mountPath": "/d", "subPath": "../etc"]]])
        #expect(throws: KubeletError.self) { try VolumeManager.mounts(escape, volumePaths: ["data": root]) }
    }
}

@Suite struct PodNetworkFilesTests {
    @Test func hostsFileNamesThePodAndItsAliases() throws {
        let spec = try VolumeTests.spec([
            "containers": [["name": "c"]], "subdomain": "svc1",
            "hostAliases": [["ip": "10.1.2.3", "hostnames": ["foo.local", "bar.local"]]],
        ])
        let text = PodNetworkFiles.hosts(["metadata": ["namespace": "ns"]], spec: spec, podIPs: ["10.42.0.7"], hostname: "web-0")
        #expect(text.hasPrefix("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n"))
        #expect(text.contains("\n10.42.0.7\tweb-0.svc1.ns.svc.cluster.local\tweb-0\n"))
        #expect(text.hasSuffix("# Entries added by HostAliases.\n10.1.2.3\tfoo.local\tbar.local\n"))
    }

    @Test func resolvConfFollowsTheDNSPolicy() throws {
        let host = "# generated\nnameserver 192.168.1.1\nsearch lan\noptions edns0\n"
        let plain = try VolumeTests.spec(["containers": [["name": "c"]]])
        #expect(PodNetworkFiles.resolvConf(spec: plain, hostResolvConf: host) == "search lan\nnameserver 192.168.1.1\noptions edns0\n")
        let none = try VolumeTests.spec([
            "containers": [["name": "c"]], "dnsPolicy": "None",
            "dnsConfig": ["nameservers": ["1.1.1.1"], "searches": ["a.b"], "options": [["name": "ndots", "value": "2"]]],
        ])
        #expect(PodNetworkFiles.resolvConf(spec: none, hostResolvConf: host) == "search a.b\nnameserver 1.1.1.1\noptions ndots:2\n")
    }
}
