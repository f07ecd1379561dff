import Foundation

extension Quantity: Codable {
    /// Decodes a quantity the way Kubernetes unmarshals one: from a JSON string (surrounding
    /// whitespace trimmed), from a JSON number (read from its decimal value), or from `null`
    /// (the zero quantity). A malformed quantity fails with `DecodingError.dataCorrupted` whose
    /// underlying error is the `APIError`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .zero
            return
        }
        let text: String
        if let string = try? container.decode(String.self) {
            text = String(string.trimmingWhitespace())
        } else if let integer = try? container.decode(Int64.self) {
            text = String(integer)
        } else if let decimal = try? container.decode(Decimal.self) {
            text = decimal.description
        } else {
            let double = try container.decode(Double.self)
            guard double.isFinite else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: Quantity.formatErrorMessage)
            }
            text = String(double)
        }
        do {
            self = try Quantity(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath, debugDescription: error.message, underlyingError: error))
        }
    }

    /// Encodes the quantity as a JSON string holding `description`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Quantity {
    /// Reads a quantity from a JSON value as Kubernetes does: a string (whitespace trimmed), a
    /// number (its exact JSON text), or `null` (zero). Any other value, or malformed text, throws a
    /// 400 BadRequest with Kubernetes' quantity message.
    public init(jsonValue: JSONValue) throws(APIError) {
        switch jsonValue {
        case .null:
            self = .zero
        case .string(let text):
            self = try Quantity(parsing: String(text.trimmingWhitespace()))
        case .number(let text):
            self = try Quantity(parsing: text)
        default:
            throw .badRequest(Quantity.formatErrorMessage)
        }
    }

    /// The quantity as a JSON string value, the form Kubernetes writes.
    public var jsonValue: JSONValue { .string(description) }
}
