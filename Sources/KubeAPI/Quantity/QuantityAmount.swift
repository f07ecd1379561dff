/// An exact signed decimal number: `(negative ? -1 : 1) * magnitude * 10^exponent`.
///
/// Always normalized: the magnitude carries no trailing decimal zero (they live in the exponent),
/// and zero is stored as positive with exponent 0. Two amounts are therefore equal exactly when
/// their stored fields are equal, which makes the synthesized `Hashable` agree with numeric equality.
struct QuantityAmount: Sendable, Hashable {
    private(set) var negative: Bool
    private(set) var magnitude: QuantityMagnitude
    private(set) var exponent: Int

    /// Shifts between exponents larger than this are treated specially in addition so that an absurd
    /// exponent (a quantity such as `1e2000000000`) can never make us materialize its digits.
    static let maximumExactShift = 1000

    static let zero = QuantityAmount(negative: false, magnitude: .zero, exponent: 0)

    init(negative: Bool, magnitude: QuantityMagnitude, exponent: Int) {
        if magnitude.isZero {
            self.negative = false
            self.magnitude = .zero
            self.exponent = 0
            return
        }
        let (stripped, zeros) = magnitude.removingTrailingDecimalZeros()
        self.negative = negative
        self.magnitude = stripped
        self.exponent = exponent + zeros
    }

    /// The amount of a signed 64-bit integer times 10^exponent.
    init(_ value: Int64, exponent: Int = 0) {
        self.init(negative: value < 0, magnitude: QuantityMagnitude(value.magnitude), exponent: exponent)
    }

    var isZero: Bool { magnitude.isZero }

    /// -1, 0 or 1.
    var sign: Int { isZero ? 0 : (negative ? -1 : 1) }

    /// True when the value has no fractional part.
    var isInteger: Bool { exponent >= 0 }

    /// The position just above the most significant digit: `10^(order-1) <= |self| < 10^order`.
    var order: Int { exponent + magnitude.decimalDigitCount }

    var negated: QuantityAmount {
        QuantityAmount(negative: !negative, magnitude: magnitude, exponent: exponent)
    }

    var absolute: QuantityAmount {
        QuantityAmount(negative: false, magnitude: magnitude, exponent: exponent)
    }

    /// Compares absolute values without ever expanding a large exponent.
    static func compareMagnitudes(_ a: QuantityAmount, _ b: QuantityAmount) -> Int {
        if a.isZero || b.isZero { return a.isZero ? (b.isZero ? 0 : -1) : 1 }
        if a.exponent == b.exponent { return a.magnitude.compare(b.magnitude) }
        let orderA = a.order, orderB = b.order
        if orderA != orderB { return orderA < orderB ? -1 : 1 }
        // Same order: the exponent gap is bounded by the digit counts, so aligning is cheap.
        if a.exponent > b.exponent {
            return a.magnitude.multipliedByPowerOfTen(a.exponent - b.exponent).compare(b.magnitude)
        }
        return a.magnitude.compare(b.magnitude.multipliedByPowerOfTen(b.exponent - a.exponent))
    }

    /// -1, 0 or 1 as `a` is less than, equal to or greater than `b`.
    static func compare(_ a: QuantityAmount, _ b: QuantityAmount) -> Int {
        let sa = a.sign, sb = b.sign
        if sa != sb { return sa < sb ? -1 : 1 }
        if sa == 0 { return 0 }
        return compareMagnitudes(a, b) * sa
    }

    /// The exact sum, except that an addend lying more than `maximumExactShift` decimal places
    /// below the other's least significant digit is dropped (it cannot change any digit that a
    /// bounded amount of memory could hold).
    static func + (a: QuantityAmount, b: QuantityAmount) -> QuantityAmount {
        if a.isZero { return b }
        if b.isZero { return a }
        if abs(a.exponent - b.exponent) > maximumExactShift {
            let orderA = a.order, orderB = b.order
            if orderA > orderB, a.exponent - orderB > maximumExactShift { return a }
            if orderB > orderA, b.exponent - orderA > maximumExactShift { return b }
        }
        let base = min(a.exponent, b.exponent)
        let ma = a.magnitude.multipliedByPowerOfTen(a.exponent - base)
        let mb = b.magnitude.multipliedByPowerOfTen(b.exponent - base)
        if a.negative == b.negative {
            return QuantityAmount(negative: a.negative, magnitude: ma + mb, exponent: base)
        }
        switch ma.compare(mb) {
        case 0: return .zero
        case 1: return QuantityAmount(negative: a.negative, magnitude: ma.subtracting(mb), exponent: base)
        default: return QuantityAmount(negative: b.negative, magnitude: mb.subtracting(ma), exponent: base)
        }
    }

    static func - (a: QuantityAmount, b: QuantityAmount) -> QuantityAmount { a + b.negated }

    /// Rounds away from zero so that no digit remains below 10^`target`; `exact` is false when
    /// something non-zero was discarded.
    func roundedAwayFromZero(toExponent target: Int) -> (amount: QuantityAmount, exact: Bool) {
        guard exponent < target, !isZero else { return (self, true) }
        let shift = target - exponent
        if shift > magnitude.decimalDigitCount {
            return (QuantityAmount(negative: negative, magnitude: QuantityMagnitude(1), exponent: target), false)
        }
        let (quotient, inexact) = magnitude.dividedByPowerOfTen(shift)
        let rounded = inexact ? quotient.adding(1) : quotient
        return (QuantityAmount(negative: negative, magnitude: rounded, exponent: target), !inexact)
    }

    /// `ceil(|self| / 10^scale)` with the sign restored (rounding away from zero), saturated to
    /// `Int64.min ... Int64.max`.
    func scaledInt64(scale: Int) -> Int64 {
        if isZero { return 0 }
        let rounded = roundedAwayFromZero(toExponent: scale).amount
        let shift = rounded.exponent - scale
        let saturated: Int64 = negative ? .min : .max
        guard shift <= 19, let small = rounded.magnitude.uint64Value else { return saturated }
        let (high, low) = small.multipliedFullWidth(by: QuantityMagnitude.powersOfTen[shift])
        guard high == 0 else { return saturated }
        if negative {
            if low == UInt64(Int64.max) + 1 { return .min }
            return low <= UInt64(Int64.max) ? -Int64(low) : .min
        }
        return low <= UInt64(Int64.max) ? Int64(low) : .max
    }

    /// The integer value as a magnitude, when the amount is an integer whose exponent is at most
    /// `maximumExponent` (so the expansion stays small).
    func integerMagnitude(maximumExponent: Int) -> QuantityMagnitude? {
        guard exponent >= 0, exponent <= maximumExponent else { return nil }
        return magnitude.multipliedByPowerOfTen(exponent)
    }

    /// The digits and base-10 exponent with the exponent lowered to a multiple of three, the form
    /// both decimal formats print (`1.1e5` gives `("110", 3)`); the sign is not included.
    func canonicalDecimal() -> (digits: String, exponent: Int) {
        if isZero { return ("0", 0) }
        let remainder = ((exponent % 3) + 3) % 3
        let widened = magnitude.multipliedByPowerOfTen(remainder)
        return (widened.decimalString, exponent - remainder)
    }

    /// An approximate floating-point value.
    var doubleValue: Double {
        let digits = magnitude.decimalString
        let value = Double(digits + "e" + String(exponent)) ?? (negative ? -Double.infinity : Double.infinity)
        return negative ? -value : value
    }
}
