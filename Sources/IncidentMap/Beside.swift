import Foundation

/// A value computed on a thread of its own from `init` on; `result` waits for it. The main
/// job runs independent work beside a phase that leaves a core idle at times: the border
/// measuring beside the clustering, the distance bands beside the incidents layer.
final class Beside<Value: Sendable>: @unchecked Sendable {
    // Written once on the other thread before `done` is signalled, read after.
    private var value: Value?
    private let done = DispatchSemaphore(value: 0)

    init(_ compute: @escaping @Sendable () -> Value) {
        Thread.detachNewThread { [self] in
            value = compute()
            done.signal()
        }
    }

    func result() -> Value {
        done.wait()
        return value!
    }
}

extension Beside {
    /// Work that may throw, computed beside; its error is thrown by `get()`, where the
    /// result is asked for, not on the other thread.
    convenience init<T>(throwing compute: @escaping @Sendable () throws -> T) where Value == Result<T, Error> {
        self.init { Result { try compute() } }
    }

    /// Waits for the work and returns its value, or throws its error.
    func get<T>() throws -> T where Value == Result<T, Error> { try result().get() }
}
