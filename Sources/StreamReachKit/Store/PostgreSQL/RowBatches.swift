import Foundation

/// Hands a history's rows from the thread that reads the file to the task that sends them:
/// at most a few batches wait, so a ten-million-row file is never all in memory.
final class RowBatches: @unchecked Sendable {
    enum Item {
        case rows([SnapshotRow])
        case failed(any Error)
        case end
    }

    private struct Stopped: Error {}

    static let batchSize = 32_768
    private static let waitingLimit = 4
    private let condition = NSCondition()
    private var items: [Item] = []
    private var waiter: CheckedContinuation<Item, Never>?
    private var stopped = false

    /// Reads every row on the calling thread, which blocks while the taker is behind.
    func produce(_ rows: (_ emit: (SnapshotRow) throws -> Void) throws -> Void) {
        var batch: [SnapshotRow] = []
        batch.reserveCapacity(Self.batchSize)
        do {
            try rows { row in
                batch.append(row)
                if batch.count == Self.batchSize {
                    try put(.rows(batch))
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { try put(.rows(batch)) }
            try put(.end)
        } catch is Stopped {
            return
        } catch {
            try? put(.failed(error))
        }
    }

    func take() async -> Item {
        await withCheckedContinuation { continuation in
            condition.lock()
            if items.isEmpty {
                waiter = continuation
                condition.unlock()
            } else {
                let item = items.removeFirst()
                condition.signal()
                condition.unlock()
                continuation.resume(returning: item)
            }
        }
    }

    /// The taker gave up (an error): the reading thread stops at its next batch.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func put(_ item: Item) throws {
        condition.lock()
        while items.count >= Self.waitingLimit && !stopped { condition.wait() }
        guard !stopped else { condition.unlock(); throw Stopped() }
        if let waiter {
            self.waiter = nil
            condition.unlock()
            waiter.resume(returning: item)
            return
        }
        items.append(item)
        condition.unlock()
    }
}
