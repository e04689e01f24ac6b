// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: scenario text → `Scenario.parse`. A thrown `InputError` is a correct
// answer; any other error, a trap or a sanitizer report is a finding.
import HWNASSim

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // Long inputs only slow the fuzzer down; real scenarios are a few kB.
    guard size <= 16_384 else { return -1 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let text = String(validating: bytes, as: UTF8.self) else { return -1 }
    do {
        let scenarios = try Scenario.parse(text, file: "/fuzz/scenario.yaml")
        precondition(!scenarios.isEmpty && scenarios.count <= Scenario.maxSweepCells)
        for s in scenarios { check(s) }
    } catch is InputError {
        // Rejected with a located message: fine.
    } catch {
        fatalError("Scenario.parse threw a non-InputError: \(error)")
    }
    return 0
}

/// What a parsed scenario promises the runner: non-empty lists, and a result buffer
/// (trials × cells × values per trial, bounded above here) whose size is an `Int`.
func check(_ s: Scenario) {
    precondition(!s.name.isEmpty && !s.pairs.isEmpty && !s.subsetSizes.isEmpty && !s.noise.levels.isEmpty)
    precondition(s.trials >= 1 && s.subsetSizes.allSatisfy { $0 >= 2 })
    var factors = [s.trials, s.pairs.count, s.subsetSizes.count, s.noise.levels.count, s.measures.count + 3 * s.limits.count + 4]
    if let b = s.budget {
        precondition(!b.seconds.isEmpty && !b.strategies.isEmpty && b.devices >= 1)
        precondition(b.seconds.allSatisfy { $0.isFinite && $0 > 0 })
        factors += [b.strategies.count, b.seconds.count]
    }
    var total = 1
    for f in factors {
        let (p, overflow) = total.multipliedReportingOverflow(by: f)
        precondition(!overflow, "the result buffer size overflows Int: \(factors)")
        total = p
    }
    for p in s.predictors.values {
        precondition(p.trainSamples >= 1 && !p.kendallTau.isEmpty)
        precondition(p.kendallTau.allSatisfy { $0.samples.isFinite && $0.tau > 0 && $0.tau <= 1 })
        let tau = p.tau(samples: p.trainSamples)
        precondition(tau > 0 && tau <= 1, "learning-curve tau \(tau) outside (0, 1]")
    }
}
