import Foundation
import KubeRuntime

/// A pod's disk figures for the Summary API: its volumes, measured where the kubelet made them
/// (`<root>/pods/<uid>/volumes/<plugin>/<name>`), and its ephemeral storage, the sum Kubernetes
/// evicts on.
enum PodDiskStats {
    /// One measured volume, and whether it counts toward the pod's ephemeral storage.
    struct Volume {
        var stats: VolumeStats
        var ephemeral: Bool
    }

    /// The volumes of pod `uid`, by name. As in Kubernetes, an emptyDir on the node's disk (not
    /// a tmpfs of its own) and a configMap count toward ephemeral storage.
    static func volumes(root: String, uid: String, at time: Date) -> [Volume] {
        let base = "\(root)/pods/\(uid)/volumes"
        var podDir = stat()
        guard stat(base, &podDir) == 0 else { return [] }
        let fm = FileManager.default
        var result: [Volume] = []
        for plugin in (try? fm.contentsOfDirectory(atPath: base)) ?? [] {
            for name in (try? fm.contentsOfDirectory(atPath: "\(base)/\(plugin)")) ?? [] {
                let path = "\(base)/\(plugin)/\(name)"
                guard let usage = DirectoryUsage.measure(path), let fs = NodeStatsReader.filesystem(path, usedBy: usage, at: time) else {
                    continue
                }
                var info = stat()
                let onNodeDisk = stat(path, &info) == 0 && info.st_dev == podDir.st_dev
                let ephemeral = (plugin == "kubernetes.io~empty-dir" && onNodeDisk) || plugin == "kubernetes.io~configmap"
                result.append(Volume(stats: VolumeStats(name: name, fs: fs), ephemeral: ephemeral))
            }
        }
        return result.sorted { $0.stats.name < $1.stats.name }
    }

    /// The pod's ephemeral storage: the kubelet filesystem's figures, with the containers'
    /// writable layers and logs and the ephemeral volumes as its use. Nil when the filesystem
    /// cannot be read.
    static func ephemeral(root: String, containers: [ContainerStats], volumes: [Volume], at time: Date) -> FsStats? {
        guard var fs = NodeStatsReader.filesystem(root, at: time) else { return nil }
        let parts = containers.flatMap { [$0.rootfs, $0.logs] }.compactMap { $0 } + volumes.filter(\.ephemeral).map(\.stats.fs)
        fs.usedBytes = parts.reduce(0) { $0 + ($1.usedBytes ?? 0) }
        fs.inodesUsed = parts.reduce(0) { $0 + ($1.inodesUsed ?? 0) }
        return fs
    }
}
