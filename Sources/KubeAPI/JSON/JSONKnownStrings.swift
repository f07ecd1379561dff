/// Strings that recur in Kubernetes objects and are too long to be stored inline in a `String`
/// (more than 15 UTF-8 bytes): field names (`terminationMessagePath`), their managed-fields keys
/// (`f:terminationMessagePath`) and common values (`default-scheduler`). The parser hands out
/// these shared copies instead of allocating a string for each occurrence. Field names, enum
/// values and the common values come from string literals, which are never reference counted
/// or freed; the managed-fields keys are built once, and each use counts a reference.
///
/// The table is an open-addressed hash set over the strings' bytes (`HashSlots`), built once and
/// read-only.
struct JSONKnownStrings: Sendable {
    /// Strings up to this length are inline in a `String` and never looked up.
    static let inlineLimit = 15

    private struct Entry: Sendable {
        var string: String
        /// Where its UTF-8 bytes start in `bytes`.
        var offset: Int
        var count: Int
    }

    private let slots: HashSlots
    private let entries: [Entry]
    /// Every entry's UTF-8 bytes, one after the other.
    private let bytes: [UInt8]

    /// A table of `strings`; those that fit inline, and repeats, are left out.
    init(_ strings: some Sequence<String>) {
        var entries: [Entry] = []
        var bytes: [UInt8] = []
        var seen = Set<String>()
        for s in strings where s.utf8.count > Self.inlineLimit && seen.insert(s).inserted {
            entries.append(Entry(string: s, offset: bytes.count, count: s.utf8.count))
            bytes.append(contentsOf: s.utf8)
        }
        slots = bytes.withUnsafeBytes { all in
            HashSlots(hashes: entries.map { e in HashSlots.hash(UnsafeRawBufferPointer(rebasing: all[e.offset..<e.offset + e.count])) })
        }
        self.entries = entries
        self.bytes = bytes
    }

    /// The number of strings held.
    var count: Int { entries.count }

    /// The shared string whose UTF-8 bytes are `text`, if the table holds it. `text` must be
    /// longer than `inlineLimit`.
    @inline(__always)
    func string(for text: UnsafeRawBufferPointer) -> String? {
        slots.find(hash: HashSlots.hash(text)) { n in
            let e = entries[n]
            return e.count == text.count
                && bytes.withUnsafeBytes { all in Self.equal(UnsafeRawBufferPointer(rebasing: all[e.offset..<e.offset + e.count]), text) }
        }.map { entries[$0].string }
    }

    /// True when `a` and `b`, of the same length above eight bytes, hold the same bytes (compared
    /// eight at a time, the last eight overlapping the ones before).
    @inline(__always)
    private static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        var k = 0
        while k < a.count - 8 {
            if ByteWord.load(a, at: k) != ByteWord.load(b, at: k) { return false }
            k += 8
        }
        return ByteWord.load(a, at: a.count - 8) == ByteWord.load(b, at: a.count - 8)
    }
}

extension JSONKnownStrings {
    /// The table the parser uses: every field name of Skiff's standard definitions and its
    /// managed-fields key, the values of their string fields that are enums, and values the server writes into most
    /// objects of a kind (defaults, well-known labels and taints, managers, condition keys).
    static let standard = JSONKnownStrings(standardStrings())

    private static func standardStrings() -> [String] {
        var out: [String] = []
        for definition in StandardDefinitions.all {
            for field in definition.fields {
                out.append(field.name)
                out.append("f:" + field.name)
                if case .string(_, let values?) = field.type { out += values }
            }
        }
        out += commonValues
        for type in commonConditionTypes { out.append("k:{\"type\":\"\(type)\"}") }
        return out
    }

    /// Values written into most objects of a kind by the server, kubectl and controllers.
    private static let commonValues = [
        "default-scheduler", "/dev/termination-log", "FallbackToLogsOnError", "PreemptLowerPriority",
        "kube-root-ca.crt", "/var/run/secrets/kubernetes.io/serviceaccount", "metadata.namespace",
        "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable", "node.kubernetes.io/unschedulable",
        "node.kubernetes.io/memory-pressure", "node.kubernetes.io/disk-pressure", "node.kubernetes.io/pid-pressure",
        "node.kubernetes.io/network-unavailable", "node-role.kubernetes.io/control-plane", "kubernetes.io/hostname",
        "kubernetes.io/os", "kubernetes.io/arch", "beta.kubernetes.io/os", "beta.kubernetes.io/arch",
        "topology.kubernetes.io/zone", "topology.kubernetes.io/region", "node.kubernetes.io/instance-type",
        "kubernetes.io/service-account-token", "kubernetes.io/dockerconfigjson", "pod-template-hash",
        "controller-revision-hash", "pod-template-generation", "batch.kubernetes.io/job-name",
        "batch.kubernetes.io/controller-uid", "deployment.kubernetes.io/revision",
        "deployment.kubernetes.io/desired-replicas", "deployment.kubernetes.io/max-replicas",
        "kubectl.kubernetes.io/last-applied-configuration", "kube-controller-manager", "kubectl-client-side-apply",
        "kubectl-create", "kubectl-edit", "kubectl-patch", "kubectl-annotate", "kubectl-label", "skiff-simulate",
        "PodReadyToStartContainers", "ContainersReady", "KubeletReady", "KubeletHasSufficientMemory",
        "KubeletHasNoDiskPressure", "KubeletHasSufficientPID", "MinimumReplicasAvailable", "NewReplicaSetAvailable",
        "ReplicaSetUpdated", "coordination.k8s.io/v1", "rbac.authorization.k8s.io", "rbac.authorization.k8s.io/v1",
        "apiextensions.k8s.io/v1", "admissionregistration.k8s.io/v1", "scheduling.k8s.io/v1", "discovery.k8s.io/v1",
        "networking.k8s.io/v1", "certificates.k8s.io/v1", "storage.k8s.io/v1", "authentication.k8s.io/v1",
        "authorization.k8s.io/v1", "flowcontrol.apiserver.k8s.io/v1",
    ]

    /// Condition types whose managed-fields keys (`k:{"type":"Ready"}`) recur.
    private static let commonConditionTypes = [
        "Ready", "Initialized", "ContainersReady", "PodScheduled", "PodReadyToStartContainers", "MemoryPressure",
        "DiskPressure", "PIDPressure", "NetworkUnavailable", "Available", "Progressing", "ReplicaFailure", "Complete",
        "Failed", "Suspended",
    ]
}

extension JSONValue {
    /// `prefix` followed by `text`, as the parser's shared copy when it is one of the strings
    /// the parser shares (a managed-fields key such as `f:containerStatuses`), else as a new
    /// string: a writer that builds such keys then holds them without allocating each time.
    public static func sharedString(prefix: StaticString, _ text: String) -> String {
        var text = text
        return text.withUTF8 { sharedString(prefix: prefix, UnsafeRawBufferPointer($0)) }
    }

    /// `prefix` followed by the UTF-8 bytes `text` (such as an encoded `k:{"type":"Ready"}`
    /// key's object), shared as `sharedString(prefix:_:)` shares a string.
    public static func sharedString(prefix: StaticString, _ text: [UInt8]) -> String {
        text.withUnsafeBytes { sharedString(prefix: prefix, $0) }
    }

    private static func sharedString(prefix: StaticString, _ text: UnsafeRawBufferPointer) -> String {
        let head = UnsafeRawBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        return withUnsafeTemporaryAllocation(byteCount: head.count + text.count, alignment: 1) { buffer -> String in
            buffer.copyMemory(from: head)
            UnsafeMutableRawBufferPointer(rebasing: buffer[head.count...]).copyMemory(from: text)
            return JSONParser.string(UnsafeRawBufferPointer(buffer))
        }
    }
}
