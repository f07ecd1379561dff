// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Skiff",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "skiff", targets: ["skiff"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.24.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.6.0"),
        .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
    ],
    targets: [
        .target(name: "KubeAPI", dependencies: ["CSkiffJSONScan"]),
        .target(
            name: "KubePKI",
            dependencies: [
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        .target(
            name: "KubeStorage",
            dependencies: [
                "KubeAPI",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            exclude: ["Etcd/Generated/README.md"]),
        .target(
            name: "KubeStorageConformance",
            dependencies: ["KubeAPI", "KubeStorage"]),
        .target(
            name: "KubeAPIServer",
            dependencies: [
                "KubeAPI", "KubeStorage", "KubePKI",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            exclude: ["OpenAPI/Generated/README.md"]),
        .target(
            name: "KubeClient",
            dependencies: [
                "KubeAPI",
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "KubeControllers",
            dependencies: ["KubeAPI", "KubeClient", "KubePKI", .product(name: "Logging", package: "swift-log")]),
        .target(
            name: "KubeScheduler",
            dependencies: ["KubeAPI", "KubeClient", "CSkiffPrefetch", .product(name: "Logging", package: "swift-log")],
            // The filter and score plugins read the nodes' class properties for every sampled
            // node of every cycle; in release builds the runtime's exclusivity check on each read
            // was 4% of the scheduler's CPU. Debug builds (the tests) keep the checks.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .target(
            name: "KubeSimulator",
            dependencies: ["KubeAPI", "KubeClient", .product(name: "Logging", package: "swift-log")]),
        .target(name: "CSkiffShim"),
        .target(name: "CSkiffPrefetch"),
        .target(name: "CSkiffJSONScan"),
        .target(name: "CSkiffZlib", linkerSettings: [.linkedLibrary("z")]),
        .target(
            name: "KubeRuntime",
            dependencies: [
                "KubeAPI", "CSkiffShim",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "KubeNetwork",
            dependencies: ["KubeAPI", "CSkiffShim", .product(name: "Logging", package: "swift-log")]),
        .target(
            name: "Kubelet",
            dependencies: [
                "KubeAPI", "KubeClient", "KubeRuntime", "KubeNetwork", "CSkiffZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]),
        // jemalloc replaces glibc's malloc in every Skiff process: about 17% less API server and
        // scheduler CPU in the ReplicaSet benchmark (docs/benchmarks.md). Linked as a shared library, as SQLite and zlib are: a static
        // archive's `malloc` would stay private to the executable under the static Swift
        // runtime's `--exclude-libs ALL`, while libc and SQLite kept glibc's. Building needs
        // Debian's libjemalloc-dev, running libjemalloc2 (scripts/install-deps.sh).
        .target(
            name: "CMallocTuning",
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]),
        .executableTarget(
            name: "skiff",
            dependencies: [
                "KubeAPI", "KubeStorage", "KubeAPIServer", "KubeClient", "KubeControllers", "KubeScheduler",
                "KubeSimulator", "KubeRuntime", "KubeNetwork", "Kubelet", "CMallocTuning", "CSkiffShim", "KubePKI",
                "KubeStorageConformance",
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            // A position-dependent executable, as Go links k3s: the dynamic loader has no 175,000
            // relative relocations to apply at each exec (every `skiff shim` is one), which halves
            // the CPU and page faults of starting the binary (docs/benchmarks.md).
            linkerSettings: [.unsafeFlags(["-Xclang-linker", "-no-pie"])]),
        .testTarget(name: "KubeAPITests", dependencies: ["KubeAPI"]),
        .testTarget(name: "CMallocTuningTests", dependencies: ["CMallocTuning"]),
        .testTarget(
            name: "KubePKITests",
            dependencies: [
                "KubePKI", .product(name: "X509", package: "swift-certificates"),
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        .testTarget(
            name: "KubeStorageTests",
            dependencies: ["KubeAPI", "KubeStorage", "KubeStorageConformance"]),
        .testTarget(
            name: "KubeAPIServerTests",
            dependencies: [
                "KubeAPI", "KubeStorage", "KubeAPIServer", "KubeStorageConformance", "KubePKI",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]),
        .testTarget(
            name: "KubeClientTests",
            dependencies: [
                "KubeAPI", "KubeClient", "KubeAPIServer", "KubeStorage", "KubePKI",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]),
        .testTarget(
            name: "KubeControllersTests",
            dependencies: [
                "KubeAPI", "KubeClient", "KubeControllers", "KubeAPIServer", "KubeStorage", "KubeSimulator", "KubePKI",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        .testTarget(name: "KubeRuntimeTests", dependencies: ["KubeAPI", "KubeRuntime"]),
        .testTarget(name: "KubeNetworkTests", dependencies: ["KubeAPI", "KubeNetwork"]),
        .testTarget(
            name: "KubeletTests",
            dependencies: [
                "KubeAPI", "KubeClient", "KubeRuntime", "KubeNetwork", "Kubelet", "KubeAPIServer", "KubeStorage", "KubePKI",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        .testTarget(
            name: "KubeSchedulerTests",
            dependencies: [
                "KubeAPI", "KubeScheduler", "KubeSimulator",
            ]),
    ]
)
