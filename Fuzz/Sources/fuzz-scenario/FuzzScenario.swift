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
    precondition(!s.name.isEmpty && !s.pairs.isEmpty && s.trials >= 1)
    var factors = [s.trials, s.pairs.count]
    var predictors: [PredictorSpec] = []
    switch s.experiment {
    case .noiseStudy(let n):
        precondition(!n.subsetSizes.isEmpty && n.subsetSizes.allSatisfy { $0 >= 2 } && !n.noise.levels.isEmpty)
        factors += [n.subsetSizes.count, n.noise.levels.count, n.measures.count + 4]
    case .budgetStudy(let b):
        precondition(!b.subsetSizes.isEmpty && b.subsetSizes.allSatisfy { $0 >= 2 })
        precondition(!b.budget.seconds.isEmpty && !b.budget.strategies.isEmpty && b.budget.devices >= 1)
        precondition(b.budget.seconds.allSatisfy { $0.isFinite && $0 > 0 })
        factors += [b.subsetSizes.count, b.budget.strategies.count, b.budget.seconds.count, b.measures.count + 3 * b.limits.count + 4]
        predictors = Array(b.predictors.values)
    case .learningCurve(let l):
        precondition(!l.predictors.isEmpty && !l.trainSamples.isEmpty && l.trainSamples.allSatisfy { $0 >= 0 })
        factors += [l.predictors.count, l.trainSamples.count]
    }
    var total = 1
    for f in factors {
        let (p, overflow) = total.multipliedReportingOverflow(by: f)
        precondition(!overflow, "the result buffer size overflows Int: \(factors)")
        total = p
    }
    // A synthetic predictor's tau curve (a trained one has none).
    for p in predictors where !p.kendallTau.isEmpty {
        precondition(p.trainSamples >= 1)
        precondition(p.kendallTau.allSatisfy { $0.samples.isFinite && $0.tau > 0 && $0.tau <= 1 })
        let tau = p.tau(samples: p.trainSamples)
        precondition(tau > 0 && tau <= 1, "learning-curve tau \(tau) outside (0, 1]")
    }
}
