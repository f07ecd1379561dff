import Foundation
import KubeAPI

/// One column of a `meta.k8s.io/v1` Table, as `metav1.TableColumnDefinition`.
public struct TableColumn: Sendable, Hashable {
    /// The human-readable column name, e.g. `Name` (kubectl upper-cases it).
    public var name: String
    /// The OpenAPI type of the cells: `string`, `integer`, `number`, `boolean` or `date`.
    public var type: String
    /// An OpenAPI format hint; `name` marks the column holding the object name, else "".
    public var format: String
    /// What the column shows.
    public var description: String
    /// 0 for columns kubectl always prints, 1 for those it prints only with `-o wide`.
    public var priority: Int

    /// A column definition.
    public init(name: String, type: String, format: String = "", description: String, priority: Int = 0) {
        self.name = name
        self.type = type
        self.format = format
        self.description = description
        self.priority = priority
    }

    /// The definition as JSON, with keys in Kubernetes' order.
    public var jsonValue: JSONValue {
        [
            "name": .string(name), "type": .string(type), "format": .string(format),
            "description": .string(description), "priority": .int(priority),
        ]
    }
}

/// What `rows[].object` holds, as the `includeObject` table option.
public enum IncludeObjectPolicy: String, Sendable, Hashable {
    /// `object: null`.
    case none = "None"
    /// A `PartialObjectMetadata` carrying the object's metadata (the default).
    case metadata = "Metadata"
    /// The whole object.
    case object = "Object"
}

/// Renders objects as the server-side Tables `kubectl get` asks for, with the columns and cell
/// values of Kubernetes' own printers (`pkg/printers/internalversion`). Every column, including
/// the `-o wide` ones, is always produced, as the API server does; kubectl hides priority-1 ones.
public enum TableConvertor {
    /// The column definitions for a resource, by plural resource name and API group.
    /// Resources without a dedicated printer get `Name` and `Age`.
    public static func columns(group: String, resource: String) -> [TableColumn] {
        printer(group: group, resource: resource).columns
    }

    /// The cells of one object's row, one per column of `columns(group:resource:)`. Ages are
    /// measured at `now`. Missing or mistyped fields print as Kubernetes prints zero values.
    public static func cells(group: String, resource: String, object: JSONValue, now: Date) -> [JSONValue] {
        printer(group: group, resource: resource).cells(object, now)
    }

    /// A complete `meta.k8s.io/v1` Table for `objects`.
    ///
    /// - Parameters:
    ///   - listMeta: the list's `metadata`; its `resourceVersion`, `continue` and
    ///     `remainingItemCount` are copied. When nil and there is exactly one object, the
    ///     object's `resourceVersion` is used, as for a single-object GET.
    ///   - includeObject: what each row's `object` holds.
    ///   - includeColumnDefinitions: false gives `columnDefinitions: null`, as `noHeaders`
    ///     (and watch events after the first) do.
    ///   - now: the instant ages are measured against.
    public static func table(
        group: String, resource: String, objects: [JSONValue], listMeta: JSONValue? = nil,
        includeObject: IncludeObjectPolicy = .metadata, includeColumnDefinitions: Bool = true, now: Date
    ) -> JSONValue {
        let printer = printer(group: group, resource: resource)
        var table = JSONObject()
        table["kind"] = "Table"
        table["apiVersion"] = "meta.k8s.io/v1"
        table["metadata"] = tableMetadata(listMeta: listMeta, objects: objects)
        table["columnDefinitions"] =
            includeColumnDefinitions ? .array(printer.columns.map(\.jsonValue)) : .null
        var rows: [JSONValue] = []
        rows.reserveCapacity(objects.count)
        for object in objects {
            var row = JSONObject()
            row["cells"] = .array(printer.cells(object, now))
            let conditions = printer.conditions(object)
            if !conditions.isEmpty { row["conditions"] = .array(conditions) }
            row["object"] = rowObject(object, policy: includeObject, group: group, resource: resource)
            rows.append(.object(row))
        }
        table["rows"] = .array(rows)
        return .object(table)
    }

    /// The printer registered for a resource, or the default one.
    static func printer(group: String, resource: String) -> TablePrinter {
        registry["\(group)/\(resource)"] ?? defaultPrinter
    }

    /// Printers by `group/resource`.
    static let registry: [String: TablePrinter] = {
        var all: [String: TablePrinter] = [:]
        let entries: [(String, String, TablePrinter)] = [
            ("", "pods", PodPrinter.printer),
            ("", "replicationcontrollers", WorkloadPrinters.replicationControllers),
            ("", "podtemplates", WorkloadPrinters.podTemplates),
            ("apps", "deployments", WorkloadPrinters.deployments),
            ("apps", "replicasets", WorkloadPrinters.replicaSets),
            ("apps", "daemonsets", WorkloadPrinters.daemonSets),
            ("apps", "statefulsets", WorkloadPrinters.statefulSets),
            ("batch", "jobs", BatchPrinters.jobs),
            ("batch", "cronjobs", BatchPrinters.cronJobs),
            ("", "services", NetworkPrinters.services),
            ("", "endpoints", NetworkPrinters.endpoints),
            ("discovery.k8s.io", "endpointslices", NetworkPrinters.endpointSlices),
            ("networking.k8s.io", "ingresses", NetworkingPrinters.ingresses),
            ("networking.k8s.io", "ingressclasses", NetworkingPrinters.ingressClasses),
            ("networking.k8s.io", "networkpolicies", NetworkingPrinters.networkPolicies),
            ("", "nodes", ClusterPrinters.nodes),
            ("", "namespaces", ClusterPrinters.namespaces),
            ("", "configmaps", ClusterPrinters.configMaps),
            ("", "secrets", ClusterPrinters.secrets),
            ("", "serviceaccounts", ClusterPrinters.serviceAccounts),
            ("coordination.k8s.io", "leases", ClusterPrinters.leases),
            ("scheduling.k8s.io", "priorityclasses", ClusterPrinters.priorityClasses),
            ("certificates.k8s.io", "certificatesigningrequests", CertificatePrinters.certificateSigningRequests),
            ("rbac.authorization.k8s.io", "roles", RBACPrinters.roles),
            ("rbac.authorization.k8s.io", "clusterroles", RBACPrinters.roles),
            ("rbac.authorization.k8s.io", "rolebindings", RBACPrinters.bindings),
            ("rbac.authorization.k8s.io", "clusterrolebindings", RBACPrinters.bindings),
            ("", "events", EventPrinter.coreEvents),
            ("events.k8s.io", "events", EventPrinter.eventsV1),
        ]
        for (group, resource, printer) in entries { all["\(group)/\(resource)"] = printer }
        return all
    }()

    /// `Name` and `Age`, as a custom resource without printer columns shows.
    static let defaultPrinter = TablePrinter(
        columns: [
            TableColumn(name: "Name", type: "string", format: "name", description: TableDocs.objectMetaName),
            TableColumn(name: "Age", type: "date", description: TableDocs.objectMetaCreationTimestamp),
        ],
        cells: { object, now in [.string(TableFields.name(object)), TableFields.age(object, now: now)] })

    /// The Table's ListMeta: resourceVersion, continue and remainingItemCount, each only when set.
    static func tableMetadata(listMeta: JSONValue?, objects: [JSONValue]) -> JSONValue {
        var meta = JSONObject()
        if let listMeta {
            if let rv = listMeta["resourceVersion"]?.stringValue, !rv.isEmpty { meta["resourceVersion"] = .string(rv) }
            if let next = listMeta["continue"]?.stringValue, !next.isEmpty { meta["continue"] = .string(next) }
            if let remaining = listMeta["remainingItemCount"], remaining.intValue != nil {
                meta["remainingItemCount"] = remaining
            }
        } else if objects.count == 1, let rv = objects[0]["metadata"]?["resourceVersion"]?.stringValue, !rv.isEmpty {
            meta["resourceVersion"] = .string(rv)
        }
        return .object(meta)
    }

    /// A row's `object` under the include policy.
    static func rowObject(_ object: JSONValue, policy: IncludeObjectPolicy, group: String, resource: String)
        -> JSONValue
    {
        switch policy {
        case .none:
            return .null
        case .metadata:
            // JSONValue is nil-literal expressible, so test the member explicitly rather than via flatMap.
            var metadata = JSONValue.object(JSONObject())
            if let member = object["metadata"], member.objectValue != nil { metadata = member }
            return ["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": metadata]
        case .object:
            return withTypeMeta(object, group: group, resource: resource)
        }
    }

    /// The object with `kind` and `apiVersion` filled in from the catalog when it lacks them
    /// (list items are often stored without them).
    static func withTypeMeta(_ object: JSONValue, group: String, resource: String) -> JSONValue {
        guard let members = object.objectValue,
            members["kind"]?.stringValue == nil || members["apiVersion"]?.stringValue == nil,
            let info = ResourceCatalog.all.first(where: { $0.group == group && $0.resource == resource })
        else { return object }
        var result = JSONObject()
        result["kind"] = members["kind"]?.stringValue.map(JSONValue.string) ?? .string(info.kind)
        result["apiVersion"] = members["apiVersion"]?.stringValue.map(JSONValue.string) ?? .string(info.apiVersion)
        for member in members where member.key != "kind" && member.key != "apiVersion" {
            result[member.key] = member.value
        }
        return .object(result)
    }
}

/// How one resource prints: its columns, a row's cells and optional row conditions.
struct TablePrinter: Sendable {
    /// The column definitions.
    var columns: [TableColumn]
    /// The cells of an object's row at an instant.
    var cells: @Sendable (JSONValue, Date) -> [JSONValue]
    /// `metav1.TableRowCondition`s of an object's row (pods mark finished rows `Completed`).
    var conditions: @Sendable (JSONValue) -> [JSONValue] = { _ in [] }
}
