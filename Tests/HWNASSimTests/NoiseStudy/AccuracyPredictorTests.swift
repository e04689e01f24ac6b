// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@_spi(Benchmarks) @testable import HWNASSim
import HWNASSimTestSupport

/// The noise study's `accuracy: {source: predictor, …}`: a model fitted per trial to the
/// observed accuracy of trained architectures of the subset (issue 24).
@Suite struct AccuracyPredictorTests {
    static func scenario(accuracy: String, trials: Int = 8) -> String {
        AccuracySourceTests.scenario(accuracy: accuracy, noise: "{model: kendall-tau, levels: [1.0, 0.8]}", trials: trials)
    }

    /// The noise study of a scenario with `accuracy`.
    static func study(_ accuracy: String) throws -> [AccuracySpec] {
        try Scenario.parse(Self.scenario(accuracy: accuracy), file: "s.yaml").compactMap { scenario in
            guard case .noiseStudy(let study) = scenario.experiment else { return nil }
            return study.accuracy
        }
    }

    /// The cifar10 / raspi4_latency pair and its table.
    static let real: (table: MetricTable, pair: GroundTruthPair) = {
        let table = try! MetricTable.loadNB201(dataset: "cifar10", directory: Fixtures.dataDirectory)
        return (table, try! GroundTruthPair(table: table, metric: "raspi4_latency", pairing: .true))
    }()

    /// A cell of the real pair with the metric known (Gaussian noise 0) and accuracy from `spec`.
    static func cell(_ spec: AccuracySpec, size: Int = 300, proxy: String? = nil) throws -> StudyCell {
        var (table, pair) = real
        var cell = StudyCell(
            pair: pair, subsetSize: size, noise: NoiseSpec(model: .gaussian, levels: [0]), reference: .subsetMax,
            measures: [.mraAll, .hvRetained, .nSelected], seed: 11)
        cell.accuracy = spec
        if spec.source == .predictor { cell.accuracyFeatures = try PairFeatures(table: table, pair: pair, key: "k").matrix }
        if let proxy {
            let column = try ProxyColumn.load(proxy, table: &table, directory: Fixtures.dataDirectory, key: "k")
            let rowOf = table.rowsByID()
            cell.believedProxy = pair.ids.map { column.scores[rowOf[$0]!] }.map { $0.isNaN ? -.infinity : $0 }
        }
        return cell
    }

    static func predictor(_ model: String, options: [String: ModelSpec.Option] = [:], trainSamples: Int, sd: Double = 0) throws
        -> AccuracySpec
    {
        var spec = AccuracySpec()
        spec.source = .predictor
        spec.model = try ModelSpec.parse(model: model, options: options)
        spec.trainSamples = trainSamples
        spec.noiseSD = sd
        return spec
    }

    static func monotone(trainSamples: Int, sd: Double) -> AccuracySpec {
        var spec = AccuracySpec()
        spec.source = .proxy
        spec.column = "naswot_score"
        spec.map = .monotone
        spec.trainSamples = trainSamples
        spec.noiseSD = sd
        return spec
    }

    @Test func parsesTheModelWithItsOptions() throws {
        let spec = try #require(
            try Self.study("accuracy: {source: predictor, model: ridge, alpha: 0.5, train_samples: 50, proxy_feature: naswot_score}").first)
        #expect(spec.source == .predictor)
        #expect(spec.model == (try ModelSpec.parse(model: "ridge", options: ["alpha": .number(0.5)])))
        #expect(spec.trainSamples == 50 && spec.proxyFeature == "naswot_score")
        #expect(spec.noiseSD == AccuracySpec.defaultNoiseSD)  // the seed noise of `train` by default
        #expect(spec.canonical == "accuracy=predictor model=ridge alpha=0.5 train_samples=50 sd=0.26 proxy_feature=naswot_score")
        // `proxy_feature: none` is the one-hot alone: the same spec as without the key.
        let plain = try Self.study("accuracy: {source: predictor, model: gp, train_samples: 20, accuracy_noise_sd: 0}")
        #expect(
            plain
                == (try Self.study("accuracy: {source: predictor, model: gp, train_samples: 20, accuracy_noise_sd: 0, proxy_feature: none}"))
        )
        #expect(plain.first?.canonical == "accuracy=predictor model=gp train_samples=20 sd=0.0")
        // A list of seed noises is a sweep axis, as for the other sources.
        let swept = try Self.study("accuracy: {source: predictor, model: mlp, epochs: 5, train_samples: 30, accuracy_noise_sd: [0, 1]}")
        #expect(swept.map(\.noiseSD) == [0, 1])
        #expect(swept.allSatisfy { $0.model?.integer("epochs") == 5 })
    }

    @Test func badInputNamesTheKey() throws {
        func message(_ accuracy: String) -> String { Fixtures.parseMessage(Self.scenario(accuracy: accuracy)) }
        let p = "accuracy: {source: predictor"
        #expect(message(p + ", train_samples: 50}").contains("accuracy: missing key 'model'"))
        #expect(message(p + ", model: ridg, train_samples: 50}").contains("accuracy.model: unknown model 'ridg' (did you mean 'ridge'?)"))
        #expect(message(p + ", model: lookup-table, train_samples: 50}").contains("accuracy.model: lookup-table cannot be fitted"))
        #expect(message(p + ", model: flops, train_samples: 50}").contains("expected one of linreg, ridge, gp, mlp"))
        #expect(message(p + ", model: ridge}").contains("accuracy: missing key 'train_samples'"))
        #expect(
            message(p + ", model: ridge, train_samples: 1}").contains(
                "accuracy.train_samples: ridge needs at least 2 trained architectures"))
        #expect(message(p + ", model: gp, train_samples: 2001}").contains("accuracy.train_samples: gp takes at most 2000"))
        #expect(
            message(p + ", model: ridge, train_samples: 301}").contains(
                "accuracy.train_samples: 301 trained architectures do not fit in the smallest subset (300)"))
        #expect(message(p + ", model: ridge, train_samples: 301}").contains("s.yaml:"))
        #expect(message(p + ", model: ridge, train_samples: 50, kernel: rbf}").contains("accuracy.kernel: unknown key"))
        #expect(message(p + ", model: ridge, train_samples: 50, alpah: 1}").contains("accuracy.alpah: unknown key (did you mean 'alpha'?)"))
        #expect(message(p + ", model: ridge, train_samples: 50, alpha: fast}").contains("accuracy.alpha: ridge: alpha must be a number"))
        #expect(message(p + ", model: ridge, train_samples: 50, trials: 3}").contains("accuracy.trials: has no effect here"))
        #expect(
            message(p + ", model: ridge, train_samples: 50, proxy_feature: naswot}").contains(
                "accuracy.proxy_feature: unknown proxy 'naswot'"))
        #expect(
            message(p + ", model: ridge, train_samples: 50, repeats: 2}").contains("accuracy.repeats: belongs to accuracy source 'train'"))
        // Model keys on another source.
        #expect(
            message("accuracy: {source: train, model: ridge}").contains(
                "accuracy.model: belongs to accuracy source 'predictor', not 'train'"))
        #expect(
            message("accuracy: {source: proxy, column: naswot_score, alpha: 1}").contains(
                "accuracy.alpha: belongs to accuracy source 'predictor' (an option of its model), not 'proxy'"))
        #expect(
            message("accuracy: {proxy_feature: naswot_score}").contains(
                "accuracy.proxy_feature: belongs to accuracy source 'predictor', not 'known'"))
        // Only NB201 has the one-hot it learns from.
        let synthetic = Self.scenario(accuracy: p + ", model: ridge, train_samples: 50}").replacingOccurrences(
            of: "  benchmark: nb201\n  pairs: [{dataset: cifar10, metric: raspi4_latency}]",
            with: "  benchmark: synthetic\n  pairs: [{dataset: synthetic, metric: latency}]")
        #expect(Fixtures.parseMessage(synthetic).contains("accuracy.model: an accuracy predictor learns from the NB201 one-hot"))
        // A proxy feature covering too few architectures: refused before anything runs.
        let run = Self.scenario(accuracy: p + ", model: ridge, train_samples: 50, proxy_feature: nwot}")
        let e = try #require(Fixtures.planError(run))
        #expect(e.line != nil)
        #expect(e.description.contains("accuracy.proxy_feature: proxy 'nwot' scores 724 of the 15625 architectures"), "\(e)")
    }

    /// The least-squares fit of `y` on the reference-coded one-hot of `archs` (intercept, then
    /// per edge the operations but `none`: 25 unknowns), by the normal equations and Gaussian
    /// elimination, evaluated on `query`: independent of the code under test.
    static func leastSquares(_ archs: [String], _ y: [Double], query: [String]) throws -> [Double] {
        let ops = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]
        func row(_ arch: String) -> [Double] {
            let edges = arch.split(separator: "|").filter { $0 != "+" && !$0.isEmpty }.map { String($0.split(separator: "~")[0]) }
            var x = [1.0]
            for e in edges { x += (1..<5).map { ops[$0] == e ? 1 : 0 } }
            return x
        }
        let p = 25
        var a = [[Double]](repeating: [Double](repeating: 0, count: p + 1), count: p)
        for (arch, t) in zip(archs, y) {
            let x = row(arch)
            for i in 0..<p {
                for j in 0..<p { a[i][j] += x[i] * x[j] }
                a[i][p] += x[i] * t
            }
        }
        for c in 0..<p {
            let pivot = (c..<p).max { abs(a[$0][c]) < abs(a[$1][c]) }!
            a.swapAt(c, pivot)
            try #require(abs(a[c][c]) > 1e-6, "singular design")
            for r in 0..<p where r != c {
                let f = a[r][c] / a[c][c]
                for j in c...p { a[r][j] -= f * a[c][j] }
            }
        }
        let b = (0..<p).map { a[$0][p] / a[$0][$0] }
        return query.map { arch in zip(row(arch), b).reduce(0) { $0 + $1.0 * $1.1 } }
    }

    /// With `linreg`, what the selection believes of an untrained architecture is the
    /// least-squares fit to the trained architectures' accuracy; the trained ones (exactly
    /// `train_samples`, no seed noise) keep theirs.
    @Test func linregBeliefIsTheLeastSquaresFit() throws {
        let cell = try Self.cell(Self.predictor("linreg", trainSamples: 100))
        let archs = try #require(Self.real.table.archStrings)
        let rowOf = Self.real.table.rowsByID()
        for trial in 0..<3 {
            let s = try #require(Study.selections(cell: cell, trial: trial).first)
            let trained = s.accuracy.indices.filter { s.predictedAccuracy[$0] == s.accuracy[$0] }
            #expect(trained.count == 100)
            let others = s.accuracy.indices.filter { !trained.contains($0) }
            func arch(_ position: Int) -> String { archs[rowOf[cell.pair.ids[s.subset[position]]]!] }
            let oracle = try Self.leastSquares(trained.map(arch), trained.map { s.accuracy[$0] }, query: others.map(arch))
            let worst = zip(others, oracle).map { abs(s.predictedAccuracy[$0] - $1) }.max()!
            #expect(worst < 1e-9, "trial \(trial): largest difference \(worst)")
        }
    }

    /// `predictor` and `map: monotone` with the same `train_samples` train the same
    /// architectures and observe the same accuracy (seed noise included), which both keep;
    /// every other architecture gets its own estimate.
    @Test func trainedArchitecturesArePairedWithTheMonotoneMapAndKeepTheirObservedAccuracy() throws {
        for model in ["ridge", "linreg"] {
            let noisy = try Self.cell(Self.predictor(model, trainSamples: 60, sd: 1))
            let map = try Self.cell(Self.monotone(trainSamples: 60, sd: 1), proxy: "naswot_score")
            let exact = try Self.cell(Self.predictor(model, trainSamples: 60, sd: 0))
            for trial in 0..<3 {
                let a = try #require(Study.selections(cell: noisy, trial: trial).first)
                let b = try #require(Study.selections(cell: map, trial: trial).first)
                let c = try #require(Study.selections(cell: exact, trial: trial).first)
                #expect(a.subset == b.subset && a.subset == c.subset)
                // Without seed noise the trained ones are those believed at their true accuracy.
                let trained = Set(c.accuracy.indices.filter { c.predictedAccuracy[$0] == c.accuracy[$0] })
                #expect(trained.count == 60)
                let shared = Set(a.accuracy.indices.filter { a.predictedAccuracy[$0] == b.predictedAccuracy[$0] })
                #expect(shared == trained)
                // Their observed accuracy is noisy (sd 1 point): not the true one.
                #expect(trained.allSatisfy { a.predictedAccuracy[$0] != a.accuracy[$0] })
                let moved = trained.map { abs(a.predictedAccuracy[$0] - a.accuracy[$0]) }.reduce(0, +) / 60
                #expect(moved > 0.003 && moved < 0.02, "mean |observed − true| \(moved)")
            }
        }
    }

    /// The proxy feature is the last column, z-scored over the subset; an architecture without
    /// a score gets the subset's lowest.
    @Test func proxyFeatureIsZScoredOverTheSubset() throws {
        var spec = try Self.predictor("ridge", trainSamples: 50)
        spec.proxyFeature = "naswot_score"
        let cell = try Self.cell(spec, proxy: "naswot_score")
        let missing = try #require(cell.believedProxy.indices.first { !cell.believedProxy[$0].isFinite })
        let rows: [Int32] = [Int32(missing), 0, 1, 2, 3, 4, 5, 6]
        try rows.withUnsafeBufferPointer { r in
            var scratch = [Double](repeating: 0, count: 3 * rows.count)
            var order = [Int32](repeating: 0, count: rows.count)
            try scratch.withUnsafeMutableBufferPointer { b in
                try order.withUnsafeMutableBufferPointer { o in
                    let n = rows.count
                    let s = StudyTrial.Subset(
                        accuracy: UnsafeMutableBufferPointer(rebasing: b[0..<n]), z: UnsafeMutableBufferPointer(rebasing: b[n..<(2 * n)]),
                        rows: r, order: o)
                    let x = StudyTrial.accuracyFeatures(cell: cell, subset: s)
                    #expect(x.rows == n && x.columns == 31)
                    let raw = rows.map { cell.believedProxy[Int($0)] }
                    let lowest = try #require(raw.filter(\.isFinite).min())
                    let filled = raw.map { $0.isFinite ? $0 : lowest }
                    let mean = filled.reduce(0, +) / Double(n)
                    let sd = (filled.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)).squareRoot()
                    for i in 0..<n {
                        #expect(abs(x[i, 30] - (filled[i] - mean) / sd) < 1e-12)
                        #expect(x.row(i).prefix(30).elementsEqual(cell.accuracyFeatures!.row(Int(rows[i]))))
                    }
                    #expect(x[0, 30] == x.values.enumerated().filter { $0.offset % 31 == 30 }.map(\.element).min())
                }
            }
        }
    }

    /// A whole run: `trial0.csv`'s `predicted_accuracy` is what the selection believed (the
    /// trained architectures' true accuracy without seed noise, the model's elsewhere), the
    /// run is the same whatever the jobs, and other sources keep their files.
    @Test func runWritesTheBelievedAccuracy() throws {
        let text = Self.scenario(
            accuracy: "accuracy: {source: predictor, model: ridge, train_samples: 40, accuracy_noise_sd: 0, proxy_feature: naswot_score}",
            trials: 4)
        func run(jobs: Int) throws -> String {
            let out = Fixtures.temporaryDirectory("accpred")
            _ = try ScenarioRunner.run(
                path: Fixtures.file("s.yaml", text),
                options: RunOptions(outDirectory: out, jobs: jobs, dataDirectory: Fixtures.dataDirectory, trialsOut: true))
            return out
        }
        let one = try run(jobs: 1), two = try run(jobs: 2)
        for name in ["summary.csv", "trial0.csv"] {
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: one + "/" + name)) == Data(contentsOf: URL(fileURLWithPath: two + "/" + name)))
        }
        let csv = try CSVTable(contentsOf: one + "/trial0.csv")
        let truth = try csv.column("accuracy", role: "accuracy"), believed = try csv.column("predicted_accuracy", role: "p")
        let values = try (0..<csv.rowCount).map { r in (try #require(Double(csv[r, truth])), try #require(Double(csv[r, believed]))) }
        #expect(values.count == 300)
        #expect(values.filter { $0.0 == $0.1 }.count == 40)
        #expect(values.allSatisfy { $0.1.isFinite })
        let summary = try AccuracySourceTests.files(text)
        let mra = try AccuracySourceTests.mean(summary, "mra_all")
        #expect(mra > 0 && mra.isFinite)
    }
}
