import Foundation
import Synchronization

/// The kernel's random bits (`/dev/urandom`), read 4 KiB at a time and handed out 64 bits per call.
///
/// `SystemRandomNumberGenerator` makes a system call for every 64 bits, and a pod create needs
/// three (its uid's 128 bits and the suffix of its service-account volume): about 1% of the API
/// server's CPU per create. The bits are the same kernel generator's, kept in this process only
/// until used. Safe to share: every generator draws from one pool behind a lock.
public struct BufferedSystemRandom: RandomNumberGenerator {
    /// A generator drawing from the process's pool.
    public init() {}

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        Self.pool.withLock { $0.next() }
    }

    private struct Pool: ~Copyable {
        static let size = 512
        var words = [UInt64](repeating: 0, count: size)
        var used = size
        /// `/dev/urandom`, opened with the pool; nil if it cannot be opened.
        var source: FileHandle? = FileHandle(forReadingAtPath: "/dev/urandom")

        mutating func next() -> UInt64 {
            if used == words.count { refill() }
            defer { used += 1 }
            return words[used]
        }

        /// Fills the pool with one read. What the read does not supply (no device, a short read)
        /// comes from `SystemRandomNumberGenerator`, a word at a time.
        private mutating func refill() {
            let bytes = try? source?.read(upToCount: Self.size * 8)
            let whole = min((bytes?.count ?? 0) / 8, Self.size)
            if let bytes, whole > 0 {
                words.withUnsafeMutableBytes { buffer in buffer.copyBytes(from: bytes.prefix(whole * 8)) }
            }
            if whole < Self.size {
                var system = SystemRandomNumberGenerator()
                for i in whole..<Self.size { words[i] = system.next() }
            }
            used = 0
        }
    }

    private static let pool = Mutex(Pool())
}
