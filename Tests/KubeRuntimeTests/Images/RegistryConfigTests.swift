import Foundation
import Testing

@testable import KubeRuntime

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
