import Foundation
import KubeAPI
import Testing

@testable import KubeAPIServer

@Suite("Workload tables")
struct WorkloadTableTests {
    typealias F = TableFixtures

    static let template: JSONValue = [
        "metadata": ["labels": ["app": "web"]],
        "spec": ["containers": [["name": "nginx", "image": "nginx:1.25"], ["name": "log", "image": "busybox"]]],
    ]

    @Test func deployment() {
        let d: JSONValue = [
            "metadata": F.metadata("web", age: 330),
            "spec": [
                "replicas": 3,
                "selector": [
                    "matchLabels": ["app": "web"],
                    "matchExpressions": [["key": "tier", "operator": "In", "values": ["front", "back"]]],
                ],
                "template": Self.template,
            ],
            "status": ["replicas": 3, "readyReplicas": 2, "updatedReplicas": 3, "availableReplicas": 2],
        ]
        #expect(
            TableConvertor.columns(group: "apps", resource: "deployments").map(\.name) == [
                "Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector",
            ])
        #expect(
            TableConvertor.columns(group: "apps", resource: "deployments").map(\.type)
                == Array(
                    repeating: "string", count: 8))
        #expect(
            F.cells("apps", "deployments", d) == [
                "web", "2/3", 3, 2, "5m30s", "nginx,log", "nginx:1.25,busybox", "app=web,tier in (back,front)",
            ])
    }

    @Test func freshDeploymentAndSelectorEdgeCases() {
        var d: JSONValue = ["metadata": F.metadata("api"), "spec": ["selector": [:]]]
        #expect(F.cells("apps", "deployments", d) == ["api", "0/1", 0, 0, "5m", "", "", ""])
        d.set(["matchExpressions": [["key": "a", "operator": "Near"]]], at: ["spec", "selector"])
        #expect(F.cells("apps", "deployments", d)[7] == "<invalid>")
        d.set(
            [
                "matchExpressions": [
                    ["key": "zone", "operator": "NotIn", "values": ["b"]], ["key": "gpu", "operator": "Exists"],
                    ["key": "legacy", "operator": "DoesNotExist"],
                ]
            ], at: ["spec", "selector"])
        #expect(F.cells("apps", "deployments", d)[7] == "gpu,!legacy,zone notin (b)")
    }

    @Test func replicaSet() {
        let rs: JSONValue = [
            "metadata": F.metadata("web-7d9f", age: 7200),
            "spec": [
                "replicas": 2, "selector": ["matchLabels": ["pod-template-hash": "7d9f", "app": "web"]],
                "template": Self.template,
            ],
            "status": ["replicas": 2, "readyReplicas": 1],
        ]
        let columns = TableConvertor.columns(group: "apps", resource: "replicasets")
        #expect(
            columns.map(\.name) == ["Name", "Desired", "Current", "Ready", "Age", "Containers", "Images", "Selector"])
        #expect(
            columns.map(\.type) == ["string", "integer", "integer", "integer", "string", "string", "string", "string"])
        #expect(columns.map(\.priority) == [0, 0, 0, 0, 0, 1, 1, 1])
        #expect(
            F.cells("apps", "replicasets", rs) == [
                "web-7d9f", 2, 2, 1, "120m", "nginx,log", "nginx:1.25,busybox", "app=web,pod-template-hash=7d9f",
            ])
        let bare: JSONValue = ["metadata": F.metadata("x"), "spec": ["replicas": 0]]
        #expect(F.cells("apps", "replicasets", bare) == ["x", 0, 0, 0, "5m", "", "", "<none>"])
    }

    @Test func replicationController() {
        let rc: JSONValue = [
            "metadata": F.metadata("legacy", age: 86400 * 3),
            "spec": ["replicas": 2, "selector": ["app": "legacy", "env": "prod"], "template": Self.template],
            "status": ["replicas": 2, "readyReplicas": 2],
        ]
        #expect(
            F.cells("", "replicationcontrollers", rc) == [
                "legacy", 2, 2, 2, "3d", "nginx,log", "nginx:1.25,busybox", "app=legacy,env=prod",
            ])
        #expect(F.cells("", "replicationcontrollers", ["metadata": F.metadata("e")])[7] == "<none>")
    }

    @Test func daemonSet() {
        var template = Self.template
        template.set(["kubernetes.io/os": "linux"], at: ["spec", "nodeSelector"])
        let ds: JSONValue = [
            "metadata": F.metadata("agent", age: 45),
            "spec": ["selector": ["matchLabels": ["app": "agent"]], "template": template],
            "status": [
                "desiredNumberScheduled": 3, "currentNumberScheduled": 3, "numberReady": 2,
                "updatedNumberScheduled": 3, "numberAvailable": 2,
            ],
        ]
        #expect(
            TableConvertor.columns(group: "apps", resource: "daemonsets").map(\.name) == [
                "Name", "Desired", "Current", "Ready", "Up-to-date", "Available", "Node Selector", "Age", "Containers",
                "Images", "Selector",
            ])
        #expect(
            F.cells("apps", "daemonsets", ds) == [
                "agent", 3, 3, 2, 3, 2, "kubernetes.io/os=linux", "45s", "nginx,log", "nginx:1.25,busybox", "app=agent",
            ])
        #expect(F.cells("apps", "daemonsets", ["metadata": F.metadata("d")])[6] == "<none>")
    }

    @Test func statefulSet() {
        let sts: JSONValue = [
            "metadata": F.metadata("db", age: 600), "spec": ["replicas": 3, "template": Self.template],
            "status": ["readyReplicas": 3],
        ]
        #expect(F.cells("apps", "statefulsets", sts) == ["db", "3/3", "10m", "nginx,log", "nginx:1.25,busybox"])
    }

    @Test func completedJob() {
        let job: JSONValue = [
            "metadata": F.metadata("pi", age: 600),
            "spec": [
                "completions": 1, "parallelism": 1,
                "selector": ["matchLabels": ["batch.kubernetes.io/controller-uid": "abc"]],
                "template": ["spec": ["containers": [["name": "pi", "image": "perl:5.34"]]]],
            ],
            "status": [
                "succeeded": 1, "startTime": F.ago(590), "completionTime": F.ago(560),
                "conditions": [
                    ["type": "SuccessCriteriaMet", "status": "True"], ["type": "Complete", "status": "True"],
                ],
            ],
        ]
        #expect(
            TableConvertor.columns(group: "batch", resource: "jobs").map(\.name) == [
                "Name", "Status", "Completions", "Duration", "Age", "Containers", "Images", "Selector",
            ])
        #expect(
            F.cells("batch", "jobs", job) == [
                "pi", "Complete", "1/1", "30s", "10m", "pi", "perl:5.34", "batch.kubernetes.io/controller-uid=abc",
            ])
    }

    @Test func jobStatesAndCompletions() {
        var job: JSONValue = [
            "metadata": F.metadata("work"), "spec": ["parallelism": 3], "status": ["startTime": F.ago(200)],
        ]
        #expect(Array(F.cells("batch", "jobs", job)[1...3]) == ["Running", "0/1 of 3", "3m20s"])
        job.set([["type": "Suspended", "status": "True"]], at: ["status", "conditions"])
        #expect(F.cells("batch", "jobs", job)[1] == "Suspended")
        job.set(F.ago(1), at: ["metadata", "deletionTimestamp"])
        #expect(F.cells("batch", "jobs", job)[1] == "Terminating")
        job.set([["type": "Failed", "status": "True"]], at: ["status", "conditions"])
        #expect(F.cells("batch", "jobs", job)[1] == "Failed")
        let pending: JSONValue = ["metadata": F.metadata("later"), "spec": ["completions": 5]]
        #expect(Array(F.cells("batch", "jobs", pending)[1...3]) == ["Running", "0/5", ""])
    }

    @Test func cronJob() {
        let cron: JSONValue = [
            "metadata": F.metadata("nightly", age: 86400 * 10),
            "spec": [
                "schedule": "0 3 * * *", "suspend": false,
                "jobTemplate": ["spec": ["template": ["spec": ["containers": [["name": "b", "image": "backup"]]]]]],
            ],
            "status": ["active": [["name": "nightly-1"]], "lastScheduleTime": F.ago(3600 * 9)],
        ]
        #expect(
            F.cells("batch", "cronjobs", cron) == [
                "nightly", "0 3 * * *", "<none>", "False", 1, "9h", "10d", "b", "backup", "<none>",
            ])
        let bare: JSONValue = ["metadata": F.metadata("c"), "spec": ["timeZone": "Etc/UTC"]]
        #expect(Array(F.cells("batch", "cronjobs", bare)[2...5]) == ["Etc/UTC", "<unset>", 0, "<none>"])
    }
}

@Suite("PodTemplate table")
struct PodTemplateTableTests {
    @Test func podTemplateRow() {
        #expect(TableConvertor.columns(group: "", resource: "podtemplates").map(\.name) == ["Name", "Containers", "Images", "Pod Labels"])
        let template: JSONValue = [
            "metadata": TableFixtures.metadata("base"),
            "template": [
                "metadata": ["labels": ["tier": "web", "app": "shop"]],
                "spec": ["containers": [["name": "app", "image": "shop:1"], ["name": "proxy", "image": "envoy:1"]]],
            ],
        ]
        #expect(TableFixtures.cells("", "podtemplates", template) == ["base", "app,proxy", "shop:1,envoy:1", "app=shop,tier=web"])
    }
}
