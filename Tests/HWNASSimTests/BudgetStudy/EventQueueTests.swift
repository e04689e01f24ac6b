// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import HWNASSim

@Suite struct EventQueueTests {
    @Test func ordersByTimeThenInsertion() {
        var q = EventQueue()
        q.schedule(.trainingFinished, at: 5)
        q.schedule(.budgetReached, at: 2)
        q.schedule(.queriesFinished, at: 2)
        q.schedule(.measurementStarted(position: 1, device: 0), at: 2)
        q.schedule(.measurementStarted(position: 0, device: 0), at: 1)
        let order = (0..<5).compactMap { _ in q.next() }
        #expect(order.map(\.time) == [1, 2, 2, 2, 5])
        #expect(order[1].kind == .queriesFinished)  // inserted before the start at 2
        #expect(order[2].kind == .measurementStarted(position: 1, device: 0))
        #expect(order[3].kind == .budgetReached)  // the budget comes after everything at its time
        #expect(q.next() == nil)
    }
}
