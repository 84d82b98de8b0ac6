import Glibc
import GuichetIO
import Synchronization
import Testing

@Suite("Event loop")
struct EventLoopTests {
    @Test("a closure sent from another thread runs on the loop")
    func executeFromAnotherThread() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let loop = group.loops[0]
        let ranOnLoop = await withCheckedContinuation { continuation in
            loop.execute { continuation.resume(returning: loop.inEventLoop) }
        }
        #expect(ranOnLoop)
        #expect(!loop.inEventLoop)
    }

    @Test("timers fire in deadline order and a cancelled timer never fires")
    func timersFireInOrder() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let loop = group.loops[0]
        let fired = Mutex<[Int]>([])
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            loop.execute {
                loop.scheduleTimer(after: .milliseconds(30)) { fired.withLock { $0.append(3) } }
                loop.scheduleTimer(after: .milliseconds(10)) { fired.withLock { $0.append(1) } }
                let cancelled = loop.scheduleTimer(after: .milliseconds(20)) { fired.withLock { $0.append(99) } }
                loop.scheduleTimer(after: .milliseconds(20)) { fired.withLock { $0.append(2) } }
                loop.cancelTimer(cancelled)
                loop.scheduleTimer(after: .milliseconds(40)) { continuation.resume() }
            }
        }
        #expect(fired.withLock { $0 } == [1, 2, 3])
    }

    @Test("a timer scheduled earlier than the armed one re-arms the timerfd")
    func earlierTimerRearms() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let loop = group.loops[0]
        let order = Mutex<[String]>([])
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            loop.execute {
                // The late timer is armed first; the early one must still fire first (and soon).
                let late = loop.scheduleTimer(after: .seconds(600)) { order.withLock { $0.append("late") } }
                loop.scheduleTimer(after: .milliseconds(5)) {
                    order.withLock { $0.append("early") }
                    loop.cancelTimer(late)
                    continuation.resume()
                }
            }
        }
        #expect(order.withLock { $0 } == ["early"])
    }

    @Test("a task preferring the loop runs on it before and after suspension")
    func taskExecutorPreference() async throws {
        let group = try EventLoopGroup(loopCount: 2)
        defer { group.shutdown() }
        let loop = group.loops[1]
        let observations = await Task(executorPreference: loop) { () -> [Bool] in
            var seen = [loop.inEventLoop]
            // Resumed from another thread: the job must come back to the loop.
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                group.loops[0].execute { continuation.resume() }
            }
            seen.append(loop.inEventLoop)
            await Task.yield()
            seen.append(loop.inEventLoop)
            return seen
        }.value
        #expect(observations == [true, true, true])
    }

    @Test("EventLoop.current names the loop running the caller")
    func currentLoop() async throws {
        let group = try EventLoopGroup(loopCount: 2)
        defer { group.shutdown() }
        #expect(EventLoop.current == nil)
        for loop in group.loops {
            let same = await withCheckedContinuation { continuation in
                loop.execute { continuation.resume(returning: EventLoop.current === loop) }
            }
            #expect(same)
        }
    }

    @Test("many closures from many threads all run, none lost")
    func manyRemoteSubmissions() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let loop = group.loops[0]
        let counter = Counter()
        await withTaskGroup(of: Void.self) { tasks in
            for _ in 0..<8 {
                tasks.addTask {
                    for _ in 0..<1000 {
                        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                            loop.execute {
                                counter.value.add(1, ordering: .relaxed)
                                continuation.resume()
                            }
                        }
                    }
                }
            }
        }
        #expect(counter.value.load(ordering: .relaxed) == 8000)
    }
}

private final class Counter: Sendable {
    let value = Atomic<Int>(0)
}
