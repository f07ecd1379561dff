/// Computes the canonical text of a quantity, following Kubernetes' rules:
///
/// - Zero prints `0` in every format.
/// - DecimalSI and DecimalExponent move every trailing zero into the exponent, then lower the
///   exponent to a multiple of three; DecimalSI names it with a suffix (`n u m "" k M G T P E`) and
///   falls back to exponent notation outside that range (`1e21`, `100e-12`); DecimalExponent writes
///   `e<exp>` unless the exponent is 0.
/// - BinarySI prints as DecimalSI when the magnitude is below 1024 or the value has a fraction
///   (no precision is lost); otherwise it divides out powers of 1024 and uses `Ki ... Ei`, falling
///   back to DecimalExponent when more than six factors of 1024 divide it (past `Ei`).
enum QuantityFormatter {
    /// The decimal SI suffix for a base-10 exponent, if there is one.
    static func decimalSuffix(_ exponent: Int) -> String? {
        switch exponent {
        case -9: return "n"
        case -6: return "u"
        case -3: return "m"
        case 0: return ""
        case 3: return "k"
        case 6: return "M"
        case 9: return "G"
        case 12: return "T"
        case 15: return "P"
        case 18: return "E"
        default: return nil
        }
    }

    /// Binary SI suffixes by power of 1024.
    static let binarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]

    /// The canonical string of `amount` in `format`.
    static func canonical(_ amount: QuantityAmount, format: Quantity.Format) -> String {
        if amount.isZero { return "0" }
        let sign = amount.negative ? "-" : ""
        switch format {
        case .decimalSI, .decimalExponent:
            return sign + decimal(amount, format: format)
        case .binarySI:
            let thousandTwentyFour = QuantityAmount(1024)
            if QuantityAmount.compareMagnitudes(amount, thousandTwentyFour) < 0 || !amount.isInteger {
                return sign + decimal(amount, format: .decimalSI)
            }
            // 2^70 already needs seven factors of 1024, so a larger exponent always falls back;
            // this bound also keeps the integer expansion small.
            guard var value = amount.integerMagnitude(maximumExponent: 69) else {
                return sign + decimal(amount, format: .decimalExponent)
            }
            var power = 0
            while power < binarySuffixes.count {
                let (q, r) = value.quotientAndRemainder(dividingBy: 1024)
                guard r == 0 else { break }
                value = q
                power += 1
            }
            guard power < binarySuffixes.count else {
                return sign + decimal(amount, format: .decimalExponent)
            }
            return sign + value.decimalString + binarySuffixes[power]
        }
    }

    /// The unsigned decimal text of `amount` with its suffix.
    private static func decimal(_ amount: QuantityAmount, format: Quantity.Format) -> String {
        let (digits, exponent) = amount.canonicalDecimal()
        if format == .decimalSI, let suffix = decimalSuffix(exponent) {
            return digits + suffix
        }
        return exponent == 0 ? digits : digits + "e" + String(exponent)
    }
}
