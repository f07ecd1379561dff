import Foundation
import KubeAPI
import KubeRuntime

/// Sets up and tears down a pod's volumes under `<rootDirectory>/pods/<uid>/volumes/<plugin>/<name>`
/// (Kubernetes' layout: `kubernetes.io~empty-dir`, `kubernetes.io~configmap`, ...), and turns
/// containers' volumeMounts into the runtime's bind mounts.
struct VolumeManager: Sendable {
    let rootDirectory: String
    let configs: any ConfigSource

    /// `<root>/pods/<uid>`.
    func podDirectory(_ uid: String) -> String { "\(rootDirectory)/pods/\(uid)" }

    /// The directory of volume `name` of plugin `plugin` (`kubernetes.io~empty-dir`, ...).
    func volumeDirectory(_ uid: String, plugin: String, name: String) -> String {
        "\(podDirectory(uid))/volumes/\(plugin)/\(name)"
    }

    /// Makes every volume of `spec` ready and returns each volume's host path by name. Throws
    /// `KubeletError(.volume)` with the message Kubernetes' FailedMount event carries.
    func setUp(uid: String, namespace: String, spec: PodSpec, values: DownwardAPIValues) async throws -> [String: String] {
        var paths: [String: String] = [:]
        for volume in spec.volumes ?? [] {
            do {
                paths[volume.name] = try await setUp(volume, uid: uid, namespace: namespace, spec: spec, values: values)
            } catch let error as KubeletError {
                throw KubeletError(.volume, "MountVolume.SetUp failed for volume \"\(volume.name)\" : \(error.message)")
            }
        }
        return paths
    }

    private func setUp(
        _ volume: Volume, uid: String, namespace: String, spec: PodSpec, values: DownwardAPIValues
    ) async throws -> String? {
        if let emptyDir = volume.emptyDir {
            let dir = volumeDirectory(uid, plugin: "kubernetes.io~empty-dir", name: volume.name)
            if emptyDir.medium == "Memory" {
                try TmpfsMounts.mount(at: dir, sizeBytes: emptyDir.sizeLimit.map { $0.value })
            } else {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o777])
            }
            return dir
        }
        if let hostPath = volume.hostPath {
            try HostPathVolume.prepare(path: hostPath.path, type: hostPath.type)
            return hostPath.path
        }
        if let keyed = KeyedVolumeSource(volume) {
            let data = keyed.isSecret
                ? try await configs.secret(namespace: namespace, name: keyed.name)
                : try await configs.configMap(namespace: namespace, name: keyed.name)
            let files = try VolumePayloads.keyed(
                data, kind: keyed.isSecret ? "secret" : "configmap", name: keyed.name, items: keyed.items,
                defaultMode: keyed.defaultMode, optional: keyed.optional)
            let dir = volumeDirectory(uid, plugin: keyed.isSecret ? "kubernetes.io~secret" : "kubernetes.io~configmap", name: volume.name)
            if keyed.isSecret { try TmpfsMounts.mount(at: dir, sizeBytes: nil) }
            try AtomicWriter.write(files, to: dir)
            return dir
        }
        if let source = volume.downwardAPI {
            let files = try VolumePayloads.downwardAPI(source.items ?? [], defaultMode: source.defaultMode, spec: spec, values: values)
            let dir = volumeDirectory(uid, plugin: "kubernetes.io~downward-api", name: volume.name)
            try AtomicWriter.write(files, to: dir)
            return dir
        }
        if let source = volume.projected {
            let files = try await VolumePayloads.projected(source, namespace: namespace, spec: spec, values: values, configs: configs)
            let dir = volumeDirectory(uid, plugin: "kubernetes.io~projected", name: volume.name)
            try TmpfsMounts.mount(at: dir, sizeBytes: nil)
            try AtomicWriter.write(files, to: dir)
            return dir
        }
        return nil
    }

    /// Unmounts and removes everything under the pod's directory.
    func tearDown(uid: String) {
        let dir = podDirectory(uid)
        TmpfsMounts.unmountAll(under: dir)
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// The runtime mounts for `container`'s volumeMounts (subPath appended; read-only kept);
    /// mounts of volumes with no host path (unsupported types) are skipped.
    static func mounts(_ container: Container, volumePaths: [String: String]) throws -> [KubeRuntime.Mount] {
        try (container.volumeMounts ?? []).compactMap { mount in
            guard let base = volumePaths[mount.name] else { return nil }
            var host = base
            if let sub = mount.subPath, !sub.isEmpty {
                guard !sub.hasPrefix("/"), !sub.split(separator: "/").contains("..") else {
                    throw KubeletError(.createContainerConfig, "failed to prepare subPath for volumeMount \"\(mount.name)\" of container \"\(container.name)\"")
                }
                host = "\(base)/\(sub)"
                if !FileManager.default.fileExists(atPath: host) {
                    try FileManager.default.createDirectory(atPath: host, withIntermediateDirectories: true)
                }
            }
            return KubeRuntime.Mount(containerPath: mount.mountPath, hostPath: host, readOnly: mount.readOnly ?? false)
        }
    }
}

/// A configMap or secret volume's source, the two read alike.
struct KeyedVolumeSource {
    var isSecret: Bool
    var name: String
    var items: [KeyToPath]?
    var defaultMode: Int?
    var optional: Bool?

    /// The keyed source of `volume`, or nil when it is neither a configMap nor a secret volume.
    init?(_ volume: Volume) {
        if let source = volume.configMap {
            (isSecret, name, items, defaultMode, optional) = (false, source.name ?? "", source.items, source.defaultMode, source.optional)
        } else if let source = volume.secret {
            (isSecret, name, items, defaultMode, optional) = (true, source.secretName ?? "", source.items, source.defaultMode, source.optional)
        } else {
            return nil
        }
    }
}
