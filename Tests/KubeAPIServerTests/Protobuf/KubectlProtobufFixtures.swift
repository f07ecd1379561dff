import Foundation
import KubeAPI
import Testing

@testable import KubeAPIServer

/// Request bodies captured from kubectl v1.37.1 (`--dry-run=server` through a recording proxy), with the JSON
/// the same command prints with `--dry-run=client -o json`.
enum KubectlProtobufFixtures {
    /// One captured body.
    struct Fixture: Sendable, CustomTestStringConvertible {
        let name: String
        let command: String
        let base64: String
        let expectedJSON: String
        var testDescription: String { name }
    }

    static let all: [Fixture] = [
        Fixture(
            name: "namespace",
            command: "kubectl create ns pbtest-ns",
            base64: "azhzAAoPCgJ2MRIJTmFtZXNwYWNlEiEKGQoJcGJ0ZXN0LW5zEgAaACIAKgAyADgAQgASABoCCgAaACIA",
            expectedJSON: """
                {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"pbtest-ns"},"spec":{},"status":{}}
                """),
        Fixture(
            name: "configMap",
            command:
                "kubectl create configmap pbtest-cm --from-literal=a=1 --from-literal=empty= --from-file=bin=small.bin (bytes 00 01 fe ff)",
            base64:
                "azhzAAoPCgJ2MRIJQ29uZmlnTWFwEjsKGQoJcGJ0ZXN0LWNtEgAaACIAKgAyADgAQgASBgoBYRIBMRIJCgVlbXB0eRIAGgsK"
                + "A2JpbhIEAAH+/xoAIgA=",
            expectedJSON: """
                {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"pbtest-cm"},"data":{"a":"1","empty":""\
                },"binaryData":{"bin":"AAH+/w=="}}
                """),
        Fixture(
            name: "secret",
            command: "kubectl create secret generic pbtest-sec --from-literal=user=admin --from-literal=pw='s3cr=t'",
            base64:
                "azhzAAoMCgJ2MRIGU2VjcmV0EjsKGgoKcGJ0ZXN0LXNlYxIAGgAiACoAMgA4AEIAEgwKAnB3EgZzM2NyPXQSDQoEdXNlchIF"
                + "YWRtaW4aABoAIgA=",
            expectedJSON: """
                {"kind":"Secret","apiVersion":"v1","metadata":{"name":"pbtest-sec"},"data":{"pw":"czNjcj10","use\
                r":"YWRtaW4="}}
                """),
        Fixture(
            name: "serviceClusterIP",
            command: "kubectl create service clusterip pbtest-svc --tcp=80:8080 --tcp=443:https",
            base64:
                "azhzAAoNCgJ2MRIHU2VydmljZRKiAQotCgpwYnRlc3Qtc3ZjEgAaACIAKgAyADgAQgBaEQoDYXBwEgpwYnRlc3Qtc3ZjEm0K"
                + "GwoHODAtODA4MBIDVENQGFAiBwgAEJA/GgAoAAoiCgk0NDMtaHR0cHMSA1RDUBi7AyILCAEQABoFaHR0cHMoABIRCgNhcHAS"
                + "CnBidGVzdC1zdmMaACIJQ2x1c3RlcklQOgBCAFIAWgBgAGgAGgIKABoAIgA=",
            expectedJSON: """
                {"kind":"Service","apiVersion":"v1","metadata":{"name":"pbtest-svc","labels":{"app":"pbtest-svc"\
                }},"spec":{"ports":[{"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080},{"name":"443\
                -https","protocol":"TCP","port":443,"targetPort":"https"}],"selector":{"app":"pbtest-svc"},"type\
                ":"ClusterIP"},"status":{"loadBalancer":{}}}
                """),
        Fixture(
            name: "serviceNodePort",
            command: "kubectl create service nodeport pbtest-np --tcp=80:8080 --node-port=30080",
            base64:
                "azhzAAoNCgJ2MRIHU2VydmljZRJ8CisKCXBidGVzdC1ucBIAGgAiACoAMgA4AEIAWhAKA2FwcBIJcGJ0ZXN0LW5wEkkKHQoH"
                + "ODAtODA4MBIDVENQGFAiBwgAEJA/GgAogOsBEhAKA2FwcBIJcGJ0ZXN0LW5wGgAiCE5vZGVQb3J0OgBCAFIAWgBgAGgAGgIK"
                + "ABoAIgA=",
            expectedJSON: """
                {"kind":"Service","apiVersion":"v1","metadata":{"name":"pbtest-np","labels":{"app":"pbtest-np"}}\
                ,"spec":{"ports":[{"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080,"nodePort":3008\
                0}],"selector":{"app":"pbtest-np"},"type":"NodePort"},"status":{"loadBalancer":{}}}
                """),
        Fixture(
            name: "serviceExternalName",
            command: "kubectl create service externalname pbtest-ext --external-name=example.com",
            base64:
                "azhzAAoNCgJ2MRIHU2VydmljZRJvCi0KCnBidGVzdC1leHQSABoAIgAqADIAOABCAFoRCgNhcHASCnBidGVzdC1leHQSOhIR"
                + "CgNhcHASCnBidGVzdC1leHQaACIMRXh0ZXJuYWxOYW1lOgBCAFILZXhhbXBsZS5jb21aAGAAaAAaAgoAGgAiAA==",
            expectedJSON: """
                {"kind":"Service","apiVersion":"v1","metadata":{"name":"pbtest-ext","labels":{"app":"pbtest-ext"\
                }},"spec":{"selector":{"app":"pbtest-ext"},"type":"ExternalName","externalName":"example.com"},"\
                status":{"loadBalancer":{}}}
                """),
        Fixture(
            name: "deployment",
            command: "kubectl create deployment pbtest-dep --image=nginx:1.27 --replicas=3 --port=80",
            base64:
                "azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50EtkBCi0KCnBidGVzdC1kZXASABoAIgAqADIAOABCAFoRCgNhcHASCnBidGVz"
                + "dC1kZXASmQEIAxITChEKA2FwcBIKcGJ0ZXN0LWRlcBp4CiMKABIAGgAiACoAMgA4AEIAWhEKA2FwcBIKcGJ0ZXN0LWRlcBJR"
                + "EjMKBW5naW54EgpuZ2lueDoxLjI3KgAyCgoAEAAYUCIAKgBCAGoAcgCAAQCIAQCQAQCiAQAaADIAQgBKAFIAWABgAGgAggEA"
                + "igEAmgEAwgEAIgIKACgAOAAaDAgAEAAYACAAKAA4ABoAIgA=",
            expectedJSON: """
                {"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"pbtest-dep","labels":{"app":"pbt\
                est-dep"}},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"pbtest-dep"}},"template":{"met\
                adata":{"labels":{"app":"pbtest-dep"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.27\
                ","ports":[{"containerPort":80}],"resources":{}}]}},"strategy":{}},"status":{}}
                """),
        Fixture(
            name: "deploymentZeroReplicas",
            command: "kubectl create deployment pbtest-dep0 --image=nginx --replicas=0",
            base64:
                "azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50EswBCi8KC3BidGVzdC1kZXAwEgAaACIAKgAyADgAQgBaEgoDYXBwEgtwYnRl"
                + "c3QtZGVwMBKKAQgAEhQKEgoDYXBwEgtwYnRlc3QtZGVwMBpoCiQKABIAGgAiACoAMgA4AEIAWhIKA2FwcBILcGJ0ZXN0LWRl"
                + "cDASQBIiCgVuZ2lueBIFbmdpbngqAEIAagByAIABAIgBAJABAKIBABoAMgBCAEoAUgBYAGAAaACCAQCKAQCaAQDCAQAiAgoA"
                + "KAA4ABoMCAAQABgAIAAoADgAGgAiAA==",
            expectedJSON: """
                {"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"pbtest-dep0","labels":{"app":"pb\
                test-dep0"}},"spec":{"replicas":0,"selector":{"matchLabels":{"app":"pbtest-dep0"}},"template":{"\
                metadata":{"labels":{"app":"pbtest-dep0"}},"spec":{"containers":[{"name":"nginx","image":"nginx"\
                ,"resources":{}}]}},"strategy":{}},"status":{}}
                """),
        Fixture(
            name: "job",
            command: "kubectl create job pbtest-job --image=busybox -- echo hello world",
            base64:
                "azhzAAoPCghiYXRjaC92MRIDSm9iEp4BChoKCnBidGVzdC1qb2ISABoAIgAqADIAOABCABJ2MnQKEAoAEgAaACIAKgAyADgA"
                + "QgASYBI9CgpwYnRlc3Qtam9iEgdidXN5Ym94GgRlY2hvGgVoZWxsbxoFd29ybGQqAEIAagByAIABAIgBAJABAKIBABoFTmV2"
                + "ZXIyAEIASgBSAFgAYABoAIIBAIoBAJoBAMIBABoIIAAoADAAOgAaACIA",
            expectedJSON: """
                {"kind":"Job","apiVersion":"batch/v1","metadata":{"name":"pbtest-job"},"spec":{"template":{"meta\
                data":{},"spec":{"containers":[{"name":"pbtest-job","image":"busybox","command":["echo","hello",\
                "world"],"resources":{}}],"restartPolicy":"Never"}}},"status":{}}
                """),
        Fixture(
            name: "serviceAccount",
            command: "kubectl create sa pbtest-sa",
            base64: "azhzAAoUCgJ2MRIOU2VydmljZUFjY291bnQSGwoZCglwYnRlc3Qtc2ESABoAIgAqADIAOABCABoAIgA=",
            expectedJSON: """
                {"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"pbtest-sa"}}
                """),
    ]
}
