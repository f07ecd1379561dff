/// A binary min-heap ordered by `ordered(a, b)` (true when `a` comes out first).
struct BinaryHeap<Element> {
    private var items: [Element] = []
    private let ordered: (Element, Element) -> Bool

    init(ordered: @escaping (Element, Element) -> Bool) { self.ordered = ordered }

    var count: Int { items.count }
    var isEmpty: Bool { items.isEmpty }

    mutating func push(_ e: Element) {
        items.append(e)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard ordered(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Element? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var first = parent
            if left < items.count && ordered(items[left], items[first]) { first = left }
            if right < items.count && ordered(items[right], items[first]) { first = right }
            if first == parent { break }
            items.swapAt(parent, first)
            parent = first
        }
        return top
    }
}
