import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One file of a projected volume (configMap, secret, downwardAPI): its relative path, bytes
/// and mode.
struct VolumeFile: Sendable, Hashable {
    var path: String
    var bytes: [UInt8]
    var mode: Int
}

/// Kubernetes' `AtomicWriter`: writes a volume's files so that a container never sees half an
/// update. Files go into a fresh timestamped directory `..<time>`; the symlink `..data` is
/// switched to it with one rename; each top-level name is a symlink through `..data`; the old
/// directory is removed afterwards. Writing the same payload again changes nothing.
enum AtomicWriter {
    static let dataDirName = "..data"

    /// Makes `directory` hold exactly `files`; returns whether anything changed.
    @discardableResult
    static func write(_ files: [VolumeFile], to directory: String) throws -> Bool {
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for file in files { try validate(file.path) }
        let dataLink = "\(directory)/\(dataDirName)"
        let oldTarget = try? fm.destinationOfSymbolicLink(atPath: dataLink)
        if let oldTarget, matches(files, in: "\(directory)/\(oldTarget)") { return false }

        let stamp = timestampName()
        let newDir = "\(directory)/\(stamp)"
        try fm.createDirectory(atPath: newDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        for file in files {
            let path = "\(newDir)/\(file.path)"
            try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard fm.createFile(atPath: path, contents: Data(file.bytes), attributes: [.posixPermissions: file.mode]) else {
                throw KubeletError(.volume, "writing \(path) failed")
            }
            chmod(path, mode_t(file.mode))
        }
        let tmpLink = "\(directory)/..data_tmp"
        unlink(tmpLink)
        guard symlink(stamp, tmpLink) == 0, rename(tmpLink, dataLink) == 0 else {
            throw KubeletError(.volume, "switching \(dataLink) failed: errno \(errno)")
        }
        let topLevel = Set(files.map { String($0.path.split(separator: "/").first ?? "") })
        for name in topLevel where !name.isEmpty {
            let link = "\(directory)/\(name)"
            if (try? fm.destinationOfSymbolicLink(atPath: link)) == "\(dataDirName)/\(name)" { continue }
            try? fm.removeItem(atPath: link)
            guard symlink("\(dataDirName)/\(name)", link) == 0 else {
                throw KubeletError(.volume, "linking \(link) failed: errno \(errno)")
            }
        }
        for entry in (try? fm.contentsOfDirectory(atPath: directory)) ?? [] {
            if entry.hasPrefix("..") {
                if entry != dataDirName, entry != stamp { try? fm.removeItem(atPath: "\(directory)/\(entry)") }
            } else if !topLevel.contains(entry) {
                try? fm.removeItem(atPath: "\(directory)/\(entry)")
            }
        }
        return true
    }

    /// Rejects absolute paths, `..` elements and names starting with `..` (Kubernetes' rules).
    static func validate(_ path: String) throws {
        let elements = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.hasPrefix("/"), !elements.contains(where: { $0 == ".." || $0.isEmpty }),
            !path.hasPrefix("..")
        else { throw KubeletError(.volume, "invalid path \(path) in volume payload") }
    }

    /// Whether `dir` holds exactly `files` with the same bytes and modes.
    private static func matches(_ files: [VolumeFile], in dir: String) -> Bool {
        let fm = FileManager.default
        for file in files {
            let path = "\(dir)/\(file.path)"
            guard let data = fm.contents(atPath: path), Array(data) == file.bytes,
                let mode = (try? fm.attributesOfItem(atPath: path))?[.posixPermissions] as? Int, mode == file.mode
            else { return false }
        }
        let expected = Set(files.map(\.path))
        let present = (fm.enumerator(atPath: dir)?.allObjects as? [String] ?? []).filter { rel in
            var isDir: ObjCBool = false
            return fm.fileExists(atPath: "\(dir)/\(rel)", isDirectory: &isDir) && !isDir.boolValue
        }
        return Set(present) == expected
    }

    /// `..2026_11_26_05_20_00.123456789`, as Kubernetes names its payload directories.
    private static func timestampName() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var t = time_t(spec.tv_sec)
        var parts = tm()
        gmtime_r(&t, &parts)
        func pad(_ v: Int32, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        let nanos = String(spec.tv_nsec)
        return "..\(pad(parts.tm_year + 1900, 4))_\(pad(parts.tm_mon + 1, 2))_\(pad(parts.tm_mday, 2))_"
            + "\(pad(parts.tm_hour, 2))_\(pad(parts.tm_min, 2))_\(pad(parts.tm_sec, 2))."
            + String(repeating: "0", count: max(0, 9 - nanos.count)) + nanos
    }
}
