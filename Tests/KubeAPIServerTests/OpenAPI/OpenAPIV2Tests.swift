import KubeAPI
import SwiftProtobuf
import Testing

@testable import KubeAPIServer

@Suite("OpenAPI v2 document")
struct OpenAPIV2Tests {
    let document = OpenAPIV2.document(schema: .standard, resources: ResourceCatalog.all)

    func definition(_ name: String) throws -> JSONValue {
        try #require(document["definitions"]?[name])
    }

    @Test func isSwaggerTwoWithTheDefinitionsOfEveryGroup() throws {
        #expect(document["swagger"] == "2.0")
        #expect(document["paths"] == [:])
        for name in ["io.k8s.api.core.v1.Pod", "io.k8s.api.apps.v1.Deployment", "io.k8s.api.apps.v1.DeploymentList",
            "io.k8s.api.batch.v1.Job", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]
        {
            _ = try definition(name)
        }
        let gvk = try definition("io.k8s.api.apps.v1.Deployment")["x-kubernetes-group-version-kind"]
        #expect(gvk == [["group": "apps", "kind": "Deployment", "version": "v1"]])
    }

    @Test func referencesPointIntoDefinitionsAndAllResolve() throws {
        let all = schemaRefs(in: try #require(document["definitions"]))
        #expect(!all.isEmpty)
        for ref in all {
            #expect(ref.hasPrefix("#/definitions/"), "\(ref)")
            #expect(document["definitions"]?[String(ref.dropFirst("#/definitions/".count))] != nil, "\(ref) resolves")
        }
    }

    @Test func propertiesUseAPlainRefBesideTheirDescription() throws {
        let spec = try #require(try definition("io.k8s.api.apps.v1.Deployment")["properties"]?["spec"])
        #expect(spec["$ref"] == "#/definitions/io.k8s.api.apps.v1.DeploymentSpec")
        #expect(spec["allOf"] == nil)
        #expect(spec["description"]?.stringValue?.isEmpty == false)
    }

    @Test func quantitiesAndIntOrStringsAreStrings() throws {
        let quantity = try definition(OpenAPISchemas.quantityName)
        #expect(quantity["type"] == "string")
        #expect(quantity["oneOf"] == nil)
        let intOrString = try definition(OpenAPISchemas.intOrStringName)
        #expect(intOrString["type"] == "string")
        #expect(intOrString["format"] == "int-or-string")
    }

    @Test func protobufCarriesTheDefinitionsSchemasAndExtensions() throws {
        let bytes = try OpenAPIV2.protobuf(document)
        let decoded = try Openapi_V2_Document(serializedBytes: bytes)
        #expect(decoded.swagger == "2.0")
        #expect(decoded.hasPaths)
        let names = decoded.definitions.additionalProperties.map(\.name)
        #expect(names.count == document["definitions"]?.objectValue?.count)
        let deployment = try #require(decoded.definitions.additionalProperties.first { $0.name == "io.k8s.api.apps.v1.Deployment" })
        #expect(deployment.value.type.value == ["object"])
        let gvk = try #require(deployment.value.vendorExtension.first { $0.name == "x-kubernetes-group-version-kind" })
        #expect(try JSONValue.parse(gvk.value.yaml) == [["group": "apps", "kind": "Deployment", "version": "v1"]])
        let spec = try #require(deployment.value.properties.additionalProperties.first { $0.name == "spec" })
        #expect(spec.value.ref == "#/definitions/io.k8s.api.apps.v1.DeploymentSpec")
        let podSpec = try #require(decoded.definitions.additionalProperties.first { $0.name == "io.k8s.api.core.v1.PodSpec" })
        #expect(podSpec.value.required.contains("containers"))
        let containers = try #require(podSpec.value.properties.additionalProperties.first { $0.name == "containers" })
        #expect(containers.value.type.value == ["array"])
        #expect(containers.value.items.schema.first?.ref == "#/definitions/io.k8s.api.core.v1.Container")
        #expect(containers.value.vendorExtension.contains { $0.name == "x-kubernetes-patch-merge-key" && $0.value.yaml == "\"name\"" })
    }
}
