/// A non-negative integer of any size, used as the exact significand of a `Quantity`.
///
/// Values below 2^64 are held inline (no allocation), which covers every quantity written in
/// practice; larger ones fall back to little-endian 64-bit limbs. All operations are exact and
/// never trap: callers only subtract a smaller magnitude from a larger one and only divide by
/// non-zero divisors, which the helpers below guarantee.
struct QuantityMagnitude: Sendable, Hashable {
    /// Invariant: `.large` always has at least two limbs and a non-zero most significant limb.
    private enum Storage: Sendable, Hashable {
        case small(UInt64)
        case large([UInt64])
    }

    private var storage: Storage

    /// Zero.
    static let zero = QuantityMagnitude(0)

    /// Powers of ten that fit in 64 bits, 10^0 through 10^19.
    static let powersOfTen: [UInt64] = {
        var table: [UInt64] = [1]
        for _ in 1...19 { table.append(table[table.count - 1] &* 10) }
        return table
    }()

    init(_ value: UInt64) { storage = .small(value) }

    /// Builds a magnitude from little-endian limbs, trimming high zero limbs.
    init(limbs: [UInt64]) {
        var trimmed = limbs
        while let last = trimmed.last, last == 0 { trimmed.removeLast() }
        switch trimmed.count {
        case 0: storage = .small(0)
        case 1: storage = .small(trimmed[0])
        default: storage = .large(trimmed)
        }
    }

    /// Accumulates decimal digits, most significant first, 19 at a time.
    struct Builder {
        private var result = QuantityMagnitude.zero
        private var chunk: UInt64 = 0
        private var chunkLength = 0

        /// Appends one digit (0...9).
        mutating func append(digit: UInt8) {
            chunk = chunk &* 10 &+ UInt64(digit % 10)
            chunkLength += 1
            if chunkLength == 19 {
                result = result.multiplied(by: QuantityMagnitude.powersOfTen[19]).adding(chunk)
                chunk = 0
                chunkLength = 0
            }
        }

        /// The number formed by the digits appended so far.
        var value: QuantityMagnitude {
            if chunkLength == 0 { return result }
            if result.isZero { return QuantityMagnitude(chunk) }
            return result.multiplied(by: QuantityMagnitude.powersOfTen[chunkLength]).adding(chunk)
        }
    }

    /// The limbs, least significant first; empty for zero.
    var limbs: [UInt64] {
        switch storage {
        case .small(let v): return v == 0 ? [] : [v]
        case .large(let l): return l
        }
    }

    /// The value when it fits in 64 bits.
    var uint64Value: UInt64? {
        if case .small(let v) = storage { return v }
        return nil
    }

    var isZero: Bool {
        if case .small(let v) = storage { return v == 0 }
        return false
    }

    /// The number of bits needed to write the value (0 for zero).
    var bitWidth: Int {
        switch storage {
        case .small(let v): return 64 - v.leadingZeroBitCount
        case .large(let l): return (l.count - 1) * 64 + (64 - l[l.count - 1].leadingZeroBitCount)
        }
    }

    /// `self * factor`.
    func multiplied(by factor: UInt64) -> QuantityMagnitude {
        if case .small(let v) = storage {
            let (high, low) = v.multipliedFullWidth(by: factor)
            return high == 0 ? QuantityMagnitude(low) : QuantityMagnitude(limbs: [low, high])
        }
        var out = limbs
        var carry: UInt64 = 0
        for i in out.indices {
            let (high, low) = out[i].multipliedFullWidth(by: factor)
            let (sum, overflow) = low.addingReportingOverflow(carry)
            out[i] = sum
            carry = high &+ (overflow ? 1 : 0)
        }
        if carry != 0 { out.append(carry) }
        return QuantityMagnitude(limbs: out)
    }

    /// `self + addend`.
    func adding(_ addend: UInt64) -> QuantityMagnitude {
        if case .small(let v) = storage {
            let (sum, overflow) = v.addingReportingOverflow(addend)
            return overflow ? QuantityMagnitude(limbs: [sum, 1]) : QuantityMagnitude(sum)
        }
        return self + QuantityMagnitude(addend)
    }

    static func + (lhs: QuantityMagnitude, rhs: QuantityMagnitude) -> QuantityMagnitude {
        if case .small(let a) = lhs.storage, case .small(let b) = rhs.storage {
            let (sum, overflow) = a.addingReportingOverflow(b)
            return overflow ? QuantityMagnitude(limbs: [sum, 1]) : QuantityMagnitude(sum)
        }
        let a = lhs.limbs, b = rhs.limbs
        var out: [UInt64] = []
        out.reserveCapacity(max(a.count, b.count) + 1)
        var carry: UInt64 = 0
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? a[i] : 0
            let y = i < b.count ? b[i] : 0
            let (s1, o1) = x.addingReportingOverflow(y)
            let (s2, o2) = s1.addingReportingOverflow(carry)
            out.append(s2)
            carry = (o1 || o2) ? 1 : 0
        }
        if carry != 0 { out.append(carry) }
        return QuantityMagnitude(limbs: out)
    }

    /// `self - subtrahend`; the caller guarantees `subtrahend <= self` (otherwise the result is zero).
    func subtracting(_ subtrahend: QuantityMagnitude) -> QuantityMagnitude {
        guard compare(subtrahend) > 0 else { return .zero }
        if case .small(let a) = storage, case .small(let b) = subtrahend.storage {
            return QuantityMagnitude(a - b)
        }
        var out = limbs
        let b = subtrahend.limbs
        var borrow: UInt64 = 0
        for i in out.indices {
            let y = i < b.count ? b[i] : 0
            let (d1, o1) = out[i].subtractingReportingOverflow(y)
            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
            out[i] = d2
            borrow = (o1 || o2) ? 1 : 0
        }
        return QuantityMagnitude(limbs: out)
    }

    /// -1, 0 or 1 as `self` is less than, equal to or greater than `other`.
    func compare(_ other: QuantityMagnitude) -> Int {
        if case .small(let a) = storage, case .small(let b) = other.storage {
            return a < b ? -1 : (a == b ? 0 : 1)
        }
        let a = limbs, b = other.limbs
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for i in stride(from: a.count - 1, through: 0, by: -1) where a[i] != b[i] {
            return a[i] < b[i] ? -1 : 1
        }
        return 0
    }

    /// Quotient and remainder of division by a non-zero `divisor` (a zero divisor yields `(0, 0)`).
    func quotientAndRemainder(dividingBy divisor: UInt64) -> (quotient: QuantityMagnitude, remainder: UInt64) {
        guard divisor != 0 else { return (.zero, 0) }
        if case .small(let v) = storage {
            return (QuantityMagnitude(v / divisor), v % divisor)
        }
        var out = limbs
        var remainder: UInt64 = 0
        for i in stride(from: out.count - 1, through: 0, by: -1) {
            // remainder < divisor, so the full-width division cannot overflow.
            let (q, r) = divisor.dividingFullWidth((high: remainder, low: out[i]))
            out[i] = q
            remainder = r
        }
        return (QuantityMagnitude(limbs: out), remainder)
    }

    /// `self * 10^count` for `count >= 0`.
    func multipliedByPowerOfTen(_ count: Int) -> QuantityMagnitude {
        var result = self
        var left = count
        while left > 0 && !result.isZero {
            let step = min(left, 19)
            result = result.multiplied(by: QuantityMagnitude.powersOfTen[step])
            left -= step
        }
        return result
    }

    /// `self / 10^count` truncated, and whether anything non-zero was discarded.
    func dividedByPowerOfTen(_ count: Int) -> (quotient: QuantityMagnitude, inexact: Bool) {
        var result = self
        var inexact = false
        var left = count
        while left > 0 && !result.isZero {
            let step = min(left, 19)
            let (q, r) = result.quotientAndRemainder(dividingBy: QuantityMagnitude.powersOfTen[step])
            if r != 0 { inexact = true }
            result = q
            left -= step
        }
        return (result, inexact)
    }

    /// The value with its trailing decimal zeros removed, and how many were removed.
    func removingTrailingDecimalZeros() -> (QuantityMagnitude, Int) {
        guard !isZero else { return (self, 0) }
        var result = self
        var count = 0
        while case .large = result.storage {
            let (q, r) = result.quotientAndRemainder(dividingBy: QuantityMagnitude.powersOfTen[19])
            guard r == 0 else { break }
            result = q
            count += 19
        }
        while true {
            let (q, r) = result.quotientAndRemainder(dividingBy: 10)
            if r != 0 { return (result, count) }
            result = q
            count += 1
        }
    }

    /// The number of decimal digits (1 for zero).
    var decimalDigitCount: Int {
        if case .small(let v) = storage {
            var count = 1
            var rest = v / 10
            while rest > 0 {
                count += 1
                rest /= 10
            }
            return count
        }
        return decimalString.utf8.count
    }

    /// The value in base 10 without leading zeros.
    var decimalString: String {
        if case .small(let v) = storage { return String(v) }
        var chunks: [UInt64] = []
        var rest = self
        let base = QuantityMagnitude.powersOfTen[19]
        while !rest.isZero {
            let (q, r) = rest.quotientAndRemainder(dividingBy: base)
            chunks.append(r)
            rest = q
        }
        guard let top = chunks.last else { return "0" }
        var text = String(top)
        for chunk in chunks.dropLast().reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 19 - digits.utf8.count) + digits
        }
        return text
    }
}
