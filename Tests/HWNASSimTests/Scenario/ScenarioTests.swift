// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import Yams
@testable import HWNASSim
import HWNASSimTestSupport

@Suite struct ScenarioTests {
    static let valid = """
        name: s
        seed: 5
        trials: 3
        data:
          benchmark: synthetic
          size: 500
          pairs: [{metric: latency}]
        subset_sizes: [100, 200]
        noise:
          model: paper-mixture
          levels: [0.0, 0.5]
        """

    func message(_ text: String) -> String { Fixtures.parseMessage(text) }

    @Test func parsesTheIssueShape() throws {
        let s = try Scenario.parse(Self.valid, file: "s.yaml")
        #expect(s.count == 1)
        #expect(s[0].name == "s" && s[0].seed == 5 && s[0].trials == 3)
        #expect(s[0].data == .synthetic(SyntheticSpec(size: 500, rankCorrelation: 0.4, seed: 1)))
        #expect(s[0].pairs == [PairSpec(dataset: "synthetic", metric: "latency")])
        #expect(s[0].subsetSizes == [100, 200])
        #expect(s[0].noiseStudy?.noise == NoiseSpec(model: .paperMixture, levels: [0, 0.5]))
        #expect(s[0].noiseStudy?.referencePoint == .subsetMax && s[0].pairing == .true && s[0].noiseStudy?.measures == Measure.allCases)
    }

    @Test func studyScenariosParse() throws {
        for file in ["study/paper-compatible.yaml", "study/corrected.yaml"] {
            let s = try Scenario.load(path: Fixtures.packageRoot + "/Scenarios/" + file)
            #expect(s[0].pairs.count == 5 && s[0].subsetSizes == [100, 500, 1000, 2000, 5000, 15625] && s[0].trials == 1000)
            #expect(s[0].noiseStudy?.noise.levels.count == 11)
        }
    }

    @Test func errorsNameLineColumnKeyAndExpectation() {
        #expect(
            message(Self.valid.replacingOccurrences(of: "subset_sizes:", with: "subset_size:"))
                == "s.yaml:8:1: subset_size: unknown key (did you mean 'subset_sizes'?); expected one of: name, description, seed, trials, data, subset_sizes, noise, reference_point, measures, budget, predictors, selection, sweep, learning_curve, accuracy"
        )
        #expect(
            message(Self.valid.replacingOccurrences(of: "trials: 3", with: "trials: many"))
                == "s.yaml:3:9: trials: expected a whole number, found 'many'")
        #expect(
            message(Self.valid.replacingOccurrences(of: "paper-mixture", with: "paper-mixtur"))
                == "s.yaml:10:10: noise.model: unknown value 'paper-mixtur' (did you mean 'paper-mixture'?); expected one of: paper-mixture, gaussian, kendall-tau, trained"
        )
        #expect(
            message(Self.valid.replacingOccurrences(of: "[{metric: latency}]", with: "[]"))
                == "s.yaml:7:10: data.pairs: expected at least one {dataset, metric} pair, found an empty list")
        #expect(
            message(Self.valid.replacingOccurrences(of: "[0.0, 0.5]", with: "[]"))
                == "s.yaml:11:11: noise.levels: expected at least one noise level, found an empty list")
        #expect(
            message(Self.valid.replacingOccurrences(of: "[100, 200]", with: "[100, 1]"))
                == "s.yaml:8:21: subset_sizes[1]: expected a subset size of at least 2, found 1")
        #expect(
            message(Self.valid.replacingOccurrences(of: "levels: [0.0, 0.5]", with: "levels: [0.0, 0.5]\n  accuracy_sd: -1"))
                == "s.yaml:12:16: noise.accuracy_sd: expected a standard deviation ≥ 0 (accuracy percentage points), found -1.0")
        #expect(message("name: [x") == "s.yaml:2:1: invalid YAML: while parsing a flow sequence did not find expected ',' or ']'")
        #expect(message("") == "s.yaml:1:1: the file is empty: expected a scenario mapping")
    }

    @Test func kendallTauLevelsMustBeTaus() {
        let text = Self.valid.replacingOccurrences(of: "paper-mixture", with: "kendall-tau").replacingOccurrences(
            of: "[0.0, 0.5]", with: "[0.5, 1.5]")
        #expect(message(text) == "s.yaml:11:17: noise.levels[1]: expected a target Kendall tau in (0, 1], found 1.5")
    }

    @Test func sweepExpandsToTheCartesianProduct() throws {
        let text =
            Self.valid + """

                sweep:
                  seed: [1, 2, 3]
                  noise.model: [gaussian, paper-mixture]
                  data.size: [300, 400]
                """
        let cells = try Scenario.parse(text, file: "s.yaml")
        #expect(cells.count == 12)
        #expect(cells[0].sweepValues.map(\.key) == ["seed", "noise.model", "data.size"])
        #expect(cells[0].sweepValues.map(\.value) == ["1", "gaussian", "300"])
        #expect(cells[11].sweepValues.map(\.value) == ["3", "paper-mixture", "400"])
        #expect(
            cells[5].seed == 2 && cells[5].noiseStudy?.noise.model == .gaussian
                && cells[5].data == .synthetic(SyntheticSpec(size: 400, rankCorrelation: 0.4, seed: 1)))
    }

    @Test func sweepOfAnUnknownKeyIsAnError() {
        let text = Self.valid + "\nsweep:\n  sed: [1, 2]\n"
        #expect(message(text) == "s.yaml:13:8: sweep.sed: cannot sweep an unknown key (did you mean 'seed'?)")
    }

    /// A tab in the indentation says "tab" and where; a duplicate key names the key and both
    /// lines, without a dump of the file.
    @Test func tabsAndDuplicateKeysAreNamed() {
        #expect(
            message("name: x\ntrials: 3\ndata:\n\tbenchmark: synthetic\n")
                == "s.yaml:4:1: a tab in the indentation; YAML indents with spaces only")
        #expect(
            message("name: x\ndata:\n  \tbenchmark: synthetic\n") == "s.yaml:3:3: a tab in the indentation; YAML indents with spaces only")
        let duplicate = message(Self.valid.replacingOccurrences(of: "trials: 3\n", with: "trials: 3\ntrials: 6\n"))
        #expect(duplicate.hasPrefix("s.yaml:") && duplicate.contains("duplicate key 'trials': given on lines "), "\(duplicate)")
        #expect(!duplicate.contains("\n") && !duplicate.contains("Context"))
        let nested = message("name: x\ndata:\n  benchmark: synthetic\n  size: 300\n  size: 400\n")
        #expect(nested == "s.yaml:5: size: duplicate key 'size': given on lines 4 and 5; keep one")
    }

    /// A key at the wrong level points to its place; a measure's prefix lists the measures.
    @Test func didYouMeanLooksAcrossLevelsAndPrefixes() {
        let budget = """
            name: b
            data: {benchmark: synthetic, size: 300, pairs: [{metric: latency}]}
            subset_sizes: [100]
            budget:
              seconds: [60]
              repeats: 5
              strategies: [{name: m, measure: random}]

            """
        #expect(message(budget).hasPrefix("s.yaml:6:3: budget.repeats: unknown key (did you mean 'budget.measurement.repeats'?)"))
        let predictors = budget.replacingOccurrences(of: "  repeats: 5", with: "  predictors: {}")
        #expect(message(predictors).hasPrefix("s.yaml:6:3: budget.predictors: unknown key (did you mean the top-level 'predictors'?)"))
        let mra = Self.valid.replacingOccurrences(of: "noise:", with: "measures: [mra]\nnoise:")
        #expect(message(mra).contains("unknown value 'mra' (did you mean one of 'mra_all', 'mra_pareto'?)"), "\(message(mra))")
    }

    /// Every key the shipped scenarios use is in ``ScenarioSchema``, so its hints can find them.
    @Test func shippedScenarioKeysAreInTheSchema() throws {
        let dir = Fixtures.packageRoot + "/Scenarios"
        var files: [String] = []
        for sub in ["", "study", "budget", "predictors"] {
            for f in (try? FileManager.default.contentsOfDirectory(atPath: dir + "/" + sub)) ?? [] where f.hasSuffix(".yaml") {
                files.append(dir + "/" + sub + "/" + f)
            }
        }
        #expect(files.count >= 8)
        func walk(_ node: Node, _ path: String, _ file: String) {
            switch node {
            case .mapping(let m):
                for (k, v) in m {
                    guard case .scalar(let s) = k else { continue }
                    let child = path.isEmpty ? s.string : path + "." + s.string
                    if path == "sweep" { continue }  // sweep keys are key paths themselves
                    let normalised = ScenarioSchema.normalise(child)
                    let known = ScenarioSchema.keyPaths.contains(normalised)
                    #expect(known, "\(file): \(child)")
                    if normalised != "predictors.*.kendall_tau" { walk(v, child, file) }  // its keys are sample counts
                }
            case .sequence(let seq):
                for v in seq { walk(v, path + "[0]", file) }
            default: break
            }
        }
        for f in files {
            let text = try String(contentsOfFile: f, encoding: .utf8)
            if let node = try Yams.compose(yaml: text) { walk(node, "", f) }
        }
    }
}
