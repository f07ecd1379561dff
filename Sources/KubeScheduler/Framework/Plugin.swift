/// A scheduling plugin; it implements one or more of the extension-point protocols below and is
/// registered by name in `PluginRegistry`.
public protocol SchedulerPlugin: Sendable {
    /// The plugin's name, as in Kubernetes (e.g. `NodeResourcesFit`).
    var name: String { get }
}

/// Runs once per pod before filtering: computes state for Filter (stored in `CycleState`) or
/// rejects the pod outright. Returning `.skip` skips this plugin's Filter for the pod.
public protocol PreFilterPlugin: SchedulerPlugin {
    /// Prepares filtering of `pod` against `snapshot`.
    func preFilter(state: CycleState, pod: PodInfo, snapshot: Snapshot) -> PluginStatus
}

/// Decides whether a pod may run on a node.
public protocol FilterPlugin: SchedulerPlugin {
    /// `.success` when `pod` fits `node`, otherwise why not.
    func filter(state: CycleState, pod: PodInfo, node: NodeInfo) -> PluginStatus
}

/// Implemented by PreFilter plugins whose state depends on the pods on nodes, so that preemption
/// can evaluate "what if this pod were removed (or added)" without recomputing everything.
public protocol PreFilterExtensions: PreFilterPlugin {
    /// Updates the plugin's state in `state` as if `podToAdd` ran on `node`.
    func addPod(state: CycleState, pod: PodInfo, podToAdd: PodInfo, node: NodeInfo)
    /// Updates the plugin's state in `state` as if `podToRemove` no longer ran on `node`.
    func removePod(state: CycleState, pod: PodInfo, podToRemove: PodInfo, node: NodeInfo)
}

/// Runs once per pod before scoring, with the nodes that passed filtering. Returning `.skip`
/// skips this plugin's Score for the pod.
public protocol PreScorePlugin: SchedulerPlugin {
    /// Prepares scoring of `pod` over `nodes`.
    func preScore(state: CycleState, pod: PodInfo, nodes: [NodeInfo], snapshot: Snapshot) -> PluginStatus
}

/// Ranks the feasible nodes for a pod.
public protocol ScorePlugin: SchedulerPlugin {
    /// The raw score of `node` for `pod`. After `normalize`, scores lie in 0...100
    /// (`Framework.maxNodeScore`).
    func score(state: CycleState, pod: PodInfo, node: NodeInfo) -> Int64
    /// Rescales the raw scores of all feasible nodes into 0...100 in place. The default leaves
    /// them as they are.
    func normalize(state: CycleState, pod: PodInfo, scores: inout [Int64])
}

extension ScorePlugin {
    /// Leaves the scores unchanged.
    public func normalize(state: CycleState, pod: PodInfo, scores: inout [Int64]) {}
}

/// The name of one entry of a `CycleState`. Plugins keep each key in a `static let`; entries are
/// found by the key's identity, so a lookup (once per node per plugin) compares pointers, not
/// strings.
public final class CycleStateKey: Sendable, CustomStringConvertible {
    /// The entry's name, as in Kubernetes (`PreFilterNodeResourcesFit`).
    public let name: String

    /// A key named `name`; every key made is distinct from every other, whatever its name.
    public init(_ name: String) { self.name = name }

    public var description: String { name }
}

/// Per-pod scratch space shared by a plugin's extension points during one scheduling cycle.
/// Plugins store their PreFilter/PreScore results here under their own keys. Reads happen once
/// per node per plugin, so entries live in a short array of boxes (a pointer compare and a class
/// cast) rather than a hashed dictionary of existentials.
public final class CycleState {
    private final class Box<T> {
        let value: T
        init(_ value: T) { self.value = value }
    }

    private var entries: [(key: CycleStateKey, box: AnyObject)] = []

    /// An empty state.
    public init() {}

    /// The value stored under `key`, if it has type `T`.
    public func read<T>(_ key: CycleStateKey, as: T.Type = T.self) -> T? {
        for entry in entries where entry.key === key {
            return (entry.box as? Box<T>)?.value
        }
        return nil
    }

    /// Calls `body` with the value stored under `key`, if it has type `T`, where it lies: a
    /// plugin that reads its state for every node uses this, as copying a value out retains
    /// each of its references and releases them again. Nil when there is no such value.
    /// `body` must not write to this state (the value is borrowed from it).
    public func withValue<T, R>(_ key: CycleStateKey, as: T.Type = T.self, _ body: (borrowing T) -> R) -> R? {
        // Read in place: iterating the entries would retain and release each key and box.
        entries.withUnsafeBufferPointer { entries in
            for i in entries.indices where entries[i].key === key {
                guard type(of: entries[i].box) == Box<T>.self else { return nil }
                return Unmanaged.passUnretained(unsafeDowncast(entries[i].box, to: Box<T>.self))
                    ._withUnsafeGuaranteedRef { body($0.value) }
            }
            return nil
        }
    }

    /// Stores `value` under `key`, replacing what was there.
    public func write<T>(_ key: CycleStateKey, _ value: T) {
        let box = Box(value)
        if let i = entries.firstIndex(where: { $0.key === key }) {
            entries[i].box = box
        } else {
            entries.append((key, box))
        }
    }

    /// A copy holding the same values (values are expected to be value types, so later writes to
    /// either copy do not affect the other).
    public func clone() -> CycleState {
        let copy = CycleState()
        copy.entries = entries
        return copy
    }
}

/// Helpers shared by score plugins.
public enum Framework {
    /// The highest score a plugin gives a node after normalisation.
    public static let maxNodeScore: Int64 = 100

    /// Scales scores so that the highest becomes `maxNodeScore` (or, with `reverse`, so that the
    /// lowest raw score gets the highest normalised score). All-zero scores stay zero, or become
    /// `maxNodeScore` when reversed, as Kubernetes' `DefaultNormalizeScore` does.
    public static func defaultNormalize(_ scores: inout [Int64], reverse: Bool) {
        let highest = scores.max() ?? 0
        if highest == 0 {
            if reverse { for i in scores.indices { scores[i] = maxNodeScore } }
            return
        }
        for i in scores.indices {
            var s = maxNodeScore * scores[i] / highest
            if reverse { s = maxNodeScore - s }
            scores[i] = s
        }
    }
}
