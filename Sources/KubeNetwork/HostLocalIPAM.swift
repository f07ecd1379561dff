import Foundation
import Synchronization

/// Address allocation on disk, laid out as the CNI host-local plugin lays it out: one file per
/// address in use, named by the address and holding the owner's id (`<id>\r\neth0`), plus
/// `last_reserved_ip.0` with the address handed out last. Allocation continues after that
/// address, so a released address is reused only after the others, and a restarted kubelet
/// reading the same directory never hands out an address twice.
///
/// The files are read once, on first use, and then kept in memory beside them: this store is the
/// only writer of its directory while it lives (one per kubelet), so a pod's sync no longer reads
/// every address file.
final class HostLocalIPAM: Sendable {
    /// The directory holding the files (`<state>/ipam`).
    let directory: String
    /// Addresses in use and their owners, as on disk; nil until first read.
    private let lock = Mutex<[UInt32: String]?>(nil)
    private static let lastReservedName = "last_reserved_ip.0"

    /// A store in `directory`, created on first use.
    init(directory: String) {
        self.directory = directory
    }

    /// The address `owner` holds in `subnet`, allocating the next free one when it holds none.
    /// Throws `no IP addresses available in range set: ...` when every address is taken.
    func allocate(owner: String, in subnet: IPv4Subnet) throws -> UInt32 {
        try lock.withLock { known in
            try createDirectory()
            let held = Self.loaded(&known, from: directory)
            if let mine = held.first(where: { $0.value == owner && subnet.isAssignable($0.key) }) {
                return mine.key
            }
            var taken = Set(held.keys)
            while let candidate = subnet.nextFree(after: readLastReserved(), taken: taken) {
                if try reserve(candidate, owner: owner) {
                    known?[candidate] = owner
                    writeLastReserved(candidate)
                    return candidate
                }
                taken.insert(candidate)
            }
            throw NetworkError("no IP addresses available in range set: \(subnet.rangeSetDescription)")
        }
    }

    /// The addresses `owner` holds, lowest first.
    func addresses(of owner: String) throws -> [UInt32] {
        lock.withLock { known in Self.loaded(&known, from: directory).filter { $0.value == owner }.map(\.key).sorted() }
    }

    /// Every address in use and its owner.
    func allocations() throws -> [UInt32: String] {
        lock.withLock { known in Self.loaded(&known, from: directory) }
    }

    /// Releases what `owner` holds; nothing to release is fine.
    func release(owner: String) throws {
        try lock.withLock { known in
            for (address, holder) in Self.loaded(&known, from: directory) where holder == owner {
                try remove(address)
                known?[address] = nil
            }
        }
    }

    /// Releases the addresses of owners not in `keep`, returning those owners.
    func releaseAll(except keep: Set<String>) throws -> Set<String> {
        try lock.withLock { known in
            var released: Set<String> = []
            for (address, holder) in Self.loaded(&known, from: directory) where !keep.contains(holder) {
                try remove(address)
                known?[address] = nil
                released.insert(holder)
            }
            return released
        }
    }

    // MARK: - Files

    private func path(_ name: String) -> String { directory + "/" + name }

    private func createDirectory() throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw NetworkError("create IPAM directory \(directory)", cause: error)
        }
    }

    /// The allocations held in memory, read from the files first if they have not been.
    private static func loaded(_ known: inout [UInt32: String]?, from directory: String) -> [UInt32: String] {
        if let known { return known }
        let read = readAllocations(directory)
        known = read
        return read
    }

    /// Address files and their owners; a missing directory means none.
    private static func readAllocations(_ directory: String) -> [UInt32: String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [:] }
        var result: [UInt32: String] = [:]
        for name in names {
            guard let address = IPv4Subnet.address(parsing: name),
                let data = FileManager.default.contents(atPath: directory + "/" + name)
            else { continue }
            let text = String(decoding: data, as: UTF8.self)
            let owner = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            result[address] = owner.trimmingCharacters(in: .whitespaces)
        }
        return result
    }

    /// Creates the address file exclusively; false when it already exists.
    private func reserve(_ address: UInt32, owner: String) throws -> Bool {
        let file = path(IPv4Subnet.format(address))
        let fd = open(file, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        if fd < 0 {
            if errno == EEXIST { return false }
            throw NetworkError("reserve \(IPv4Subnet.format(address))", cause: POSIXErrorText(errno: errno))
        }
        defer { close(fd) }
        let bytes = Array((owner + "\r\neth0").utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            unlink(file)
            throw NetworkError("write \(file)", cause: POSIXErrorText(errno: errno))
        }
        return true
    }

    private func remove(_ address: UInt32) throws {
        let file = path(IPv4Subnet.format(address))
        guard unlink(file) == 0 || errno == ENOENT else {
            throw NetworkError("release \(IPv4Subnet.format(address))", cause: POSIXErrorText(errno: errno))
        }
    }

    private func readLastReserved() -> UInt32? {
        guard let data = FileManager.default.contents(atPath: path(Self.lastReservedName)) else { return nil }
        return IPv4Subnet.address(parsing: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Overwrites the hint in place (as the CNI plugin does): a torn write reads as no hint, and
    /// allocation then starts from the range's first address, skipping those in use.
    private func writeLastReserved(_ address: UInt32) {
        let fd = open(path(Self.lastReservedName), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = Array(IPv4Subnet.format(address).utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }
}

/// An errno as an error, for `NetworkError.cause`.
struct POSIXErrorText: Error, CustomStringConvertible {
    var errno: Int32
    var description: String { String(cString: strerror(errno)) }
}
