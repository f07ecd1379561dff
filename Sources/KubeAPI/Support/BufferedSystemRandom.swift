import Glibc
import Synchronization

/// The system's random bits (`getrandom`, through glibc's `arc4random_buf`), read 4 KiB at a time
/// and handed out 64 bits per call.
///
/// `SystemRandomNumberGenerator` makes a system call for every 64 bits, and a pod create needs
/// three (its uid's 128 bits and the suffix of its service-account volume): about 1% of the API
/// server's CPU per create. The bits are the same kernel generator's, kept in this process only
/// until used. Safe to share: one pool behind a lock.
public struct BufferedSystemRandom: RandomNumberGenerator {
    public init() {}

    public mutating func next() -> UInt64 {
        Self.pool.withLock { $0.next() }
    }

    private struct Pool: ~Copyable {
        var words = [UInt64](repeating: 0, count: 512)
        var used = 512

        mutating func next() -> UInt64 {
            if used == words.count { refill() }
            defer { used += 1 }
            return words[used]
        }

        /// Fills the pool with one `arc4random_buf` (in glibc, one `getrandom` call for the 4 KiB;
        /// it does not fail).
        private mutating func refill() {
            words.withUnsafeMutableBytes { buffer in
                if let base = buffer.baseAddress { arc4random_buf(base, buffer.count) }
            }
            used = 0
        }
    }

    private static let pool = Mutex(Pool())
}
