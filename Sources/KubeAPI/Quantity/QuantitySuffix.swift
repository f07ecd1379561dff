/// The meaning of a quantity suffix, and Kubernetes' rules for when a parsed spelling is kept.
enum QuantitySuffix: Sendable, Equatable {
    /// A power of 1024: `Ki` is 1, `Ei` is 6.
    case binary(power: Int)
    /// A power of ten from a decimal SI suffix or an `e`/`E` exponent.
    case decimal(exponent: Int, format: Quantity.Format)

    /// The largest exponent magnitude accepted after `e`/`E` (Kubernetes keeps scales in 32 bits).
    static let maximumExponent = Int(Int32.max)

    /// Interprets the bytes after the number; `nil` for an unknown suffix.
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        switch bytes.count {
        case 0:
            self = .decimal(exponent: 0, format: .decimalSI)
            return
        case 1:
            switch bytes[0] {
            case UInt8(ascii: "n"): self = .decimal(exponent: -9, format: .decimalSI)
            case UInt8(ascii: "u"): self = .decimal(exponent: -6, format: .decimalSI)
            case UInt8(ascii: "m"): self = .decimal(exponent: -3, format: .decimalSI)
            case UInt8(ascii: "k"): self = .decimal(exponent: 3, format: .decimalSI)
            case UInt8(ascii: "M"): self = .decimal(exponent: 6, format: .decimalSI)
            case UInt8(ascii: "G"): self = .decimal(exponent: 9, format: .decimalSI)
            case UInt8(ascii: "T"): self = .decimal(exponent: 12, format: .decimalSI)
            case UInt8(ascii: "P"): self = .decimal(exponent: 15, format: .decimalSI)
            case UInt8(ascii: "E"): self = .decimal(exponent: 18, format: .decimalSI)
            default: return nil
            }
            return
        default:
            break
        }
        if bytes.count == 2, bytes[1] == UInt8(ascii: "i") {
            switch bytes[0] {
            case UInt8(ascii: "K"): self = .binary(power: 1)
            case UInt8(ascii: "M"): self = .binary(power: 2)
            case UInt8(ascii: "G"): self = .binary(power: 3)
            case UInt8(ascii: "T"): self = .binary(power: 4)
            case UInt8(ascii: "P"): self = .binary(power: 5)
            case UInt8(ascii: "E"): self = .binary(power: 6)
            default: return nil
            }
            return
        }
        guard bytes[0] == UInt8(ascii: "e") || bytes[0] == UInt8(ascii: "E") else { return nil }
        // A signed decimal integer, as Go's strconv.ParseInt reads it, within ±(2^31-1).
        var pos = 1
        var negative = false
        if bytes[pos] == UInt8(ascii: "-") || bytes[pos] == UInt8(ascii: "+") {
            negative = bytes[pos] == UInt8(ascii: "-")
            pos += 1
        }
        guard pos < bytes.count else { return nil }
        var value = 0
        while pos < bytes.count {
            let b = bytes[pos]
            guard b >= 0x30, b <= 0x39 else { return nil }
            value = value * 10 + Int(b - 0x30)
            guard value <= QuantitySuffix.maximumExponent else { return nil }
            pos += 1
        }
        self = .decimal(exponent: negative ? -value : value, format: .decimalExponent)
    }

    /// The format a quantity parsed with this suffix prints in.
    var format: Quantity.Format {
        switch self {
        case .binary: return .binarySI
        case .decimal(_, let format): return format
        }
    }

    /// Whether Kubernetes reads these digits on its 64-bit fast path (as opposed to its
    /// arbitrary-precision path); only that path may keep the input spelling.
    func takesFastPath(_ digits: QuantityDigits) -> Bool {
        switch self {
        case .decimal(let exponent, _):
            return digits.count <= 18 && exponent - digits.fractionCount >= -9
        case .binary(let power):
            guard digits.fractionCount == 0 else { return false }
            // Kubernetes budgets about 3 decimal digits per factor of 1024.
            guard 14 - digits.integerCount - 3 * power >= 0, let value = digits.smallInteger else { return false }
            return value <= (UInt64(Int64.max) >> UInt64(10 * power))
        }
    }

    /// Whether Kubernetes keeps the input spelling as the printed form: only on the fast path, and
    /// only when the spelling looks canonical (decimal: scale a multiple of three, digits neither
    /// starting with 0 nor ending in 000; binary: integer not divisible by 8).
    func keepsSpelling(_ digits: QuantityDigits) -> Bool {
        guard takesFastPath(digits) else { return false }
        switch self {
        case .decimal(let exponent, _):
            guard (exponent - digits.fractionCount) % 3 == 0, digits[0] != UInt8(ascii: "0") else { return false }
            let n = digits.count
            let zero = UInt8(ascii: "0")
            return !(n >= 3 && digits[n - 1] == zero && digits[n - 2] == zero && digits[n - 3] == zero)
        case .binary:
            guard let value = digits.smallInteger else { return false }
            return value & 7 != 0
        }
    }
}
