// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// The scenario-level `accuracy:` section of noise studies (issue 24).
@Suite struct AccuracySourceTests {
    static func scenario(accuracy: String, noise: String = "{model: kendall-tau, levels: [1.0, 0.8]}", trials: Int = 12) -> String {
        """
        name: acc
        seed: 7
        trials: \(trials)
        data:
          benchmark: nb201
          pairs: [{dataset: cifar10, metric: raspi4_latency}]
        subset_sizes: [300]
        noise: \(noise)
        \(accuracy)
        """
    }

    /// The files of a run of `text`, by name (not `run.json`).
    static func files(_ text: String) throws -> [String: Data] {
        let out = Fixtures.temporaryDirectory("acc")
        _ = try ScenarioRunner.run(
            path: Fixtures.file("s.yaml", text),
            options: RunOptions(outDirectory: out, jobs: 2, dataDirectory: Fixtures.dataDirectory, trialsOut: true))
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: out) where !["run.json", "cells", "plan.json"].contains(name) {
            result[name] = try Data(contentsOf: URL(fileURLWithPath: out + "/" + name))
        }
        return result
    }

    /// The mean of `measure` at metric level `level` in a run's summary.csv.
    static func mean(_ files: [String: Data], _ measure: String, level: String = "1.0") throws -> Double {
        let text = String(decoding: try #require(files["summary.csv"]), as: UTF8.self)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let h = lines[0]
        let (m, l, v) = (h.firstIndex(of: "measure")!, h.firstIndex(of: "level")!, h.firstIndex(of: "mean")!)
        let row = try #require(lines.dropFirst().first { $0[m] == measure && $0[l] == level })
        return Double(row[v])!
    }

    @Test func noiseAtTauOneEqualsKnownByteForByte() throws {
        let known = try Self.files(Self.scenario(accuracy: ""))
        let explicit = try Self.files(Self.scenario(accuracy: "accuracy: {source: known}"))
        let tauOne = try Self.files(Self.scenario(accuracy: "accuracy: {source: noise, kendall_tau: 1}"))
        #expect(!known.isEmpty)
        #expect(known == explicit)
        #expect(known == tauOne)
        // A lower tau does change what is selected.
        let lower = try Self.files(Self.scenario(accuracy: "accuracy: {source: noise, kendall_tau: 0.6}"))
        #expect(try Self.mean(lower, "mra_all") > Self.mean(known, "mra_all"))
    }

    /// With the metric known exactly (tau 1) known accuracy selects the true front: MRA 0.
    /// Seed noise moves architectures across it; the mean of many trainings averages it out.
    @Test func seedNoiseAveragesOutOverRepeats() throws {
        let known = try Self.mean(Self.files(Self.scenario(accuracy: "")), "mra_all")
        #expect(known == 0)
        let once = try Self.mean(Self.files(Self.scenario(accuracy: "accuracy: {source: train, accuracy_noise_sd: 1}")), "mra_all")
        let many = try Self.mean(
            Self.files(Self.scenario(accuracy: "accuracy: {source: train, accuracy_noise_sd: 1, repeats: 400}")), "mra_all")
        #expect(once > 0.05)
        #expect(many < once / 5, "one training \(once), mean of 400 \(many)")
        // The default sd is documented and used when none is given.
        #expect(try Scenario.parse(Self.scenario(accuracy: "accuracy: {source: train}"), file: "s.yaml").count == 1)
        #expect(AccuracySpec().noiseSD == 0.26)
    }

    @Test func levelListsAreSweepAxes() throws {
        let scenarios = try Scenario.parse(Self.scenario(accuracy: "accuracy: {source: noise, kendall_tau: [1, 0.7]}"), file: "s.yaml")
        #expect(scenarios.count == 2)
        #expect(scenarios.map { $0.sweepValues.map(\.key) } == [["accuracy.kendall_tau"], ["accuracy.kendall_tau"]])
        guard case .noiseStudy(let study) = scenarios[1].experiment else {
            Issue.record("not a noise study")
            return
        }
        #expect(study.accuracy.source == .noise && study.accuracy.kendallTau == 0.7)
    }

    @Test func proxyIsScoredOnTrueAccuracy() throws {
        let files = try Self.files(Self.scenario(accuracy: "accuracy: {source: proxy, column: naswot_score}"))
        let mra = try Self.mean(files, "mra_all")
        #expect(mra > 0.1)  // NASWOT's ranking (tau 0.53) is far from the truth
        #expect(try Self.mean(files, "n_selected") >= 1)
    }

    /// `map: monotone`: the map of the proxy to accuracy, fitted per trial on trained architectures.
    @Test func monotoneProxyMapIsFittedOnTrainedArchitectures() throws {
        let proxy = "accuracy: {source: proxy, column: naswot_score"
        let raw = try Self.files(Self.scenario(accuracy: proxy + "}"))
        // `map: rank` is the default, byte for byte.
        #expect(raw == (try Self.files(Self.scenario(accuracy: proxy + ", map: rank}"))))
        // Every architecture of the subset trained without seed noise: known accuracy (MRA 0 at metric tau 1).
        let all = try Self.files(Self.scenario(accuracy: proxy + ", map: monotone, train_samples: 300}"))
        #expect(try Self.mean(all, "mra_all") == 0)
        // 60 trained: the map's plateaus and the observed accuracies change what is selected.
        let some = try Self.files(Self.scenario(accuracy: proxy + ", map: monotone, train_samples: 60}"))
        let mra = try Self.mean(some, "mra_all")
        #expect(mra > 0 && mra.isFinite)
        #expect(some["summary.csv"] != raw["summary.csv"])
        // Seed noise on the trained architectures moves the result, and the run is deterministic.
        let noisy = Self.scenario(accuracy: proxy + ", map: monotone, train_samples: 60, accuracy_noise_sd: 2}")
        let noisyFiles = try Self.files(noisy)
        #expect(noisyFiles["summary.csv"] != some["summary.csv"])
        #expect(noisyFiles == (try Self.files(noisy)))
    }

    /// The map the trial believes: monotone in the proxy score off the trained architectures,
    /// which keep their observed accuracy.
    @Test func mappedBeliefIsMonotoneInTheScore() throws {
        let trial0 = Fixtures.temporaryDirectory("acc")
        let text = Self.scenario(accuracy: "accuracy: {source: proxy, column: naswot_score, map: monotone, train_samples: 40}", trials: 1)
        _ = try ScenarioRunner.run(
            path: Fixtures.file("s.yaml", text),
            options: RunOptions(outDirectory: trial0, jobs: 1, dataDirectory: Fixtures.dataDirectory, trialsOut: true))
        let csv = try CSVTable(contentsOf: trial0 + "/trial0.csv")
        let names = ["architecture", "level", "accuracy", "predicted_accuracy"]
        let c = try names.map { try csv.column($0, role: $0) }
        var table = try MetricTable.loadNB201(dataset: "cifar10", directory: Fixtures.dataDirectory)
        let naswot = try ProxyColumn.load("naswot_score", table: &table, directory: Fixtures.dataDirectory, key: "k")
        // `architecture` is the pair's row: cifar10/raspi4_latency has every table row.
        #expect(table.count == 15625)
        var points: [(score: Double, believed: Double, truth: Double)] = []
        for r in 0..<csv.rowCount {  // one level (the figure's), 300 architectures
            let row = try #require(Int(csv[r, c[0]]))
            // An architecture without a score is believed worst (−∞, written empty) unless trained.
            let believed = Double(csv[r, c[3]]) ?? -.infinity
            #expect(believed.isFinite == naswot.scores[row].isFinite || believed == Double(csv[r, c[2]]))
            points.append((naswot.scores[row], believed, try #require(Double(csv[r, c[2]]))))
        }
        #expect(points.count == 300)
        let trained = points.filter { $0.believed == $0.truth }
        #expect(trained.count >= 40)
        // Off the trained ones, believed accuracy never decreases as the score grows.
        let mapped = points.filter { $0.believed != $0.truth && $0.score.isFinite }.sorted { $0.score < $1.score }
        #expect(mapped.count > 200)
        #expect(zip(mapped, mapped.dropFirst()).allSatisfy { $0.believed <= $1.believed })
    }

    @Test func badInputNamesTheKey() throws {
        func message(_ accuracy: String) -> String { Fixtures.parseMessage(Self.scenario(accuracy: accuracy)) }
        #expect(message("accuracy: {kendall_tau: 0.8}").contains("accuracy.kendall_tau: belongs to accuracy source 'noise', not 'known'"))
        #expect(message("accuracy: {source: known, accuracy_noise_sd: 0.3}").contains("known accuracy has no noise"))
        #expect(
            message("accuracy: {source: train, accuracy_noise_sd: -0.3}").contains(
                "accuracy.accuracy_noise_sd: expected a standard deviation ≥ 0"))
        #expect(message("accuracy: {source: noise, kendall_tau: 1.5}").contains("expected a Kendall tau in (0, 1]"))
        #expect(message("accuracy: {source: noise}").contains("missing key 'kendall_tau'"))
        #expect(message("accuracy: {source: proxy, column: naswot}").contains("unknown proxy 'naswot'"))
        #expect(message("accuracy: {source: guess}").contains("unknown accuracy source 'guess'"))
        let proxy = "accuracy: {source: proxy, column: naswot_score"
        #expect(message(proxy + ", map: isotone}").contains("accuracy.map: unknown proxy map 'isotone'"))
        #expect(message(proxy + ", map: monotone, train_samples: 1}").contains("accuracy.train_samples: expected at least 2"))
        #expect(message(proxy + ", map: monotone}").contains("missing key 'train_samples'"))
        #expect(
            message(proxy + ", train_samples: 10}").contains("accuracy.train_samples: train_samples are the architectures a monotone map"))
        #expect(message(proxy + ", accuracy_noise_sd: 0.3}").contains("accuracy.accuracy_noise_sd: a proxy ranked as is trains nothing"))
        #expect(
            message("accuracy: {source: train, map: monotone}").contains("accuracy.map: belongs to accuracy source 'proxy', not 'train'"))
        #expect(
            message(proxy + ", map: monotone, train_samples: 301}").contains(
                "accuracy.train_samples: 301 trained architectures do not fit in the smallest subset (300)"))
        #expect(message(proxy + ", map: monotone, train_samples: 301}").contains("s.yaml:"))
        // A proxy covering too few architectures of the pair: refused before anything runs.
        let run = Self.scenario(accuracy: "accuracy: {source: proxy, column: nwot}")
        let e = try #require(Fixtures.planError(run))
        #expect(e.line != nil)
        #expect(e.description.contains("accuracy.column: proxy 'nwot' scores 724 of the 15625 architectures"), "\(e)")
    }
}
