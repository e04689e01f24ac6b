// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Synchronization

/// Progress on standard error: a bar that redraws in place when stderr is a terminal, plain
/// lines (one per finished cell) when it is not, nothing when quiet.
public final class ProgressReporter: Sendable {
    public enum Style: Sendable { case quiet, lines, bar }

    struct State {
        var cellsDone = 0
        var trialsDone = 0
        var lastDraw = ContinuousClock.now
    }

    let style: Style
    let totalCells: Int
    let totalTrials: Int
    let start = ContinuousClock.now
    let state = Mutex(State())

    public init(totalCells: Int, totalTrials: Int, style: Style) {
        self.totalCells = totalCells
        self.totalTrials = totalTrials
        self.style = style
    }

    static func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }

    func rates(_ s: State) -> (perSecond: Double, left: String) {
        let elapsed = (ContinuousClock.now - start).inSeconds
        let rate = elapsed > 0 ? Double(s.trialsDone) / elapsed : 0
        let remaining = rate > 0 ? Double(totalTrials - s.trialsDone) / rate : 0
        let left = remaining >= 60 ? "\(Int(remaining / 60)) min \(Int(remaining) % 60) s" : "\(Int(remaining.rounded())) s"
        return (rate, left)
    }

    /// Called by workers after each trial.
    func trialFinished() {
        guard style == .bar else {
            state.withLock { $0.trialsDone += 1 }
            return
        }
        let line: String? = state.withLock { s in
            s.trialsDone += 1
            let now = ContinuousClock.now
            guard now - s.lastDraw > .milliseconds(200) else { return nil }
            s.lastDraw = now
            return bar(s)
        }
        if let line { Self.write(line) }
    }

    func bar(_ s: State) -> String {
        let width = 30
        let fraction = totalTrials > 0 ? Double(s.trialsDone) / Double(totalTrials) : 1
        let filled = min(width, Int(fraction * Double(width)))
        let (rate, left) = rates(s)
        return "\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            + "] \(s.cellsDone)/\(totalCells) cells  \(Int(rate)) trials/s  \(left) left   "
    }

    /// Called when a cell is finished (run now, or skipped as already done).
    func cellFinished(_ label: String, trials: Int, skipped: Bool) {
        let text: String? = state.withLock { s in
            s.cellsDone += 1
            if skipped { s.trialsDone += trials }
            switch style {
            case .quiet: return nil
            case .bar: return bar(s) + (s.cellsDone == totalCells ? "\n" : "")
            case .lines:
                let (rate, left) = rates(s)
                return "cell \(s.cellsDone)/\(totalCells) \(skipped ? "already done" : "done"): \(label); \(Int(rate)) trials/s, about \(left) left\n"
            }
        }
        if let text { Self.write(text) }
    }
}
