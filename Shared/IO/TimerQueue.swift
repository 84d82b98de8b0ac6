/// Identifies a scheduled timer so it can be cancelled.
public struct TimerID: Hashable, Sendable {
    let value: UInt64
}

/// The loop's timers: a binary min-heap of deadlines with lazy cancellation.
///
/// Cancelling removes the callback at once; its heap entry is skipped when it surfaces. Loop-confined.
struct TimerQueue {
    private struct Entry {
        var deadline: Deadline
        var id: UInt64
    }

    private var heap: [Entry] = []
    private var callbacks: [UInt64: () -> Void] = [:]
    private var nextID: UInt64 = 0

    /// The number of live (not cancelled, not fired) timers.
    var count: Int { callbacks.count }

    /// The earliest deadline still in the heap (perhaps of a cancelled timer: a harmless early wake-up).
    var earliestDeadline: Deadline? { heap.first?.deadline }

    mutating func schedule(at deadline: Deadline, _ callback: @escaping () -> Void) -> TimerID {
        nextID &+= 1
        callbacks[nextID] = callback
        heap.append(Entry(deadline: deadline, id: nextID))
        siftUp(heap.count - 1)
        return TimerID(value: nextID)
    }

    mutating func cancel(_ id: TimerID) {
        callbacks[id.value] = nil
        if callbacks.isEmpty { heap.removeAll(keepingCapacity: true) }
    }

    /// Removes and returns the callbacks of every timer due at `now`, earliest first.
    mutating func popExpired(now: Deadline) -> [() -> Void] {
        var due: [() -> Void] = []
        while let first = heap.first, first.deadline <= now {
            removeFirst()
            if let callback = callbacks.removeValue(forKey: first.id) {
                due.append(callback)
            }
        }
        return due
    }

    private mutating func removeFirst() {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap[0] = last
        siftDown(0)
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].deadline < heap[parent].deadline else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].deadline < heap[smallest].deadline { smallest = left }
            if right < heap.count, heap[right].deadline < heap[smallest].deadline { smallest = right }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
