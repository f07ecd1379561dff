import Foundation
import KubeAPI
import Synchronization

/// What this controller last wrote to each Service's EndpointSlices (Kubernetes'
/// `EndpointSliceTracker`): a Service is synced again only once the cache shows those writes, so
/// a lagging cache never makes it create a slice twice. Records older than `timeout` are dropped.
final class SliceTracker: Sendable {
    private struct Record {
        /// Slice name -> the resourceVersion written, or nil when deleted.
        var slices: [String: String?]
        var at: Date
    }

    private let records = Mutex<[String: Record]>([:])
    private let timeout: TimeInterval

    init(timeout: TimeInterval = 10) { self.timeout = timeout }

    /// Remembers the slices written for `service` (`written`, as returned by the server) and deleted.
    func wrote(_ service: String, written: [JSONValue], deleted: [String]) {
        var slices: [String: String?] = [:]
        for s in written { slices[s.name] = .some(s.resourceVersion) }
        for name in deleted { slices[name] = .some(nil) }
        records.withLock { $0[service] = Record(slices: slices, at: Date()) }
    }

    /// Whether `cached` (the service's slices in the cache) shows every write remembered.
    func isCurrent(_ service: String, cached: [JSONValue]) -> Bool {
        records.withLock { r in
            guard let record = r[service] else { return true }
            if Date().timeIntervalSince(record.at) > timeout {
                r[service] = nil
                return true
            }
            let byName = Dictionary(cached.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            for (name, version) in record.slices {
                switch version {
                case .none: if byName[name] != nil { return false }
                case .some(let rv):
                    guard let seen = byName[name]?.resourceVersion else { return false }
                    if seen != rv, let a = Int64(seen), let b = Int64(rv), a < b { return false }
                }
            }
            r[service] = nil
            return true
        }
    }

    /// Forgets `service`.
    func remove(_ service: String) { _ = records.withLock { $0.removeValue(forKey: service) } }
}
