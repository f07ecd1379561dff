import Foundation

/// A read-only map from names to positions, for the schema's lookups by name (a field of a
/// type, a type of the registry), which run for every member of every object a write walks.
/// Names match by their UTF-8 bytes, as Go compares strings, where Swift's `==` (and a
/// `Dictionary` keyed by the names, such as `SchemaRegistry.definitions`) also matches names that
/// are canonically equivalent (the Kelvin sign and "K"); the standard names are ASCII, for which
/// the two agree.
struct NameIndex: Sendable, Hashable {
    private let slots: HashSlots
    private let names: [[UInt8]]
    private let positions: [Int]

    /// An index of `names`, each mapped to its position in the sequence; a repeated name keeps
    /// its first position.
    init(_ names: some Sequence<String>) {
        var kept: [[UInt8]] = []
        var positions: [Int] = []
        var seen = Set<[UInt8]>()
        for (position, name) in names.enumerated() {
            let bytes = Array(name.utf8)
            guard seen.insert(bytes).inserted else { continue }
            kept.append(bytes)
            positions.append(position)
        }
        slots = HashSlots(hashes: kept.map { $0.withUnsafeBytes(HashSlots.hash) })
        self.names = kept
        self.positions = positions
    }

    /// The position of `name`, if the index holds it.
    @inline(__always)
    func position(of name: String) -> Int? {
        if let found = name.utf8.withContiguousStorageIfAvailable({ position(of: UnsafeRawBufferPointer($0)) }) { return found }
        return Array(name.utf8).withUnsafeBytes { position(of: $0) }
    }

    @inline(__always)
    private func position(of bytes: UnsafeRawBufferPointer) -> Int? {
        slots.find(hash: HashSlots.hash(bytes)) { n in
            names[n].withUnsafeBytes { name in
                guard name.count == bytes.count else { return false }
                guard let a = name.baseAddress, let b = bytes.baseAddress else { return true }
                return memcmp(a, b, bytes.count) == 0
            }
        }.map { positions[$0] }
    }
}
