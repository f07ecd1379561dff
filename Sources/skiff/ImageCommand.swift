import ArgumentParser
import Foundation
import KubeRuntime
import Logging

/// `skiff image pull|import|ls|rm`: the node's image store (`<data-dir>/agent/images`), as
/// `crictl pull|images|rmi` and `ctr images import` see containerd's.
struct ImageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image", abstract: "Manage the images of this node's agent.",
        subcommands: [Pull.self, Import.self, List.self, Remove.self])

    /// Where the store is and how to reach registries.
    struct StoreOptions: ParsableArguments {
        @Option(name: .customLong("data-dir"), help: "Skiff's data directory; images are under <data-dir>/agent/images.")
        var dataDir = "/var/lib/skiff"

        @Option(name: .customLong("private-registry"), help: "Registry mirrors and credentials (k3s registries.yaml format).")
        var privateRegistry: String?

        @Flag(name: .customLong("disable-default-registry-endpoint"), help: "Pull only from mirrors, never from a registry itself.")
        var disableDefaultRegistryEndpoint = false

        /// Opens the store; the caller shuts it down.
        func open() throws -> ImageStore {
            var registryConfig = try privateRegistry.map { try RegistryConfig.load(path: $0) } ?? RegistryConfig()
            registryConfig.disableDefaultEndpoint = disableDefaultRegistryEndpoint
            var logger = Logger(label: "skiff.images")
            logger.logLevel = .warning
            return try ImageStore(root: "\(dataDir)/agent/images", registryConfig: registryConfig, logger: logger)
        }

        /// Runs `body` with the store open, closing it afterwards.
        func withStore<T>(_ body: (ImageStore) async throws -> T) async throws -> T {
            let store = try open()
            do {
                let result = try await body(store)
                await store.shutdown()
                return result
            } catch {
                await store.shutdown()
                throw error
            }
        }
    }

    /// `skiff image pull REF`.
    struct Pull: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pull", abstract: "Pull an image from a registry.")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The image reference, e.g. busybox or registry.example.com/app:1.0.")
        var reference: String

        func run() async throws {
            let record = try await options.withStore { try await $0.pullImage(reference) }
            print("Image is up to date for \(record.id)")
        }
    }

    /// `skiff image import FILE`.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Import images from a docker save or OCI-layout tarball.")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The tarball (or OCI-layout directory).")
        var file: String

        func run() async throws {
            let records = try await options.withStore { try await $0.importImages(from: file) }
            for record in records {
                for name in record.repoTags.isEmpty ? ["<none>"] : record.repoTags {
                    print("unpacking \(name) (\(record.id))...done")
                }
            }
        }
    }

    /// `skiff image ls`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ls", abstract: "List stored images.")
        @OptionGroup var options: StoreOptions

        func run() async throws {
            let records = try await options.withStore { try await $0.listImages() }
            print(ImageTable.render(records), terminator: "")
        }
    }

    /// `skiff image rm REF...`.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove images and the blobs only they use.")
        @OptionGroup var options: StoreOptions
        @Argument(help: "Image references or ids.")
        var references: [String]

        func run() async throws {
            try await options.withStore { store in
                for reference in references {
                    guard let record = try await store.image(reference) else {
                        throw ValidationError("no such image \(reference)")
                    }
                    try await store.removeImage(reference)
                    for name in record.repoTags.isEmpty ? [record.id] : record.repoTags { print("Deleted: \(name)") }
                }
            }
        }
    }
}

/// The `crictl images` table: IMAGE, TAG, IMAGE ID (13 hex digits), SIZE.
enum ImageTable {
    /// The table of `records`, one row per tag, columns padded as crictl's tabwriter does.
    static func render(_ records: [ImageRecord]) -> String {
        var rows = [["IMAGE", "TAG", "IMAGE ID", "SIZE"]]
        for record in records {
            let id = String(record.id.dropFirst("sha256:".count).prefix(13))
            let size = humanSize(record.size)
            if record.repoTags.isEmpty {
                let repo = record.repoDigests.first.flatMap { $0.split(separator: "@").first.map(String.init) } ?? "<none>"
                rows.append([repo, "<none>", id, size])
            }
            for tag in record.repoTags {
                guard let colon = tag.lastIndex(of: ":") else { continue }
                rows.append([String(tag[..<colon]), String(tag[tag.index(after: colon)...]), id, size])
            }
        }
        return TextColumns.render(rows, minWidth: 20)
    }

    /// Decimal size with four significant digits, as Docker's `units.HumanSize` (`2.214MB`).
    static func humanSize(_ bytes: Int64) -> String {
        let units = ["B", "kB", "MB", "GB", "TB", "PB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return String(format: "%.4g", value) + units[unit]
    }
}
