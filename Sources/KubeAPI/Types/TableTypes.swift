/// meta.k8s.io/v1 Table: a server-side rendered list, as `kubectl get` requests with
/// `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`.
public struct Table: Codable, Sendable, Hashable {
    /// Always `meta.k8s.io/v1`.
    public var apiVersion: String?
    /// Always `Table`.
    public var kind: String?
    /// List metadata (resource version, continue token).
    public var metadata: ListMeta?
    /// The columns, in display order; decoded as empty when null.
    public var columnDefinitions: [TableColumnDefinition]
    /// One row per object; decoded as empty when null.
    public var rows: [TableRow]

    /// Creates a `Table`; `apiVersion`, `kind`, `columnDefinitions`, `rows` take the defaults shown; other fields are
    /// absent.
    public init(
        apiVersion: String? = "meta.k8s.io/v1", kind: String? = "Table", metadata: ListMeta? = nil,
        columnDefinitions: [TableColumnDefinition] = [], rows: [TableRow] = []
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.columnDefinitions = columnDefinitions
        self.rows = rows
    }
}

extension Table {
    private enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, columnDefinitions, rows
    }

    /// Decodes a table, reading a null or missing `columnDefinitions` or `rows` as empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            apiVersion: try c.decodeIfPresent(String.self, forKey: .apiVersion),
            kind: try c.decodeIfPresent(String.self, forKey: .kind),
            metadata: try c.decodeIfPresent(ListMeta.self, forKey: .metadata),
            columnDefinitions: try c.decodeIfPresent([TableColumnDefinition].self, forKey: .columnDefinitions) ?? [],
            rows: try c.decodeIfPresent([TableRow].self, forKey: .rows) ?? [])
    }
}

/// meta/v1 TableColumnDefinition: one column of a `Table`.
public struct TableColumnDefinition: Codable, Sendable, Hashable {
    /// Column header, e.g. `NAME`.
    public var name: String
    /// OpenAPI type of the cells: `string`, `integer`, `number`, `boolean`, `date`.
    public var type: String
    /// OpenAPI format hint, e.g. `name`.
    public var format: String?
    /// What the column shows.
    public var description: String?
    /// 0 for columns always shown; higher for `-o wide` only.
    public var priority: Int?

    /// Creates a `TableColumnDefinition` from its required fields; every optional field defaults to absent.
    public init(name: String, type: String, format: String? = nil, description: String? = nil, priority: Int? = nil) {
        self.name = name
        self.type = type
        self.format = format
        self.description = description
        self.priority = priority
    }
}

/// meta/v1 TableRow: the cells for one object, plus that object (or its metadata) when requested.
public struct TableRow: Codable, Sendable, Hashable {
    /// One value per column definition.
    public var cells: [JSONValue]
    /// Row conditions, e.g. `Completed` for finished pods.
    public var conditions: [TableRowCondition]?
    /// The object, or `PartialObjectMetadata`, per `includeObject`.
    public var object: JSONValue?

    /// Creates a `TableRow` from its required fields; every optional field defaults to absent.
    public init(cells: [JSONValue], conditions: [TableRowCondition]? = nil, object: JSONValue? = nil) {
        self.cells = cells
        self.conditions = conditions
        self.object = object
    }
}

/// meta/v1 TableRowCondition: a condition of a table row.
public struct TableRowCondition: Codable, Sendable, Hashable {
    /// Condition type; `Completed` is the only one defined.
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    /// Machine-readable reason.
    public var reason: String?
    /// Human-readable details.
    public var message: String?

    /// Creates a `TableRowCondition` from its required fields; every optional field defaults to absent.
    public init(type: String, status: String, reason: String? = nil, message: String? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
    }
}
