/// The statements prepared on one connection: SQL text → statement name, bounded, least recently
/// used first out.
///
/// A statement is *pending* from the moment its `Parse` is queued until its result says it was
/// prepared; a failed or skipped `Parse` forgets it, so the next use prepares it again. Only
/// confirmed statements are evicted (with a `DEALLOCATE` sent ahead of the next request), so the
/// server never holds a statement the cache has forgotten.
struct PreparedStatementCache {
    /// What to send for a statement.
    enum Lookup: Equatable {
        /// Execute the statement already prepared (or being prepared) under `name`.
        case prepared(name: String)
        /// Prepare it as `name` first, after deallocating `evicting` if given.
        case prepare(name: String, evicting: String?)
        /// The cache is full of pending statements: run it unnamed, uncached.
        case unnamed
    }

    private struct Entry {
        var name: String
        var confirmed: Bool
        var lastUse: UInt64
    }

    /// The most statements kept per connection.
    let capacity: Int
    private var entries: [String: Entry] = [:]
    private var clock: UInt64 = 0
    private var nextNumber = 0

    /// A cache holding at most `capacity` statements (0 disables preparing).
    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    /// The number of statements cached (pending or confirmed).
    var count: Int { entries.count }

    /// Finds or reserves the statement for `sql`, marking it used.
    mutating func lookup(_ sql: String) -> Lookup {
        clock &+= 1
        if var entry = entries[sql] {
            entry.lastUse = clock
            entries[sql] = entry
            return .prepared(name: entry.name)
        }
        guard capacity > 0 else { return .unnamed }
        var evicted: String?
        if entries.count >= capacity {
            guard let victim = entries.filter({ $0.value.confirmed }).min(by: { $0.value.lastUse < $1.value.lastUse })
            else { return .unnamed }
            evicted = victim.value.name
            entries[victim.key] = nil
        }
        nextNumber += 1
        let name = "guichet_\(nextNumber)"
        entries[sql] = Entry(name: name, confirmed: false, lastUse: clock)
        return .prepare(name: name, evicting: evicted)
    }

    /// The server prepared the statement for `sql`.
    mutating func confirm(_ sql: String) {
        entries[sql]?.confirmed = true
    }

    /// The statement for `sql` was not prepared (an error, or the pipeline was aborted before it).
    mutating func forget(_ sql: String) {
        entries[sql] = nil
    }

    /// Whether `sql` is prepared and confirmed.
    func isConfirmed(_ sql: String) -> Bool {
        entries[sql]?.confirmed ?? false
    }
}
