import Foundation
import KubeAPI

/// Deployments, ReplicaSets, ReplicationControllers, DaemonSets, StatefulSets and PodTemplates,
/// following `printDeployment`, `printReplicaSet`, `printReplicationController`, `printDaemonSet`,
/// `printStatefulSet` and `printPodTemplate`.
enum WorkloadPrinters {
    static let nameColumn = TableColumn(
        name: "Name", type: "string", format: "name", description: TableDocs.objectMetaName)
    static let ageColumn = TableColumn(name: "Age", type: "string", description: TableDocs.objectMetaCreationTimestamp)
    static let containersColumn = TableColumn(
        name: "Containers", type: "string", description: TableDocs.containers, priority: 1)
    static let imagesColumn = TableColumn(name: "Images", type: "string", description: TableDocs.images, priority: 1)

    /// `spec.replicas`, defaulting to 1 as the API server's defaulting does when it is unset.
    static func desiredReplicas(_ object: JSONValue) -> Int64 {
        object["spec"]?["replicas"]?.intValue ?? 1
    }

    /// NAME READY UP-TO-DATE AVAILABLE AGE | CONTAINERS IMAGES SELECTOR.
    static let deployments = TablePrinter(
        columns: [
            nameColumn,
            TableColumn(name: "Ready", type: "string", description: TableDocs.readyPods),
            TableColumn(name: "Up-to-date", type: "string", description: TableDocs.deploymentStatusUpdatedReplicas),
            TableColumn(name: "Available", type: "string", description: TableDocs.deploymentStatusAvailableReplicas),
            ageColumn, containersColumn, imagesColumn,
            TableColumn(
                name: "Selector", type: "string", description: TableDocs.deploymentSpecSelector, priority: 1),
        ],
        cells: { object, now in
            let status = object["status"]
            let spec = object["spec"]
            let (names, images) = TableFields.containerCells(spec?["template"]?["spec"]?["containers"])
            return [
                .string(TableFields.name(object)),
                .string("\(TableFields.int(status?["readyReplicas"]))/\(desiredReplicas(object))"),
                .int(TableFields.int(status?["updatedReplicas"])),
                .int(TableFields.int(status?["availableReplicas"])),
                TableFields.age(object, now: now),
                .string(names), .string(images),
                .string(TableFields.selectorString(spec?["selector"]) ?? "<invalid>"),
            ]
        })

    /// NAME DESIRED CURRENT READY AGE | CONTAINERS IMAGES SELECTOR.
    static let replicaSets = TablePrinter(
        columns: [
            nameColumn,
            TableColumn(name: "Desired", type: "integer", description: TableDocs.replicaSetSpecReplicas),
            TableColumn(name: "Current", type: "integer", description: TableDocs.replicaSetStatusReplicas),
            TableColumn(name: "Ready", type: "integer", description: TableDocs.replicaSetStatusReadyReplicas),
            ageColumn, containersColumn, imagesColumn,
            TableColumn(name: "Selector", type: "string", description: TableDocs.replicaSetSpecSelector, priority: 1),
        ],
        cells: replicaCells { TableFields.formatLabelSelector($0) })

    /// The cells shared by replica sets and replication controllers, which differ only in how
    /// their selector prints.
    static func replicaCells(
        selector: @escaping @Sendable (JSONValue?) -> String
    ) -> @Sendable (JSONValue, Date) -> [JSONValue] {
        { object, now in
            let status = object["status"]
            let spec = object["spec"]
            let (names, images) = TableFields.containerCells(spec?["template"]?["spec"]?["containers"])
            return [
                .string(TableFields.name(object)),
                .int(desiredReplicas(object)),
                .int(TableFields.int(status?["replicas"])),
                .int(TableFields.int(status?["readyReplicas"])),
                TableFields.age(object, now: now),
                .string(names), .string(images),
                .string(selector(spec?["selector"])),
            ]
        }
    }

    /// NAME DESIRED CURRENT READY AGE | CONTAINERS IMAGES SELECTOR (a map selector).
    static let replicationControllers = TablePrinter(
        columns: [
            nameColumn,
            TableColumn(name: "Desired", type: "integer", description: TableDocs.replicationControllerSpecReplicas),
            TableColumn(name: "Current", type: "integer", description: TableDocs.replicationControllerStatusReplicas),
            TableColumn(
                name: "Ready", type: "integer", description: TableDocs.replicationControllerStatusReadyReplicas),
            ageColumn, containersColumn, imagesColumn,
            TableColumn(
                name: "Selector", type: "string", description: TableDocs.replicationControllerSpecSelector,
                priority: 1),
        ],
        cells: replicaCells { TableFields.formatLabels($0) })

    /// NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE | CONTAINERS IMAGES SELECTOR.
    static let daemonSets = TablePrinter(
        columns: [
            nameColumn,
            TableColumn(
                name: "Desired", type: "integer", description: TableDocs.daemonSetStatusDesiredNumberScheduled),
            TableColumn(
                name: "Current", type: "integer", description: TableDocs.daemonSetStatusCurrentNumberScheduled),
            TableColumn(name: "Ready", type: "integer", description: TableDocs.daemonSetStatusNumberReady),
            TableColumn(
                name: "Up-to-date", type: "integer", description: TableDocs.daemonSetStatusUpdatedNumberScheduled),
            TableColumn(name: "Available", type: "integer", description: TableDocs.daemonSetStatusNumberAvailable),
            TableColumn(name: "Node Selector", type: "string", description: TableDocs.podSpecNodeSelector),
            ageColumn, containersColumn, imagesColumn,
            TableColumn(name: "Selector", type: "string", description: TableDocs.daemonSetSpecSelector, priority: 1),
        ],
        cells: { object, now in
            let status = object["status"]
            let spec = object["spec"]
            let podSpec = spec?["template"]?["spec"]
            let (names, images) = TableFields.containerCells(podSpec?["containers"])
            return [
                .string(TableFields.name(object)),
                .int(TableFields.int(status?["desiredNumberScheduled"])),
                .int(TableFields.int(status?["currentNumberScheduled"])),
                .int(TableFields.int(status?["numberReady"])),
                .int(TableFields.int(status?["updatedNumberScheduled"])),
                .int(TableFields.int(status?["numberAvailable"])),
                .string(TableFields.formatLabels(podSpec?["nodeSelector"])),
                TableFields.age(object, now: now),
                .string(names), .string(images),
                .string(TableFields.formatLabelSelector(spec?["selector"])),
            ]
        })

    /// NAME READY AGE | CONTAINERS IMAGES.
    static let statefulSets = TablePrinter(
        columns: [
            nameColumn,
            TableColumn(name: "Ready", type: "string", description: TableDocs.readyPods),
            ageColumn, containersColumn, imagesColumn,
        ],
        cells: { object, now in
            let (names, images) = TableFields.containerCells(object["spec"]?["template"]?["spec"]?["containers"])
            return [
                .string(TableFields.name(object)),
                .string("\(TableFields.int(object["status"]?["readyReplicas"]))/\(desiredReplicas(object))"),
                TableFields.age(object, now: now),
                .string(names), .string(images),
            ]
        })

    /// NAME CONTAINERS IMAGES POD LABELS (no age, as Kubernetes prints it).
    static let podTemplates = TablePrinter(
        columns: [
            nameColumn,
            TableColumn(name: "Containers", type: "string", description: TableDocs.containers),
            TableColumn(name: "Images", type: "string", description: TableDocs.images),
            TableColumn(name: "Pod Labels", type: "string", description: "The labels of the pods made from the template"),
        ],
        cells: { object, _ in
            let template = object["template"]
            let (names, images) = TableFields.containerCells(template?["spec"]?["containers"])
            return [
                .string(TableFields.name(object)), .string(names), .string(images),
                .string(TableFields.formatLabels(template?["metadata"]?["labels"])),
            ]
        })
}
