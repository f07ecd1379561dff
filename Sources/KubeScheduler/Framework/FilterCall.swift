/// One Filter plugin behind a class, for the per-node loop of a scheduling cycle.
///
/// Calling a plugin held as `any FilterPlugin` in an array copies the existential out of the
/// array and destroys the copy (two value-witness calls and a retain and release), for every
/// plugin on every node of every pod. A `FilterCall` is one virtual call on a reference the loop
/// borrows (`Unmanaged`), and its subclass holds the plugin as its concrete type.
class FilterCall {
    /// The plugin's name.
    let name: String

    fileprivate init(name: String) { self.name = name }

    /// The plugin's decision for `pod` on `node` (`TypedFilterCall` overrides it; the base class
    /// is never made).
    func filter(state: CycleState, pod: PodInfo, node: NodeInfo) -> PluginStatus { .success }

    /// A call of `plugin`.
    static func wrapping(_ plugin: any FilterPlugin) -> FilterCall { typed(plugin) }

    private static func typed<P: FilterPlugin>(_ plugin: P) -> FilterCall { TypedFilterCall(plugin) }
}

/// A `FilterCall` of a plugin of type `P`.
private final class TypedFilterCall<P: FilterPlugin>: FilterCall {
    let plugin: P

    init(_ plugin: P) {
        self.plugin = plugin
        super.init(name: plugin.name)
    }

    override func filter(state: CycleState, pod: PodInfo, node: NodeInfo) -> PluginStatus {
        plugin.filter(state: state, pod: pod, node: node)
    }
}
