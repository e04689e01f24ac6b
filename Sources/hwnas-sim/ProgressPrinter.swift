// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HWNASSim
import Synchronization

/// Standard error.
enum StandardError {
    static func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}

/// Shows a run's events on standard error: its warnings always; progress as a bar that redraws
/// in place when stderr is a terminal, plain lines (one per finished cell) when it is not,
/// nothing when quiet.
final class ProgressPrinter: Sendable {
    enum Style: Sendable { case quiet, lines, bar }

    struct State {
        var totalCells = 0
        var totalTrials = 0
        var cellsDone = 0
        var trialsDone = 0
        var start = ContinuousClock.now
        var lastDraw = ContinuousClock.now
        /// The running cell: its label, trials and trials done (for lines within a long cell).
        var cellLabel = ""
        var cellTrials = 0
        var cellDone = 0
        var cellStart = ContinuousClock.now
    }

    /// How often a line within a running cell is written when stderr is not a terminal.
    static let lineInterval = Duration.seconds(10)

    let style: Style
    let state = Mutex(State())

    init(style: Style) { self.style = style }

    /// The observer to hand to a run.
    var observer: RunObserver { { [self] event in self.receive(event) } }

    func receive(_ event: RunEvent) {
        switch event {
        case .warning(let w): StandardError.write("warning: \(w)\n")
        case .started(let cells, let trials):
            state.withLock { s in
                (s.totalCells, s.totalTrials, s.start) = (cells, trials, ContinuousClock.now)
            }
        case .cellStarted(let label, let trials):
            state.withLock { s in
                (s.cellLabel, s.cellTrials, s.cellDone, s.cellStart, s.lastDraw) = (label, trials, 0, .now, .now)
            }
        case .trialFinished: trialFinished()
        case .cellFinished(let label, let trials, let skipped): cellFinished(label, trials: trials, skipped: skipped)
        }
    }

    func rates(_ s: State) -> (perSecond: Double, left: String) {
        let elapsed = (ContinuousClock.now - s.start).inSeconds
        let rate = elapsed > 0 ? Double(s.trialsDone) / elapsed : 0
        let remaining = rate > 0 ? Double(s.totalTrials - s.trialsDone) / rate : 0
        let left = remaining >= 60 ? "\(Int(remaining / 60)) min \(Int(remaining) % 60) s" : "\(Int(remaining.rounded())) s"
        return (rate, left)
    }

    func trialFinished() {
        let line: String? = state.withLock { s in
            s.trialsDone += 1
            s.cellDone += 1
            let now = ContinuousClock.now
            switch style {
            case .quiet: return nil
            case .bar:
                guard now - s.lastDraw > .milliseconds(200) else { return nil }
                s.lastDraw = now
                return bar(s)
            case .lines:
                guard now - s.lastDraw >= Self.lineInterval, s.cellDone < s.cellTrials else { return nil }
                s.lastDraw = now
                return Self.withinCell(s, now: now)
            }
        }
        if let line { StandardError.write(line) }
    }

    /// "  raspi4 …: 37/200 trials, about 2 min 5 s left in this cell".
    static func withinCell(_ s: State, now: ContinuousClock.Instant) -> String {
        let elapsed = (now - s.cellStart).inSeconds
        let remaining = s.cellDone > 0 ? elapsed / Double(s.cellDone) * Double(s.cellTrials - s.cellDone) : 0
        let left = remaining >= 60 ? "\(Int(remaining / 60)) min \(Int(remaining) % 60) s" : "\(Int(remaining.rounded())) s"
        return "  \(s.cellLabel): \(s.cellDone)/\(s.cellTrials) trials, about \(left) left in this cell\n"
    }

    func bar(_ s: State) -> String {
        let width = 30
        let fraction = s.totalTrials > 0 ? Double(s.trialsDone) / Double(s.totalTrials) : 1
        let filled = min(width, Int(fraction * Double(width)))
        let (rate, left) = rates(s)
        return "\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            + "] \(s.cellsDone)/\(s.totalCells) cells  \(Int(rate)) trials/s  \(left) left   "
    }

    func cellFinished(_ label: String, trials: Int, skipped: Bool) {
        let text: String? = state.withLock { s in
            s.cellsDone += 1
            if skipped { s.trialsDone += trials }
            switch style {
            case .quiet: return nil
            case .bar: return bar(s) + (s.cellsDone == s.totalCells ? "\n" : "")
            case .lines:
                let (rate, left) = rates(s)
                return
                    "cell \(s.cellsDone)/\(s.totalCells) \(skipped ? "already done" : "done"): \(label); \(Int(rate)) trials/s, about \(left) left\n"
            }
        }
        if let text { StandardError.write(text) }
    }
}
