/// A Kubernetes `resource.Quantity`: an exact decimal amount such as `100m`, `1.5Gi` or `1e3`,
/// used for resource requests, limits, capacities and quotas.
///
/// Parsing and printing follow Kubernetes (`k8s.io/apimachinery/pkg/api/resource`):
/// - The grammar is `<sign>?<digits>[.<digits>]<suffix>` where the suffix is a binary SI suffix
///   (`Ki Mi Gi Ti Pi Ei`), a decimal SI suffix (`n u m "" k M G T P E`) or a decimal exponent
///   (`e3`, `E-3`, `e+6`). The suffix family decides the `format` used when printing.
/// - Values are exact. Anything finer than 10^-9 is rounded up (away from zero) to the next nano,
///   so a request for "some" resource never becomes zero. Binary-SI values are capped at 2^63-1.
/// - `description` is Kubernetes' `String()`: the canonical form (largest suffix or exponent that
///   loses no precision and prints no fraction, e.g. `0.5` → `500m`, `1.5Gi` → `1536Mi`,
///   `1000` → `1k`), except that an input Kubernetes already considers canonical keeps its exact
///   spelling (`1e3` stays `1e3`, `+1` stays `+1`, and, quirk included, `1.500` stays `1.500`).
///   `canonicalString` always recomputes from value and format.
///
/// Equality, hashing and ordering compare numeric values only, as Kubernetes' `Cmp` does: `1Ki`
/// equals `1024` although they print differently.
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How a quantity is printed; set from the suffix it was parsed with.
    public enum Format: String, Sendable, Hashable, Codable, CaseIterable {
        /// Powers of ten written as an exponent, e.g. `12e6`.
        case decimalExponent = "DecimalExponent"
        /// Powers of 1024 with a binary suffix, e.g. `12Mi`.
        case binarySI = "BinarySI"
        /// Powers of 1000 with a decimal SI suffix, e.g. `12M` or `100m`.
        case decimalSI = "DecimalSI"
    }

    /// The exact value.
    var amount: QuantityAmount
    /// The text to print instead of the computed canonical form (set only when parsing found the
    /// input already canonical, exactly where Kubernetes reuses the input string).
    var preservedText: String?

    /// The print format. Changing it changes `description` (never the value).
    public var format: Format {
        didSet { preservedText = nil }
    }

    init(amount: QuantityAmount, format: Format, preservedText: String? = nil) {
        self.amount = amount
        self.format = format
        self.preservedText = preservedText
    }

    /// The zero quantity (`0`, DecimalSI).
    public static let zero = Quantity(amount: .zero, format: .decimalSI)

    /// The quantity `value` (whole units) printed in `format`.
    public init(_ value: Int64, format: Format = .decimalSI) {
        self.init(amount: QuantityAmount(value), format: format)
    }

    /// The quantity `milliValue / 1000` printed in `format` (e.g. `Quantity(milli: 250)` is `250m`).
    public init(milli milliValue: Int64, format: Format = .decimalSI) {
        self.init(amount: QuantityAmount(milliValue, exponent: -3), format: format)
    }

    /// The quantity `value * 10^scale` in DecimalSI (e.g. `Quantity(scaled: 5, scale: 6)` is `5M`);
    /// `scale` is clamped to ±(2^31-1), the range Kubernetes scales have.
    public init(scaled value: Int64, scale: Int) {
        self.init(amount: QuantityAmount(value, exponent: Quantity.clampScale(scale)), format: .decimalSI)
    }

    /// Keeps caller-supplied scales in Kubernetes' 32-bit range so exponent arithmetic cannot overflow.
    static func clampScale(_ scale: Int) -> Int {
        Swift.min(Swift.max(scale, -Int(Int32.max)), Int(Int32.max))
    }

    /// True when the value is zero.
    public var isZero: Bool { amount.isZero }

    /// -1, 0 or 1 by the sign of the value.
    public var sign: Int { amount.sign }

    /// The value in whole units, rounded up away from zero (`1500m` → 2, `-1500m` → -2) and
    /// saturated to the `Int64` range.
    public var value: Int64 { amount.scaledInt64(scale: 0) }

    /// The value in thousandths, rounded up away from zero (`1n` → 1) and saturated to the `Int64`
    /// range; the unit schedulers use for CPU.
    public var milliValue: Int64 { amount.scaledInt64(scale: -3) }

    /// `ceil(value / 10^scale)` away from zero, saturated: `scaledValue(-9)` is nanounits,
    /// `scaledValue(6)` is millions.
    public func scaledValue(_ scale: Int) -> Int64 { amount.scaledInt64(scale: Quantity.clampScale(scale)) }

    /// An approximate floating-point value, for scoring and display only.
    public var doubleValue: Double { amount.doubleValue }

    /// The same magnitude with the opposite sign, in the same format.
    public static prefix func - (operand: Quantity) -> Quantity {
        Quantity(amount: operand.amount.negated, format: operand.format)
    }

    /// The exact sum. The result takes the left operand's format, or the right one's when the left
    /// is zero (so summing into `.zero` keeps the units of what was summed).
    public static func + (lhs: Quantity, rhs: Quantity) -> Quantity {
        Quantity(amount: lhs.amount + rhs.amount, format: lhs.isZero ? rhs.format : lhs.format)
    }

    /// The exact difference, with the same format rule as `+`.
    public static func - (lhs: Quantity, rhs: Quantity) -> Quantity {
        Quantity(amount: lhs.amount - rhs.amount, format: lhs.isZero ? rhs.format : lhs.format)
    }

    /// Adds `rhs` to `lhs` in place.
    public static func += (lhs: inout Quantity, rhs: Quantity) { lhs = lhs + rhs }

    /// Subtracts `rhs` from `lhs` in place.
    public static func -= (lhs: inout Quantity, rhs: Quantity) { lhs = lhs - rhs }

    /// Numeric equality; format and spelling are ignored.
    public static func == (lhs: Quantity, rhs: Quantity) -> Bool { lhs.amount == rhs.amount }

    /// Numeric order.
    public static func < (lhs: Quantity, rhs: Quantity) -> Bool {
        QuantityAmount.compare(lhs.amount, rhs.amount) < 0
    }

    /// Hashes the numeric value only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(amount) }

    /// The string Kubernetes prints for this quantity (see the type's documentation).
    public var description: String { preservedText ?? canonicalString }

    /// The canonical form computed from value and format, ignoring the parsed spelling.
    public var canonicalString: String { QuantityFormatter.canonical(amount, format: format) }
}
