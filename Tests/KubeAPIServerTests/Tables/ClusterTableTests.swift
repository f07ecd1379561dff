import Foundation
import KubeAPI
import Testing

@testable import KubeAPIServer

@Suite("Node, namespace, config and event tables")
struct ClusterTableTests {
    typealias F = TableFixtures

    static let node: JSONValue = [
        "metadata": [
            "name": "cp-1", "creationTimestamp": F.ago(86400 * 2 + 3600 * 3),
            "labels": [
                "kubernetes.io/hostname": "cp-1", "node-role.kubernetes.io/control-plane": "",
                "node-role.kubernetes.io/etcd": "true", "kubernetes.io/role": "master", "node-role.kubernetes.io/": "",
            ],
        ],
        "spec": ["podCIDR": "10.42.0.0/24"],
        "status": [
            "conditions": [
                ["type": "MemoryPressure", "status": "False"], ["type": "Ready", "status": "True"],
            ],
            "addresses": [
                ["type": "Hostname", "address": "cp-1"], ["type": "InternalIP", "address": "192.168.1.10"],
            ],
            "nodeInfo": [
                "kubeletVersion": "v1.34.1-skiff", "osImage": "Ubuntu 24.04 LTS", "kernelVersion": "6.8.0-45-generic",
                "containerRuntimeVersion": "skiff://0.1.0",
            ],
        ],
    ]

    @Test func nodeColumnsAndCells() {
        #expect(
            TableConvertor.columns(group: "", resource: "nodes").map(\.name) == [
                "Name", "Status", "Roles", "Age", "Version", "Internal-IP", "External-IP", "OS-Image", "Kernel-Version",
                "Container-Runtime",
            ])
        #expect(
            F.cells("", "nodes", Self.node) == [
                "cp-1", "Ready", "control-plane,etcd,master", "2d3h", "v1.34.1-skiff", "192.168.1.10", "<none>",
                "Ubuntu 24.04 LTS", "6.8.0-45-generic", "skiff://0.1.0",
            ])
    }

    @Test func nodeStatusVariants() {
        var node = Self.node
        node.set(true, at: ["spec", "unschedulable"])
        #expect(F.cells("", "nodes", node)[1] == "Ready,SchedulingDisabled")
        node.set([["type": "Ready", "status": "Unknown"]], at: ["status", "conditions"])
        #expect(F.cells("", "nodes", node)[1] == "NotReady,SchedulingDisabled")
        let bare: JSONValue = ["metadata": ["name": "w"]]
        #expect(
            F.cells("", "nodes", bare) == [
                "w", "Unknown", "<none>", "<unknown>", "", "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>",
            ])
    }

    @Test func namespaceConfigMapSecretServiceAccountLease() {
        let ns: JSONValue = ["metadata": F.metadata("kube-system", namespace: nil), "status": ["phase": "Active"]]
        #expect(F.cells("", "namespaces", ns) == ["kube-system", "Active", "5m"])
        #expect(TableConvertor.columns(group: "", resource: "namespaces").map(\.name) == ["Name", "Status", "Age"])

        let cm: JSONValue = ["metadata": F.metadata("cfg"), "data": ["a": "1", "b": "2"], "binaryData": ["c": "AA=="]]
        #expect(F.cells("", "configmaps", cm) == ["cfg", 3, "5m"])
        #expect(F.cells("", "configmaps", ["metadata": F.metadata("empty")]) == ["empty", 0, "5m"])

        let secret: JSONValue = [
            "metadata": F.metadata("tls"), "type": "kubernetes.io/tls", "data": ["tls.crt": "", "tls.key": ""],
        ]
        #expect(TableConvertor.columns(group: "", resource: "secrets").map(\.name) == ["Name", "Type", "Data", "Age"])
        #expect(F.cells("", "secrets", secret) == ["tls", "kubernetes.io/tls", 2, "5m"])

        let sa: JSONValue = ["metadata": F.metadata("default"), "secrets": [["name": "default-token"]]]
        #expect(F.cells("", "serviceaccounts", sa) == ["default", 1, "5m"])
        #expect(F.cells("", "serviceaccounts", ["metadata": F.metadata("bot")]) == ["bot", 0, "5m"])

        let lease: JSONValue = [
            "metadata": F.metadata("node-a", age: 86400 * 400), "spec": ["holderIdentity": "node-a"],
        ]
        #expect(
            TableConvertor.columns(group: "coordination.k8s.io", resource: "leases").map(\.name) == [
                "Name", "Holder", "Age",
            ])
        #expect(F.cells("coordination.k8s.io", "leases", lease) == ["node-a", "node-a", "400d"])
    }

    @Test func eventColumnsInKubernetesOrder() {
        let columns = TableConvertor.columns(group: "", resource: "events")
        #expect(
            columns.map(\.name) == [
                "Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen", "Count",
                "Name",
            ])
        #expect(columns.map(\.priority) == [0, 0, 0, 0, 1, 1, 0, 1, 1, 1])
        #expect(columns.map(\.format) == ["", "", "", "", "", "", "", "", "", "name"])
    }

    @Test func coreEvent() {
        let event: JSONValue = [
            "metadata": F.metadata("web-1.17d2a", age: 900),
            "involvedObject": ["kind": "Pod", "name": "web-1", "fieldPath": "spec.containers{app}"],
            "reason": "BackOff", "message": "Back-off restarting failed container\n", "type": "Warning",
            "source": ["component": "kubelet", "host": "node-a"],
            "firstTimestamp": F.ago(900), "lastTimestamp": F.ago(45), "count": 12,
        ]
        #expect(
            F.cells("", "events", event) == [
                "45s", "Warning", "BackOff", "pod/web-1", "spec.containers{app}", "kubelet, node-a",
                "Back-off restarting failed container", "15m", 12, "web-1.17d2a",
            ])
    }

    @Test func newStyleEvents() {
        let singleton: JSONValue = [
            "metadata": F.metadata("e1"), "involvedObject": ["kind": "Node"], "reason": "Starting",
            "type": "Normal", "eventTime": "2024-06-01T11:58:00.000000Z", "reportingComponent": "skiff-kubelet",
            "reportingInstance": "node-a",
        ]
        #expect(
            F.cells("", "events", singleton) == [
                "2m", "Normal", "Starting", "node", "", "skiff-kubelet, node-a", "", "2m", 1, "e1",
            ])
        let series: JSONValue = [
            "metadata": F.metadata("e2"), "regarding": ["kind": "Deployment", "name": "web"], "note": " Scaled up ",
            "reason": "ScalingReplicaSet", "type": "Normal", "reportingController": "deployment-controller",
            "eventTime": "2024-06-01T11:00:00.000000Z",
            "series": ["count": 4, "lastObservedTime": "2024-06-01T11:59:50.000000Z"],
        ]
        #expect(
            F.cells("events.k8s.io", "events", series) == [
                "10s", "Normal", "ScalingReplicaSet", "deployment/web", "", "deployment-controller", "Scaled up", "60m",
                4,
                "e2",
            ])
    }

    @Test func defaultTableForOtherResources() {
        let columns = TableConvertor.columns(group: "example.com", resource: "widgets")
        #expect(columns.map(\.name) == ["Name", "Age"])
        #expect(columns.map(\.type) == ["string", "date"])
        #expect(columns[0].format == "name")
        let widget: JSONValue = ["metadata": F.metadata("w1", age: 172_800)]
        #expect(F.cells("example.com", "widgets", widget) == ["w1", "2d"])
        #expect(F.cells("", "pods", widget).count == 9)
    }

    static let allResources: [(String, String)] = [
        ("", "pods"), ("", "services"), ("", "endpoints"), ("", "nodes"), ("", "namespaces"), ("", "configmaps"),
        ("", "secrets"), ("", "events"), ("", "replicationcontrollers"), ("", "serviceaccounts"),
        ("apps", "deployments"), ("apps", "replicasets"), ("apps", "daemonsets"), ("apps", "statefulsets"),
        ("batch", "jobs"), ("batch", "cronjobs"), ("coordination.k8s.io", "leases"),
        ("scheduling.k8s.io", "priorityclasses"),
        ("discovery.k8s.io", "endpointslices"), ("events.k8s.io", "events"), ("x.io", "things"),
    ]

    @Test("every printer survives odd objects", arguments: allResources)
    func oddObjects(group: String, resource: String) {
        let odd: [JSONValue] = [
            .null, "text", 7, [1, "a"], [:],
            ["metadata": ["name": 3, "creationTimestamp": 5, "labels": ["a": 1]], "spec": [], "status": "up"],
            [
                "spec": ["replicas": "3", "selector": ["matchLabels": 4, "matchExpressions": [5]], "ports": [1]],
                "status": ["conditions": [1, ["type": 2]], "addresses": "x", "loadBalancer": ["ingress": 1]],
                "subsets": [["addresses": 1, "ports": [[:]]]], "endpoints": [["addresses": [1]]],
                "series": "x", "involvedObject": 1, "data": [1],
            ],
        ]
        let width = TableConvertor.columns(group: group, resource: resource).count
        for object in odd {
            #expect(TableConvertor.cells(group: group, resource: resource, object: object, now: F.now).count == width)
        }
    }

    @Test func everyCatalogResourceHasADedicatedPrinter() {
        // Reviews are answered, never listed: they have no table.
        for info in ResourceCatalog.all where info.isStored {
            #expect(TableConvertor.registry["\(info.group)/\(info.resource)"] != nil, "\(info.resource)")
        }
    }
}
