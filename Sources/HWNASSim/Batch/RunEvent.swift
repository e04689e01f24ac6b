// SPDX-License-Identifier: GPL-3.0-or-later

/// What a run tells its caller while it works; the caller decides what to show (the command
/// line draws a progress bar on standard error). The core itself prints nothing.
///
/// A run sends its warnings first, then ``started(cells:trials:)`` once, then per selected cell
/// ``cellStarted(label:trials:)``, a ``trialFinished`` per trial (from worker threads, in any
/// order among themselves) and ``cellFinished(label:trials:skipped:)``. A cell already finished
/// in the output folder sends only ``cellFinished(label:trials:skipped:)`` with `skipped: true`.
public enum RunEvent: Sendable, Equatable {
    /// A warning about a scenario: the run goes on (also in ``RunReport/warnings``).
    case warning(InputError)
    /// The cells (and their trials) this run will run or skip.
    case started(cells: Int, trials: Int)
    /// A cell begins running.
    case cellStarted(label: String, trials: Int)
    /// One trial of the running cell is done.
    case trialFinished
    /// A cell is finished: run now, or skipped as already done.
    case cellFinished(label: String, trials: Int, skipped: Bool)
}

/// Receives a run's ``RunEvent``s; called from several threads at once during a cell.
public typealias RunObserver = @Sendable (RunEvent) -> Void
