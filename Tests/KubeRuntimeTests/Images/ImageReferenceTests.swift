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

@Suite struct RegistryConfigTests {
    static let yaml = """
        mirrors:
          docker.io:
            endpoint:
              - "http://127.0.0.1:5000"
              - "https://mirror.example.com/registry"
            rewrite:
              "^library/(.*)": "mirror/$1"
          "*":
            endpoint: ["https://any.example.com"]
        configs:
          "127.0.0.1:5000":
            auth:
              username: user
              password: secret
            tls:
              insecure_skip_verify: true
          "mirror.example.com":
            auth:
              auth: "dXNlcjI6c2VjcmV0Mg=="
              identity_token: refresh
            tls:
              ca_file: /etc/ssl/ca.pem
              cert_file: /etc/ssl/cert.pem
              key_file: /etc/ssl/key.pem
        """

    @Test func readsMirrorsAndConfigsInK3sFormat() throws {
        let config = try RegistryConfig(yaml: Self.yaml)
        let endpoints = config.endpoints(for: "docker.io")
        #expect(endpoints.map(\.baseURL) == [
            "http://127.0.0.1:5000/v2", "https://mirror.example.com/registry/v2", "https://registry-1.docker.io/v2",
        ])
        #expect(endpoints.map(\.isDefault) == [false, false, true])
        #expect(endpoints[0].isPlainHTTP)
        #expect(endpoints[0].auth?.credentials?.username == "user")
        #expect(endpoints[0].tls?.insecureSkipVerify == true)
        #expect(endpoints[1].auth?.credentials?.username == "user2")
        #expect(endpoints[1].auth?.credentials?.password == "secret2")
        #expect(endpoints[1].auth?.identityToken == "refresh")
        #expect(endpoints[1].tls?.caFile == "/etc/ssl/ca.pem")
        #expect(endpoints[1].tls?.keyFile == "/etc/ssl/key.pem")
        #expect(endpoints[0].rewrite("library/busybox") == "mirror/busybox")
        #expect(endpoints[0].rewrite("user/app") == "user/app")
        #expect(config.endpoints(for: "quay.io").map(\.baseURL) == ["https://any.example.com/v2", "https://quay.io/v2"])
        #expect(config.endpoints(for: "localhost:5000").last?.baseURL == "http://localhost:5000/v2")
    }

    @Test func canUseMirrorsOnly() throws {
        var config = try RegistryConfig(yaml: Self.yaml)
        config.disableDefaultEndpoint = true
        #expect(config.endpoints(for: "docker.io").count == 2)
        #expect(RegistryConfig(disableDefaultEndpoint: true).endpoints(for: "docker.io").map(\.baseURL) == [
            "https://registry-1.docker.io/v2"
        ])
    }

    @Test func parsesAuthenticateChallenges() {
        let challenge = RegistryClient.parseChallenge(
            #"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull""#)
        #expect(challenge.scheme == "bearer")
        #expect(challenge.parameters["realm"] == "https://auth.docker.io/token")
        #expect(challenge.parameters["service"] == "registry.docker.io")
        #expect(challenge.parameters["scope"] == "repository:library/busybox:pull")
        #expect(RegistryClient.parseChallenge(#"Basic realm="Registry""#).scheme == "basic")
    }
}
