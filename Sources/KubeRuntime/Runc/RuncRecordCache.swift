import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The runtime's JSON records, decoded once and kept while their file is unchanged.
///
/// Listing containers reads every record, and the kubelet lists on each pod sync: with a hundred
/// pods, decoding the JSON each time made the listing most of the kubelet's CPU. A cached record
/// is used while its file has the same device, inode, size and modification time; records are
/// written by rename (`RuncRecords.write`), so a rewrite, by this process or another, is a new
/// inode and is read again.
final class RuncRecordCache: Sendable {
    /// What identifies one version of a file.
    private struct FileVersion: Equatable {
        var device, inode: UInt64
        var size: Int64
        var modifiedSeconds, modifiedNanoseconds: Int

        /// The version of the file at `path` now; nil when there is none.
        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            modifiedSeconds = Int(info.st_mtim.tv_sec)
            modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
        }
    }

    private struct Entry {
        var version: FileVersion
        var value: any Sendable
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// The record at `path`, decoded as `type`; nil when there is none or it does not decode.
    func read<T: Decodable & Sendable>(_ type: T.Type, from path: String) -> T? {
        guard let version = FileVersion(path: path) else {
            entries.withLock { _ = $0.removeValue(forKey: path) }
            return nil
        }
        if let cached = entries.withLock({ $0[path] }), cached.version == version, let value = cached.value as? T {
            return value
        }
        guard let value = RuncRecords.read(type, from: path) else { return nil }
        // The file may have been replaced between the stat and the read: keep the value only
        // when the file is still the version that was stat'ed.
        if FileVersion(path: path) == version {
            entries.withLock { $0[path] = Entry(version: version, value: value) }
        }
        return value
    }

    /// The record last decoded from `path`, without looking at the file; nil when none is held.
    /// Only for what never changes while the file exists (a record's labels): a listing that
    /// selects by label skips the others without a `stat` each.
    func cached<T: Sendable>(_ type: T.Type, at path: String) -> T? {
        entries.withLock { $0[path]?.value as? T }
    }

    /// The record at `path` when its labels match `selector`. Labels never change while a record's
    /// file exists, so one already known not to match is skipped without touching its file.
    func read<T: Decodable & Sendable>(
        _ type: T.Type, from path: String, matching selector: [String: String], labels: (T) -> [String: String]
    ) -> T? {
        if let known = cached(type, at: path), !RuntimeLabelSelector.matches(labels(known), selector) { return nil }
        guard let record = read(type, from: path), RuntimeLabelSelector.matches(labels(record), selector) else { return nil }
        return record
    }

    /// Drops the records of files under `directory` (it is being removed).
    func forget(under directory: String) {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        entries.withLock { entries in
            for path in entries.keys where path.hasPrefix(prefix) { entries[path] = nil }
        }
    }

    /// How many records are held (for tests).
    var count: Int { entries.withLock { $0.count } }
}
