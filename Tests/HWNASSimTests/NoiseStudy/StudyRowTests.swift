// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@_spi(Benchmarks) @testable import HWNASSim
import HWNASSimTestSupport

/// The typed rows of a study cell: an injected level, a trained size, a matched injected tau.
@Suite struct StudyRowTests {
    static func scenario(noise: String) throws -> (Scenario, NoiseStudySpec) {
        let s = try Scenario.parse(
            """
            name: rows
            seed: 3
            trials: 4
            data: {benchmark: nb201, pairs: [{dataset: ImageNet16-120, metric: raspi4_latency}]}
            subset_sizes: [100]
            noise: \(noise)

            """, file: "rows.yaml")[0]
        guard case .noiseStudy(let study) = s.experiment else { throw InputError("not a noise study") }
        return (s, study)
    }

    static func cells(noise: String) throws -> (Scenario, [StudyCell]) {
        let (s, study) = try scenario(noise: noise)
        var loader = GroundTruthLoader(directory: Fixtures.dataDirectory)
        var notes: [String] = []
        return (s, try Study.cells(for: s, study: study, pairs: try loader.pairs(for: s), loader: &loader, notes: &notes))
    }

    @Test func anInjectedCellHasARowPerLevel() throws {
        let (_, cells) = try Self.cells(noise: "{model: gaussian, levels: [0, 0.25, 1]}")
        #expect(cells.count == 1)
        #expect(cells[0].rows == [.injected(.gaussian, level: 0), .injected(.gaussian, level: 0.25), .injected(.gaussian, level: 1)])
        #expect(cells[0].rowCount == 3 && cells[0].valuesPerTrial == 3 * Measure.allCases.count)
    }

    @Test func trainedCellsListTheirSizesThenTheMatchedRows() throws {
        let noise = "{model: trained, predictor: [linreg, {model: ridge, train_samples: [15]}], levels: [11, 20], compare_injected: true}"
        let (_, cells) = try Self.cells(noise: noise)
        #expect(cells.count == 2)
        let nan = Double.nan
        #expect(
            cells[0].rows == [
                .trained(predictor: "linreg", trainSamples: 11), .trained(predictor: "linreg", trainSamples: 20),
                .injectedMatched(predictor: "linreg", trainSamples: 11, tau: nan),
                .injectedMatched(predictor: "linreg", trainSamples: 20, tau: nan)
            ])
        #expect(
            cells[1].rows == [
                .trained(predictor: "ridge", trainSamples: 15),
                .injectedMatched(predictor: "ridge", trainSamples: 15, tau: nan)
            ])
        #expect(cells.map(\.rowCount) == [4, 2])
        let without = try Self.cells(noise: "{model: trained, predictor: linreg, levels: [11, 20]}").1
        #expect(without[0].rows == [.trained(predictor: "linreg", trainSamples: 11), .trained(predictor: "linreg", trainSamples: 20)])
    }

    /// After a run, each matched row carries the mean tau its trained row realised, and its
    /// values are those of `kendall-tau` noise at that tau on the same trials.
    @Test func matchedRowsCarryTheRealisedTauAndItsInjectedValues() throws {
        let (s, cells) = try Self.cells(noise: "{model: trained, predictor: linreg, levels: [11, 40], compare_injected: true}")
        let r = Study.run(scenario: s, cells: cells, jobs: 2)
        let cell = r.cells[0], tau = cell.measures.firstIndex(of: .kendallTau)!
        for (k, size) in [11, 40].enumerated() {
            let trained = r.values(cell: 0, level: k, measure: tau)
            let mean = trained.reduce(0, +) / Double(trained.count)
            #expect(cell.rows[2 + k] == .injectedMatched(predictor: "linreg", trainSamples: size, tau: mean))
        }
        // The matched rows' values: an injected cell at the realised taus, trial by trial.
        let injected = Study.injectedCell(matching: cell, taus: cell.trained!.matchedTaus, jobs: 1)
        for t in 0..<4 {
            let expected = Study.trialValues(cell: injected, trial: t)
            for k in 0..<2 {
                for m in cell.measures.indices {
                    let got = r.values(cell: 0, level: 2 + k, measure: m)[t], want = expected[k * cell.measures.count + m]
                    #expect(got.bitPattern == want.bitPattern || (got.isNaN && want.isNaN))
                }
            }
        }
    }

    @Test func rowsReadTheirColumns() {
        let m = StudyRow.injectedMatched(predictor: "gp", trainSamples: 50, tau: 0.4)
        #expect(m.noise == .kendallTau && m.level == 0.4 && m.predictor == "gp" && m.trainSamples == 50)
        let t = StudyRow.trained(predictor: "gp", trainSamples: 50)
        #expect(t.noise == .trained && t.level == 50 && t.predictor == "gp" && t.trainSamples == 50)
        let i = StudyRow.injected(.paperMixture, level: 0.5)
        #expect(i.noise == .paperMixture && i.level == 0.5 && i.predictor == nil && i.trainSamples == nil)
        #expect(t != m && StudyRow.injected(.gaussian, level: 0.5) != i)
    }
}
