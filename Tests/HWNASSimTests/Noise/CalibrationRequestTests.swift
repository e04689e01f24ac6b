// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// `calibrate`'s logic lives in the library and answers with values.
@Suite struct CalibrationRequestTests {
    static let scenario = """
        name: cal
        data: {benchmark: synthetic, size: 300, pairs: [{metric: latency}, {metric: energy}]}
        subset_sizes: [100]
        noise: {model: gaussian, levels: [0.5]}

        """

    func request(_ question: CalibrationRequest.Question, pair: Int = 1, size: Int? = 100) -> CalibrationRequest {
        CalibrationRequest(
            question: question, dataset: nil, metric: nil, scenario: Fixtures.file("cal.yaml", Self.scenario), pair: pair,
            size: size, pairing: "true", trials: 4, seed: 1, jobs: 1, dataDirectory: "/nonexistent")
    }

    @Test func noNoiseRealisesTauOneAndAKendallTauTargetIsItsOwnLevel() throws {
        guard
            case .realised(let pair, let model, let level, let tau, let size) = try request(
                .noise(model: "gaussian", level: 0, targetTau: nil)
            ).answer()
        else {
            Issue.record("not a realised tau")
            return
        }
        #expect(pair == "synthetic/latency" && model == .gaussian && level == 0 && size == 100)
        #expect(tau.n == 4 && tau.mean == 1)
        guard
            case .level(let second, _, let found, _, let target) = try request(
                .noise(model: "kendall-tau", level: nil, targetTau: 0.6), pair: 2
            ).answer()
        else {
            Issue.record("not a level")
            return
        }
        #expect(second == "synthetic/energy" && found == 0.6 && target == 0.6)
    }

    @Test func badInputIsAnInputError() throws {
        let unknown = #expect(throws: InputError.self) { try request(.noise(model: "gauss", level: 0.5, targetTau: nil)).answer() }
        #expect(unknown?.key == "--noise")
        let tooBig = #expect(throws: InputError.self) {
            try request(.noise(model: "gaussian", level: 0.5, targetTau: nil), size: 301).answer()
        }
        #expect(tooBig?.key == "--size" && tooBig?.message.contains("300 architectures") == true)
        let noPair = #expect(throws: InputError.self) {
            try request(.noise(model: "gaussian", level: 0.5, targetTau: nil), pair: 3).answer()
        }
        #expect(noPair?.key == "--pair")
    }
}
