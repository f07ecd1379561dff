import KubeAPI

/// Who owns a set of fields: a `managedFields` entry without its fields and time. Apply
/// entries are identified without their API version (an applier owns one entry across
/// versions); update entries include it.
struct ManagerIdentity: Hashable, Sendable {
    /// `Apply` or `Update`.
    enum Operation: String, Sendable {
        case apply = "Apply"
        case update = "Update"
    }

    /// The field manager name.
    var manager: String
    /// The operation.
    var operation: Operation
    /// The API version, for update entries; empty for apply entries.
    var apiVersion: String
    /// The subresource (`status`, `scale`), or empty.
    var subresource: String

    init(manager: String, operation: Operation, apiVersion: String, subresource: String) {
        self.manager = manager.isEmpty ? "unknown" : manager
        self.operation = operation
        self.apiVersion = operation == .apply ? "" : apiVersion
        self.subresource = subresource
    }

    /// The identity as Kubernetes spells it (a JSON `ManagedFieldsEntry` without fields,
    /// type and time); conflict messages order managers by it.
    var identifier: String {
        var o = JSONObject()
        o["manager"] = .string(manager)
        o["operation"] = .string(operation.rawValue)
        if !apiVersion.isEmpty { o["apiVersion"] = .string(apiVersion) }
        if !subresource.isEmpty { o["subresource"] = .string(subresource) }
        return JSONValue.object(o).jsonString
    }

    /// The manager as conflict messages name it: `"kubectl"`, `"kube-controller-manager" using
    /// apps/v1`, `"x" with subresource "status" using v1`.
    var printed: String {
        var s = ManagedValueOrder.goQuote(manager)
        if !subresource.isEmpty { s += " with subresource \(ManagedValueOrder.goQuote(subresource))" }
        if operation == .update { s += " using \(apiVersion)" }
        return s
    }
}

/// The fields one manager owns and when it last changed them.
struct ManagedEntry: Hashable, Sendable {
    /// The owned fields.
    var set: ManagedFieldSet
    /// The API version the fields are expressed in.
    var apiVersion: String
    /// RFC 3339 time of the manager's last change, if known.
    var time: String?
    /// The `fieldsV1` this entry was read from and the set it decoded to, so that an entry whose
    /// fields did not change is written back as it was read, without encoding it again.
    var decodedFrom: (raw: JSONValue, set: ManagedFieldSet)?

    init(set: ManagedFieldSet, apiVersion: String, time: String?) {
        self.set = set
        self.apiVersion = apiVersion
        self.time = time
    }

    /// The entry's `fieldsV1`.
    var fieldsV1: JSONValue {
        if let d = decodedFrom, d.set == set { return d.raw }
        return set.fieldsV1
    }

    static func == (a: ManagedEntry, b: ManagedEntry) -> Bool {
        a.set == b.set && a.apiVersion == b.apiVersion && a.time == b.time
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(set)
        hasher.combine(apiVersion)
        hasher.combine(time)
    }
}

/// All managers of an object.
typealias ManagedFieldsMap = [ManagerIdentity: ManagedEntry]

/// Reading and writing `metadata.managedFields`.
enum ManagedFieldsCodec {
    /// Decodes `metadata.managedFields` (absent or null: no managers). Each entry needs an
    /// operation of `Apply` or `Update`, an API version and `fieldsType: FieldsV1`. A memo
    /// serves `fieldsV1` values decoded before.
    static func decode(_ value: JSONValue?, memo: JSONValueMemo<ManagedFieldSet>? = nil) throws(ManagedFieldsError)
        -> ManagedFieldsMap
    {
        guard let value, !value.isNull else { return [:] }
        guard case .array(let entries) = value else { throw ManagedFieldsError("managedFields must be a list") }
        var result: ManagedFieldsMap = [:]
        for (i, entry) in entries.enumerated() {
            guard case .object(let o) = entry else { throw ManagedFieldsError("managed fields entry \(i) must be an object") }
            guard let op = o["operation"]?.stringValue.flatMap(ManagerIdentity.Operation.init(rawValue:)) else {
                throw ManagedFieldsError("operation must be `Apply` or `Update`")
            }
            guard let apiVersion = o["apiVersion"]?.stringValue, !apiVersion.isEmpty else {
                throw ManagedFieldsError("apiVersion must not be empty")
            }
            switch o["fieldsType"]?.stringValue {
            case "FieldsV1"?: break
            case nil, ""?: throw ManagedFieldsError("missing fieldsType in managed fields entry \(i)")
            case let other?: throw ManagedFieldsError("invalid fieldsType \"\(other)\" in managed fields entry \(i)")
            }
            let id = ManagerIdentity(
                manager: o["manager"]?.stringValue ?? "", operation: op, apiVersion: apiVersion,
                subresource: o["subresource"]?.stringValue ?? "")
            var entry = ManagedEntry(set: ManagedFieldSet(), apiVersion: apiVersion, time: o["time"]?.stringValue)
            if let fields = o["fieldsV1"], !fields.isNull {
                let decode = { () throws(ManagedFieldsError) in try ManagedFieldSet(fieldsV1: fields) }
                if let memo {
                    entry.set = try memo.result(for: fields, compute: decode)
                } else {
                    entry.set = try decode()
                }
                entry.decodedFrom = (fields, entry.set)
            }
            result[id] = entry
        }
        return result
    }

    /// True for `managedFields: []` or `[{}]`, the request to clear all managers.
    static func isReset(_ value: JSONValue?) -> Bool {
        guard case .array(let entries)? = value else { return false }
        if entries.isEmpty { return true }
        if entries.count == 1, case .object(let o) = entries[0], o.isEmpty { return true }
        return false
    }

    /// Encodes managers as `metadata.managedFields` entries, ordered as Kubernetes orders them
    /// (Apply before Update, then by time, manager, API version, subresource); nil when there
    /// are none.
    static func encode(_ managers: ManagedFieldsMap) -> JSONValue? {
        if managers.isEmpty { return nil }
        // Each entry's time is read once, not at every comparison.
        let ordered = managers.map { (id: $0.key, entry: $0.value, seconds: ManagedFieldsTime.seconds($0.value.time) ?? 0) }
            .sorted { a, b in
                if a.id.operation != b.id.operation { return a.id.operation.rawValue < b.id.operation.rawValue }
                if a.seconds != b.seconds { return a.seconds < b.seconds }
                if a.id.manager != b.id.manager { return ManagedValueOrder.compareStrings(a.id.manager, b.id.manager) < 0 }
                if a.entry.apiVersion != b.entry.apiVersion { return a.entry.apiVersion < b.entry.apiVersion }
                return a.id.subresource < b.id.subresource
            }
        return .array(
            ordered.map { id, entry, _ in
                var o = JSONObject()
                o["manager"] = .string(id.manager)
                o["operation"] = .string(id.operation.rawValue)
                o["apiVersion"] = .string(entry.apiVersion)
                if let time = entry.time { o["time"] = .string(time) }
                o["fieldsType"] = "FieldsV1"
                o["fieldsV1"] = entry.fieldsV1
                if !id.subresource.isEmpty { o["subresource"] = .string(id.subresource) }
                return .object(o)
            })
    }

    /// Keeps at most `limit` update managers: the oldest ones are folded, per API version, into
    /// one `ancient-changes` entry.
    static func capUpdateManagers(_ managers: inout ManagedFieldsMap, limit: Int = 10) {
        guard managers.count(where: { $0.key.operation == .update }) > limit else { return }
        let updaters = managers.filter { $0.key.operation == .update }
            .sorted { a, b in
                let at = ManagedFieldsTime.seconds(a.value.time) ?? 0
                let bt = ManagedFieldsTime.seconds(b.value.time) ?? 0
                if at != bt { return at < bt }
                return a.key.identifier < b.key.identifier
            }
        guard updaters.count > limit else { return }
        var remaining = updaters.count
        var firstByVersion: [String: ManagerIdentity] = [:]
        for (id, entry) in updaters where remaining > limit {
            guard let current = managers[id] else { continue }
            let bucket = ManagerIdentity(
                manager: "ancient-changes", operation: .update, apiVersion: entry.apiVersion, subresource: "")
            guard let first = firstByVersion[entry.apiVersion] else {
                firstByVersion[entry.apiVersion] = id
                continue
            }
            if managers[bucket] == nil, let moved = managers[first] {
                managers[first] = nil
                managers[bucket] = moved
            }
            let previous = managers[bucket]?.set ?? ManagedFieldSet()
            managers[bucket] = ManagedEntry(set: current.set.union(previous), apiVersion: entry.apiVersion, time: current.time)
            managers[id] = nil
            remaining -= 1
        }
    }
}

/// Just enough RFC 3339 to order managed-fields times.
enum ManagedFieldsTime {
    /// Seconds since the epoch of `yyyy-mm-ddThh:mm:ss[.frac](Z|±hh:mm)`; nil when malformed.
    static func seconds(_ text: String?) -> Int64? {
        guard let text else { return nil }
        let b = Array(text.utf8)
        func num(_ start: Int, _ count: Int) -> Int64? {
            guard start + count <= b.count else { return nil }
            var v: Int64 = 0
            for c in b[start..<(start + count)] {
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int64(c - 0x30)
            }
            return v
        }
        guard b.count >= 20, let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2),
            let mi = num(14, 2), let s = num(17, 2), (1...12).contains(mo), (1...31).contains(d)
        else { return nil }
        var i = 19
        if b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
        }
        var offset: Int64 = 0
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), let oh = num(i + 1, 2),
            let om = num(i + 4, 2)
        {
            offset = (oh * 3600 + om * 60) * (b[i] == UInt8(ascii: "+") ? 1 : -1)
        }
        // Days from the civil date (Howard Hinnant's algorithm).
        let yy = mo <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let mp = (mo + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        return days * 86400 + h * 3600 + mi * 60 + s - offset
    }
}
