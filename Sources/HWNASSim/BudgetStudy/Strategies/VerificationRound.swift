// SPDX-License-Identifier: GPL-3.0-or-later

/// A round of verification measurements of a verifying strategy: how many are still to finish.
struct VerificationRound {
    var outstanding = 0

    /// Starts verifying `picks`; false (nothing started) when there are none.
    mutating func start(_ picks: [Int32], _ run: inout EngineRun) -> Bool {
        guard !picks.isEmpty else { return false }
        outstanding = picks.count
        run.measure(picks, verifying: true)
        return true
    }

    /// Counts a finished verification; true when it was the round's last.
    mutating func countFinished() -> Bool {
        outstanding -= 1
        return outstanding == 0
    }
}
