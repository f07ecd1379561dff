import Testing

@testable import KubeRuntime

@Suite struct ImageReferenceTests {
    static let digest = "sha256:" + String(repeating: "ab", count: 32)

    @Test(arguments: [
        ("busybox", "docker.io/library/busybox:latest"),
        ("busybox:1.36", "docker.io/library/busybox:1.36"),
        ("library/busybox", "docker.io/library/busybox:latest"),
        ("docker.io/busybox", "docker.io/library/busybox:latest"),
        ("index.docker.io/library/busybox:1", "docker.io/library/busybox:1"),
        ("user/app", "docker.io/user/app:latest"),
        ("registry.k8s.io/pause:3.9", "registry.k8s.io/pause:3.9"),
        ("reg:5000/a/b:tag", "reg:5000/a/b:tag"),
        ("localhost/app", "localhost/app:latest"),
        ("localhost:5000/app", "localhost:5000/app:latest"),
        ("127.0.0.1:5000/library/busybox", "127.0.0.1:5000/library/busybox:latest"),
        ("[::1]:5000/app:v1", "[::1]:5000/app:v1"),
        ("ghcr.io/o/r/sub_path-x.y:v1.2_3", "ghcr.io/o/r/sub_path-x.y:v1.2_3"),
        ("busybox@\(digest)", "docker.io/library/busybox@\(digest)"),
        ("busybox:1.36@\(digest)", "docker.io/library/busybox:1.36@\(digest)"),
        ("reg:5000/x@\(digest)", "reg:5000/x@\(digest)"),
        ("a__b/c---d", "docker.io/a__b/c---d:latest"),
    ])
    func normalises(input: String, expected: String) throws {
        #expect(try ImageReference(parsing: input).description == expected)
    }

    @Test func exposesItsParts() throws {
        let ref = try ImageReference(parsing: "reg:5000/a/b:tag@\(Self.digest)")
        #expect(ref.domain == "reg:5000")
        #expect(ref.path == "a/b")
        #expect(ref.tag == "tag")
        #expect(ref.digest == Self.digest)
        #expect(ref.name == "reg:5000/a/b")
        #expect(ref.repoTag == "reg:5000/a/b:tag")
        #expect(ref.manifestReference == Self.digest)
        #expect(ref.repoDigest("sha256:00") == "reg:5000/a/b@sha256:00")
        let pinned = try ImageReference(parsing: "busybox@\(Self.digest)")
        #expect(pinned.tag == nil)
        #expect(pinned.repoTag == nil)
    }

    @Test(arguments: [
        "", "Busybox", "busybox:", ":tag", "busybox@sha256:abc", "busybox@sha256:" + String(repeating: "A", count: 64),
        "a//b", "a/b/", "-a", "a-", "a..b", "busybox:-tag", "busybox:" + String(repeating: "t", count: 129),
        "reg:port/a", "my registry/a", "a/b c", String(repeating: "a", count: 64), "UPPER.io/a/B",
    ])
    func rejectsInvalid(input: String) {
        let error = #expect(throws: RuntimeError.self) { _ = try ImageReference(parsing: input) }
        #expect(error?.code == .invalidImageName)
    }

    @Test func explainsWhatIsWrong() {
        let error = #expect(throws: RuntimeError.self) { _ = try ImageReference(parsing: "Busybox") }
        #expect(error?.message == "couldn't parse image name \"Busybox\": invalid reference format: repository name must be lowercase")
    }
}
