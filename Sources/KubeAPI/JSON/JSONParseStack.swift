/// The members and items of the objects and arrays a parser has open, on one stack each: a
/// container being read pushes its members, and when it closes they move off the top into one
/// allocation of the container's exact size. Growing each container's own array as it filled
/// reallocated it at 4, 8 and 16 members and left the slack in the tree.
///
/// Values are moved in and out, never copied, so no reference count changes on the way. The
/// stacks start in temporary memory (on the thread's stack when it has room) and move to the
/// heap only for a document that outgrows them.
struct JSONParseStack {
    /// The open objects' members; an object starts at the count when it opened.
    private(set) var members: MoveStack<JSONObject.Member>
    /// The open arrays' items; an array starts at the count when it opened.
    private(set) var items: MoveStack<JSONValue>

    /// How many members and items fit in the first memory: the standard library puts a
    /// temporary allocation of up to 1 KiB on the thread's stack.
    static let firstMembers = 1_024 / MemoryLayout<JSONObject.Member>.stride
    static let firstItems = 1_024 / MemoryLayout<JSONValue>.stride

    /// Runs `body` with a stack whose first members and items live in temporary memory, and
    /// destroys whatever is left on it after, whether `body` returns or throws.
    static func with<R>(_ body: (inout JSONParseStack) throws(JSONParseError) -> R) throws(JSONParseError) -> R {
        let result: Result<R, JSONParseError> = withUnsafeTemporaryAllocation(of: JSONObject.Member.self, capacity: firstMembers) { m in
            withUnsafeTemporaryAllocation(of: JSONValue.self, capacity: firstItems) { v in
                var stack = JSONParseStack(members: MoveStack(m), items: MoveStack(v))
                defer {
                    stack.members.release()
                    stack.items.release()
                }
                do throws(JSONParseError) {
                    return .success(try body(&stack))
                } catch {
                    return .failure(error)
                }
            }
        }
        return try result.get()
    }

    /// Adds a member to the open object whose members start at `start`; a repeated key replaces
    /// the earlier value in its place, as `JSONObject`'s subscript does.
    @inline(__always)
    mutating func addMember(_ key: String, _ value: consuming JSONValue, from start: Int) {
        var k = start
        while k < members.count {
            if members.base[k].key == key {
                members.base[k].value = value
                return
            }
            k += 1
        }
        members.push(JSONObject.Member(key: key, value: value))
    }

    /// The object made of the members from `start` on, which leave the stack.
    mutating func popObject(from start: Int) -> JSONObject {
        JSONObject(uniqueKeys: members.pop(from: start))
    }

    /// Adds an item to the open array.
    @inline(__always)
    mutating func addItem(_ value: consuming JSONValue) { items.push(value) }

    /// The items from `start` on, which leave the stack.
    mutating func popItems(from start: Int) -> [JSONValue] { items.pop(from: start) }
}

/// A stack of values that are moved on and off: the memory it starts with belongs to its
/// creator; past that it grows on the heap. `release()` destroys what is left and frees the heap
/// memory, and must be called once the stack is done with.
struct MoveStack<Element> {
    private(set) var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    /// The number of elements on the stack.
    private(set) var count = 0
    private var onHeap = false
    private var released = false

    /// A stack over `memory` (uninitialized; it must outlive the stack); empty memory gives a
    /// stack that starts on the heap.
    init(_ memory: UnsafeMutableBufferPointer<Element>) {
        if let start = memory.baseAddress, memory.count > 0 {
            base = start
            capacity = memory.count
        } else {
            base = .allocate(capacity: 16)
            capacity = 16
            onHeap = true
        }
    }

    @inline(__always)
    mutating func push(_ element: consuming Element) {
        assert(!released, "a released stack is not used again")
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    /// The elements from `start` on, moved into an array of their exact number.
    @inline(__always)
    mutating func pop(from start: Int) -> [Element] {
        // Reserving and appending is specialized for the element type; building the array
        // through `init(unsafeUninitializedCapacity:)` looked its storage class up at run time.
        var moved: [Element] = []
        moved.reserveCapacity(count - start)
        for k in start..<count { moved.append((base + k).move()) }
        count = start
        return moved
    }

    /// Destroys the elements left and frees the memory the stack grew into; the stack is not
    /// used after (a second call does nothing).
    mutating func release() {
        base.deinitialize(count: count)
        count = 0
        if onHeap { base.deallocate() }
        onHeap = false
        capacity = 0
        released = true
    }

    private mutating func grow() {
        let larger = max(16, capacity * 2)
        let grown = UnsafeMutablePointer<Element>.allocate(capacity: larger)
        grown.moveInitialize(from: base, count: count)
        if onHeap { base.deallocate() }
        base = grown
        capacity = larger
        onHeap = true
    }
}
