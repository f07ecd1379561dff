import HTTPTypes
import Testing

@testable import KubeAPIServer

/// The headers an API request keeps, read in one pass: the same values `HTTPFields`' subscript gives.
@Suite struct RequestHeadersTests {
    @Test func eachHeaderReadsAsTheSubscriptReadsIt() {
        var fields = HTTPFields()
        fields.append(HTTPField(name: .accept, value: "application/json;as=Table;v=v1;g=meta.k8s.io"))
        fields.append(HTTPField(name: .contentType, value: "application/merge-patch+json"))
        fields.append(HTTPField(name: .userAgent, value: "kubectl/v1.31.0 (linux/amd64)"))
        fields.append(HTTPField(name: .accept, value: "application/json"))
        fields.append(HTTPField(name: .authorization, value: "Bearer t"))
        let read = APIHandler.requestHeaders(fields)
        #expect(read.accept == fields[.accept])
        #expect(read.accept == "application/json;as=Table;v=v1;g=meta.k8s.io, application/json")
        #expect(read.contentType == fields[.contentType])
        #expect(read.userAgent == fields[.userAgent])
    }

    @Test func missingHeadersAreEmpty() {
        var fields = HTTPFields()
        fields.append(HTTPField(name: .connection, value: "keep-alive"))
        let read = APIHandler.requestHeaders(fields)
        #expect(read.contentType == "" && read.accept == "" && read.userAgent == "")
    }

    @Test func namesMatchWhateverTheirCase() throws {
        var fields = HTTPFields()
        let name = try #require(HTTPField.Name("CONTENT-TYPE"))
        fields.append(HTTPField(name: name, value: "application/yaml"))
        #expect(APIHandler.requestHeaders(fields).contentType == "application/yaml")
    }
}
