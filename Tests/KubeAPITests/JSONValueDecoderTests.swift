import Foundation
import Testing

@testable import KubeAPI

@Suite struct JSONValueDecoderTests {
    struct Sample: Codable, Equatable {
        var name: String
        var count: Int
        var ratio: Double?
        var small: UInt8?
        var flags: [Bool]
        var blob: Data?
        var link: URL?
        var nested: [String: [Int]]?
        var opaque: JSONValue?
    }

    private func both<T: Decodable & Equatable>(_ type: T.Type, _ json: String) throws -> T {
        let foundation = try JSONDecoder().decode(T.self, from: Data(json.utf8))
        let direct = try JSONValueDecoder().decode(T.self, from: JSONValue.parse(Data(json.utf8)))
        #expect(direct == foundation)
        return direct
    }

    @Test func decodesWhatJSONDecoderDecodes() throws {
        let sample = try both(Sample.self, """
            {"name":"a","count":2.0,"ratio":1.5e2,"small":255,"flags":[true,false],"blob":"aGVsbG8=",
             "link":"https://example.com/x","nested":{"k":[1,2,3]},"opaque":{"x":[1,"two",null]},"extra":7}
            """)
        #expect(sample.count == 2)
        #expect(sample.blob == Data("hello".utf8))
        #expect(sample.opaque == ["x": [1, "two", nil]])
        let sparse = try both(Sample.self, #"{"name":"b","count":-3,"ratio":null,"flags":[]}"#)
        #expect(sparse.ratio == nil && sparse.nested == nil)
    }

    @Test func refusesWhatJSONDecoderRefusesWithThePath() throws {
        let cases: [(json: String, path: String)] = [
            (#"{"count":1,"flags":[]}"#, ""),  // name missing
            (#"{"name":"a","count":1.5,"flags":[]}"#, "count"),  // not an integer
            (#"{"name":"a","count":1,"small":256,"flags":[]}"#, "small"),  // out of range
            (#"{"name":"a","count":1,"flags":[true,"yes"]}"#, "flags.Index 1"),
            (#"{"name":null,"count":1,"flags":[]}"#, "name"),
            (#"{"name":"a","count":1,"flags":[],"blob":"%%%"}"#, "blob"),
        ]
        for (json, path) in cases {
            #expect(throws: DecodingError.self, "\(json)") {
                try JSONDecoder().decode(Sample.self, from: Data(json.utf8))
            }
            do {
                _ = try JSONValueDecoder().decode(Sample.self, from: JSONValue.parse(Data(json.utf8)))
                Issue.record("decoded \(json)")
            } catch let error as DecodingError {
                let context: DecodingError.Context? = switch error {
                case .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): c
                @unknown default: nil
                }
                #expect(context?.codingPath.map(\.stringValue).joined(separator: ".") == path, "\(json): \(error)")
            }
        }
    }
}
