import Foundation
import KubeAPI
import KubeClient

extension Lister {
    /// `spec.nodeName`: pods by the node they are bound to (unbound pods are not filed).
    public static let nodeNameIndex = "spec.nodeName"

    /// Adds the node name index (to a pod lister).
    public func indexByNodeName() {
        addIndex(Self.nodeNameIndex) { pod in
            guard let node = pod["spec"]?["nodeName"]?.stringValue, !node.isEmpty else { return [] }
            return [node]
        }
    }
}

/// Node taint and pod toleration helpers shared by the node controllers.
enum NodeTaints {
    /// `node.kubernetes.io/not-ready`: the node's Ready condition is False.
    static let notReady = "node.kubernetes.io/not-ready"
    /// `node.kubernetes.io/unreachable`: the node's Ready condition is Unknown.
    static let unreachable = "node.kubernetes.io/unreachable"

    /// The taint a JSON taint object describes; nil without a key or effect.
    static func taint(_ json: JSONValue) -> Taint? {
        guard let key = json["key"]?.stringValue, let effect = json["effect"]?.stringValue else { return nil }
        return Taint(key: key, value: json["value"]?.stringValue, effect: effect, timeAdded: json["timeAdded"]?.stringValue)
    }

    /// The toleration a JSON toleration object describes.
    static func toleration(_ json: JSONValue) -> Toleration {
        Toleration(
            key: json["key"]?.stringValue, operator: json["operator"]?.stringValue, value: json["value"]?.stringValue,
            effect: json["effect"]?.stringValue, tolerationSeconds: json["tolerationSeconds"]?.intValue.map { Int($0) })
    }

    /// A node's taints, malformed entries skipped.
    static func taints(of node: JSONValue) -> [Taint] {
        (node["spec"]?["taints"]?.arrayValue ?? []).compactMap(taint)
    }

    /// A pod's tolerations.
    static func tolerations(of pod: JSONValue) -> [Toleration] {
        (pod["spec"]?["tolerations"]?.arrayValue ?? []).map(toleration)
    }

    /// A taint as its JSON object (`key`, `value` when set, `effect`, `timeAdded` when set).
    static func json(_ taint: Taint) -> JSONValue {
        var o: JSONValue = ["key": .string(taint.key)]
        if let value = taint.value { o["value"] = .string(value) }
        o["effect"] = .string(taint.effect)
        if let added = taint.timeAdded { o["timeAdded"] = .string(added) }
        return o
    }

    /// The status of condition `type` in a node's (or pod's) `status.conditions`; nil when absent.
    static func conditionStatus(_ object: JSONValue, _ type: String) -> String? {
        (object["status"]?["conditions"]?.arrayValue ?? []).first { $0["type"]?.stringValue == type }?["status"]?.stringValue
    }
}
