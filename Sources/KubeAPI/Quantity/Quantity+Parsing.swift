extension Quantity {
    /// Kubernetes' message for text that does not have the shape of a quantity.
    public static let formatErrorMessage =
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    /// Kubernetes' message for a number part that cannot be read.
    public static let numericErrorMessage = "unable to parse numeric part of quantity"
    /// Kubernetes' message for an unknown suffix (`1Ki3`, `5mi`, `1e`).
    public static let suffixErrorMessage = "unable to parse quantity's suffix"

    /// The most significant digits a quantity may have (after dropping leading and trailing zeros
    /// and digits below a nano). Kubernetes has no such limit; it bounds the work an absurd input
    /// can cause, and real quantities have fewer than 30.
    public static let maximumSignificantDigits = 1000

    /// Parses `text` exactly as Kubernetes' `ParseQuantity` does.
    ///
    /// Accepts what Kubernetes accepts, including its lenient corners (`.5`, `1.`, `+1`, a lone
    /// sign or suffix meaning zero); no surrounding whitespace is allowed. Throws a 400 BadRequest
    /// carrying Kubernetes' message (`formatErrorMessage`, `numericErrorMessage` or
    /// `suffixErrorMessage`). Exponents beyond ±(2^31-1) are rejected as bad suffixes, and numbers
    /// with more than `maximumSignificantDigits` significant digits as bad numbers.
    public init(parsing text: String) throws(APIError) {
        if text.isEmpty { throw .badRequest(Quantity.formatErrorMessage) }
        if text == "0" {
            self.init(amount: .zero, format: .decimalSI, preservedText: "0")
            return
        }
        let outcome =
            text.utf8.withContiguousStorageIfAvailable { QuantityParser.parse($0, text: text) }
            ?? Array(text.utf8).withUnsafeBufferPointer { QuantityParser.parse($0, text: text) }
        self = try outcome.get()
    }
}

/// The digits of a parsed number as Kubernetes sees them: the integer part without leading zeros
/// (read as a single `0` when empty) followed by the fraction digits as written.
struct QuantityDigits {
    let bytes: UnsafeBufferPointer<UInt8>
    let integer: Range<Int>
    let fraction: Range<Int>

    /// Digits before the point (at least 1).
    var integerCount: Int { Swift.max(1, integer.count) }
    /// Digits after the point.
    var fractionCount: Int { fraction.count }
    /// All digits.
    var count: Int { integerCount + fraction.count }

    /// The ASCII digit at `index` of the integer-then-fraction run.
    subscript(index: Int) -> UInt8 {
        if index < integerCount {
            return integer.isEmpty ? UInt8(ascii: "0") : bytes[integer.lowerBound + index]
        }
        return bytes[fraction.lowerBound + index - integerCount]
    }

    /// The integer part's value when it has at most 18 digits.
    var smallInteger: UInt64? {
        guard integerCount <= 18 else { return nil }
        var value: UInt64 = 0
        for i in 0..<integerCount { value = value * 10 + UInt64(self[i] &- 0x30) }
        return value
    }
}

/// Kubernetes' quantity parser over UTF-8 bytes (no allocation for ordinary inputs).
enum QuantityParser {
    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    private static func isSuffixLetter(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "i"), UInt8(ascii: "n"), UInt8(ascii: "u"),
            UInt8(ascii: "m"), UInt8(ascii: "k"), UInt8(ascii: "K"), UInt8(ascii: "M"), UInt8(ascii: "G"),
            UInt8(ascii: "T"), UInt8(ascii: "P"):
            return true
        default:
            return false
        }
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, text: String) -> Result<Quantity, APIError> {
        // Split into sign, integer digits (leading zeros dropped), fraction digits and suffix.
        let end = bytes.count
        var pos = 0
        var negative = false
        if pos < end, bytes[pos] == UInt8(ascii: "-") || bytes[pos] == UInt8(ascii: "+") {
            negative = bytes[pos] == UInt8(ascii: "-")
            pos += 1
        }
        var sawDigit = false
        while pos < end, bytes[pos] == UInt8(ascii: "0") {
            pos += 1
            sawDigit = true
        }
        let integerStart = pos
        while pos < end, isDigit(bytes[pos]) { pos += 1 }
        let integer = integerStart..<pos
        var fraction = pos..<pos
        if pos < end, bytes[pos] == UInt8(ascii: ".") {
            pos += 1
            let fractionStart = pos
            while pos < end, isDigit(bytes[pos]) { pos += 1 }
            fraction = fractionStart..<pos
        }
        sawDigit = sawDigit || !integer.isEmpty || !fraction.isEmpty
        let suffixStart = pos
        while pos < end, isSuffixLetter(bytes[pos]) { pos += 1 }
        if pos < end, bytes[pos] == UInt8(ascii: "-") || bytes[pos] == UInt8(ascii: "+") { pos += 1 }
        while pos < end, isDigit(bytes[pos]) { pos += 1 }
        guard pos == end else { return .failure(.badRequest(Quantity.formatErrorMessage)) }

        guard let suffix = QuantitySuffix(UnsafeBufferPointer(rebasing: bytes[suffixStart..<end])) else {
            return .failure(.badRequest(Quantity.suffixErrorMessage))
        }
        let digits = QuantityDigits(bytes: bytes, integer: integer, fraction: fraction)
        if !sawDigit, !suffix.takesFastPath(digits) {
            // Kubernetes reads such inputs with a decimal library that rejects a bare ".".
            return .failure(.badRequest(Quantity.numericErrorMessage))
        }

        // For decimal suffixes, digits worth less than a nano only matter as "something is there",
        // which rounds up (away from zero) by one nano; dropping them keeps the work bounded.
        var cut = digits.count
        var sticky = false
        var exponent = -digits.fractionCount
        switch suffix {
        case .binary:
            break
        case .decimal(let decimalExponent, _):
            exponent += decimalExponent
            let nanoCut = decimalExponent + digits.integerCount + 9
            if nanoCut < digits.count {
                cut = Swift.max(0, nanoCut)
                for i in cut..<digits.count where digits[i] != UInt8(ascii: "0") {
                    sticky = true
                    break
                }
                exponent += digits.count - cut
            }
        }
        // Trailing zeros go straight into the exponent; leading zeros add nothing.
        var significantEnd = cut
        while significantEnd > 0, digits[significantEnd - 1] == UInt8(ascii: "0") { significantEnd -= 1 }
        exponent += cut - significantEnd
        var significantStart = 0
        while significantStart < significantEnd, digits[significantStart] == UInt8(ascii: "0") { significantStart += 1 }
        guard significantEnd - significantStart <= Quantity.maximumSignificantDigits else {
            return .failure(.badRequest(Quantity.numericErrorMessage))
        }
        var builder = QuantityMagnitude.Builder()
        for i in significantStart..<significantEnd { builder.append(digit: digits[i] &- 0x30) }
        var magnitude = builder.value
        if case .binary(let power) = suffix {
            for _ in 0..<power { magnitude = magnitude.multiplied(by: 1024) }
        }
        var amount = QuantityAmount(negative: negative, magnitude: magnitude, exponent: exponent)
        if sticky {
            amount = amount + QuantityAmount(negative: negative, magnitude: QuantityMagnitude(1), exponent: -9)
        }
        if !amount.isZero {
            amount = amount.roundedAwayFromZero(toExponent: -9).amount
        }
        var format = suffix.format
        if format == .binarySI {
            let maximum = QuantityAmount(Int64.max)
            if QuantityAmount.compareMagnitudes(amount, maximum) > 0 {
                amount = negative ? maximum.negated : maximum
            }
            if !amount.isZero, QuantityAmount.compareMagnitudes(amount, QuantityAmount(1)) < 0 {
                format = .decimalSI
            }
        }
        let keep = suffix.keepsSpelling(digits)
        return .success(Quantity(amount: amount, format: format, preservedText: keep ? text : nil))
    }
}
