// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The study's learning-curve experiment: for a (table, metric, predictor, training size,
/// trial), draw a test set and a disjoint training set, fit, predict the test set and score
/// the ranking and the error.
///
/// Conventions of the study (Laube et al., AutoML-Conf 2022): targets are z-normalised over
/// the whole table (population sd) before fitting; 625 test architectures; tau is Kendall's
/// tau-b. Errors (`rmse`, `mae`) are in the metric's units.
///
/// Randomness: a trial's split comes from the stream keyed by (seed, dataset, metric, trial),
/// so every predictor and every training size of a trial sees the same test set, and the
/// training sets of a trial are nested (the first k of one shuffled pool). The model's own
/// stream is keyed by (seed, dataset, metric, predictor, size, trial); measurement noise by a
/// third key. Results depend on those values only, never on scheduling.
public enum LearningCurve {
    /// The study's training sizes.
    public static let studySizes = [5, 11, 25, 55, 124, 276, 614, 1366, 3036, 6748, 15000]
    /// The study's test-set size.
    public static let studyTestSamples = 625

    /// One (dataset, metric) task: every architecture's features and metric value.
    public struct Task: Sendable {
        public var dataset: String
        public var metric: String
        /// Encoding features of every architecture (one-hot for NB201).
        public var features: FeatureMatrix { didSet { derive() } }
        /// The one-hot encoding behind `features`, if any (lookup table, FLOPs).
        public var encoding: (any OneHotEncoding)? { didSet { derive() } }
        /// The metric in its units, NaN where missing (those rows are left out).
        public var targets: [Double] { didSet { derive() } }
        /// The rows with a target and finite `features`, ascending (kept in step with them).
        private(set) var validRows: [Int] = []
        /// The hot column of every slot of every row of `features` under `encoding`, row after
        /// row; nil without an encoding or when a row is not one-hot (kept in step with them).
        private(set) var hotColumns: [Int32]?
        /// Other devices' values of every architecture, for `transfer` (NaN rows left out).
        public var sourceFeatures: FeatureMatrix?
        /// Zero-cost proxy scores of every architecture by proxy name, for `proxy` (NaN rows left out).
        public var proxies: [String: [Double]] = [:]
        /// `features` are numeric columns that models z-score from their training rows
        /// (``FeatureStandardization``; `data.features` unless `data.standardize: false`).
        public var standardizeFeatures = false

        /// What a model made for this task knows of it.
        var modelContext: ModelSpec.Context {
            .init(encoding: encoding, dataset: dataset, proxyFeatures: true, standardizeFeatures: standardizeFeatures)
        }

        public init(
            dataset: String, metric: String, features: FeatureMatrix, encoding: (any OneHotEncoding)?,
            targets: [Double], sourceFeatures: FeatureMatrix? = nil
        ) {
            precondition(features.rows == targets.count && (sourceFeatures?.rows ?? targets.count) == targets.count)
            self.dataset = dataset
            self.metric = metric
            self.features = features
            self.encoding = encoding
            self.targets = targets
            self.sourceFeatures = sourceFeatures
            derive()
        }

        /// Recomputes ``validRows`` and ``hotColumns`` (once per change, not per split).
        /// - Complexity: O(rows × features).
        private mutating func derive() {
            guard features.rows == targets.count else {
                validRows = []
                hotColumns = nil
                return
            }
            validRows = LearningCurve.validRows(features, targets)
            hotColumns = encoding?.hotColumns(features)
        }

        /// An NB201 table's task: the one-hot of `arch_str` and the metric column.
        /// - Throws: ``InputError`` for an unknown metric or arch strings that do not parse.
        public init(nb201 table: MetricTable, metric: String) throws {
            guard let strings = table.archStrings else {
                throw InputError(file: table.path, key: "arch_str", "table '\(table.dataset)' has no NB201 arch strings")
            }
            let e = NB201OneHotEncoding()
            self.init(
                dataset: table.dataset, metric: metric,
                features: try e.matrix(strings, file: table.path, lines: Array(2..<(2 + strings.count)), key: "arch_str"),
                encoding: e, targets: try Self.targets(table, metric: metric))
        }

        /// The values of `metric` in `table`; `test_acc` is the accuracy as the file writes it (percent).
        static func targets(_ table: MetricTable, metric: String) throws -> [Double] {
            if metric == LearningCurveSpec.accuracyColumn, let a = table.accuracyAsWritten { return a }
            return try table.values(of: metric)
        }

        /// The proxy of `spec` as a one-column feature matrix.
        /// - Throws: ``InputError`` when the task has no scores of it.
        func proxyFeatures(_ spec: ModelSpec) throws -> FeatureMatrix {
            guard let name = spec.proxyColumn, let scores = proxies[name] else {
                throw InputError(key: "predictor", "\(spec.name): no proxy scores for \(dataset)/\(metric)")
            }
            return FeatureMatrix(rows: scores.count, columns: 1, values: scores)
        }
    }

    /// The scores of one trial.
    public struct Scores: Sendable, Equatable {
        public var trainSamples: Int
        public var testSamples: Int
        public var kendallTau: Double
        public var spearman: Double
        public var pearson: Double
        public var rmse: Double
        public var mae: Double
        /// The measure names, in CSV order.
        public static let measures = ["kendall_tau", "spearman", "pearson", "rmse", "mae"]
        /// The values in ``measures`` order (NaN where undefined, such as tau of constant predictions).
        public var values: [Double] { [kendallTau, spearman, pearson, rmse, mae] }

        /// Equal counts and bit-identical values (so that NaN equals NaN: the determinism checks).
        public static func == (a: Scores, b: Scores) -> Bool {
            a.trainSamples == b.trainSamples && a.testSamples == b.testSamples
                && a.values.map(\.bitPattern) == b.values.map(\.bitPattern)
        }
    }

    /// Why `spec` cannot be run at `trainSamples` on `task` (the size plus the test set exceed
    /// the architectures with a value, for a proxy's map those with a score too, or the
    /// model's largest size), or nil when it can: the
    /// caller skips such a size with this note instead of failing.
    public static func skipNote(_ task: Task, spec: ModelSpec, trainSamples: Int, testSamples: Int = studyTestSamples) -> String? {
        if spec.ownTrainingSize(encoding: task.encoding) != nil && spec.model != .transfer { return nil }
        var available = task.targets.count { $0.isFinite }
        if let name = spec.proxyColumn, let scores = task.proxies[name] {  // a proxy's map: the architectures it scores
            available = task.targets.indices.count { task.targets[$0].isFinite && scores[$0].isFinite }
        }
        if trainSamples + testSamples > available {
            return
                "\(spec.name) at \(trainSamples) samples skipped: with \(testSamples) test architectures it needs \(trainSamples + testSamples), \(task.dataset)/\(task.metric) has \(available)"
        }
        if spec.model == .gp, trainSamples > GaussianProcess.largestTrainingSize {
            return "gp at \(trainSamples) samples skipped: it takes at most \(GaussianProcess.largestTrainingSize) (its cost is cubic)"
        }
        return nil
    }

    /// Runs one trial of `spec` on `task`.
    /// - Parameters:
    ///   - trainSamples: the training size; ignored by predictors that fix their own
    ///     (``ModelSpec/ownTrainingSize(encoding:)``).
    ///   - measurementNoise: relative sd of the noise on training values (0: exact).
    /// - Returns: the scores (`rmse` and `mae` NaN for a zero-measurement estimator, whose
    ///   values are not in the metric's units), and the wall time of the fit (which alone
    ///   varies between runs).
    /// - Throws: ``InputError`` when the size does not fit (table minus test set, or the
    ///   model's largest) or the model does not suit the task.
    public static func trial(
        _ task: Task, spec: ModelSpec, trainSamples: Int, testSamples: Int = studyTestSamples,
        trial: Int, seed: UInt64, measurementNoise: Double = 0
    ) throws -> (scores: Scores, fitSeconds: Double) {
        try split(
            task, spec: spec, sizes: [trainSamples], testSamples: testSamples, trial: trial, seed: seed,
            measurementNoise: measurementNoise)[0]
    }

    /// Runs one split (trial) of `spec` on `task` at every training size of `sizes`: the split
    /// is drawn once, and each size's result equals ``trial(_:spec:trainSamples:testSamples:trial:seed:measurementNoise:)``
    /// at that size. `linreg` on a one-hot encoding extends one set of normal equations over
    /// the nested training sets (``OneHotLeastSquares``) instead of refitting each size.
    /// - Parameter oneHotNormalEquations: false takes the SVD for `linreg` too (for checks).
    /// - Returns: the scores and fit seconds of each size, in `sizes` order.
    /// - Throws: ``InputError`` as ``trial(_:spec:trainSamples:testSamples:trial:seed:measurementNoise:)``, for the first size that fails.
    /// - Complexity: O(table) for the split, then each size's fit and O(test log test) scoring.
    public static func split(
        _ task: Task, spec: ModelSpec, sizes: [Int], testSamples: Int = studyTestSamples,
        trial: Int, seed: UInt64, measurementNoise: Double = 0,
        oneHotNormalEquations: Bool = true
    ) throws -> [(scores: Scores, fitSeconds: Double)] {
        let probe = try spec.make(task.modelContext)
        let features: FeatureMatrix
        if spec.model == .proxy {
            features = try task.proxyFeatures(spec)
        } else if spec.model == .transfer {
            guard let s = task.sourceFeatures else {
                throw InputError(
                    key: "predictor", "transfer needs source columns (other devices' values) for \(task.dataset)/\(task.metric)")
            }
            features = s
        } else {
            features = task.features
        }
        let valid = [.transfer, .proxy].contains(spec.model) ? validRows(features, task.targets) : task.validRows
        let values = valid.map { task.targets[$0] }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
        guard values.count >= 2, sd > 0 else {
            throw InputError(key: "metric", "\(task.dataset)/\(task.metric) has fewer than two distinct values")
        }
        let pairKey = StreamKey.hash(task.dataset + "/" + task.metric)
        let split = RandomStream(key: StreamKey.derive(seed, pairKey, UInt64(trial)))
        var order = valid
        for i in 0..<order.count { order.swapAt(i, i + split.uniformInt(order.count - i)) }
        let drawn = Split(
            task: task, features: features, order: order, valid: valid, mean: mean, sd: sd, pairKey: pairKey,
            testSamples: testSamples, trial: trial, seed: seed, measurementNoise: measurementNoise)

        let own = spec.ownTrainingSize(encoding: task.encoding)
        if oneHotNormalEquations, spec.model == .linreg, own == nil, let encoding = task.encoding, let hot = task.hotColumns {
            return try drawn.oneHotLinearRegression(spec: spec, sizes: sizes, encoding: encoding, hot: hot, probe: probe)
        }
        return try sizes.map { try drawn.fit(spec: spec, trainSamples: own ?? $0, probe: probe) }
    }

    /// The rows with a finite target and finite features, ascending.
    /// - Complexity: O(rows × features).
    static func validRows(_ features: FeatureMatrix, _ targets: [Double]) -> [Int] {
        var valid: [Int] = []
        valid.reserveCapacity(targets.count)
        let p = features.columns
        features.values.withUnsafeBufferPointer { x in
            targets.withUnsafeBufferPointer { t in
                for r in 0..<t.count where t[r].isFinite {
                    var finite = true
                    for j in 0..<p where !x[r * p + j].isFinite { finite = false }
                    if finite { valid.append(r) }
                }
            }
        }
        return valid
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// One drawn split of a task: its valid rows shuffled (test set first, then the nested
    /// training sets), and the whole table's mean and sd of the target.
    struct Split {
        var task: Task
        var features: FeatureMatrix
        var order: [Int]
        var valid: [Int]
        var mean: Double
        var sd: Double
        var pairKey: UInt64
        var testSamples: Int
        var trial: Int
        var seed: UInt64
        var measurementNoise: Double

        /// Checks that `k` training samples plus the test set fit the table and `model`.
        func check(_ k: Int, _ model: any Predictor, spec: ModelSpec) throws {
            guard k >= model.minimumTrainingSize else {
                throw InputError(
                    key: "train_samples", "\(spec.name) needs at least \(model.minimumTrainingSize) training samples, got \(k)")
            }
            guard k + testSamples <= order.count else {
                throw InputError(
                    key: "train_samples",
                    "\(k) training + \(testSamples) test architectures do not fit in \(task.dataset)/\(task.metric), which has \(order.count)"
                )
            }
            if let m = model.maximumTrainingSize, k > m {
                throw InputError(key: "train_samples", "\(spec.name) takes at most \(m) training samples, got \(k)")
            }
        }

        /// The trial at one size with a fresh model (the general path).
        func fit(spec: ModelSpec, trainSamples k: Int, probe: any Predictor) throws -> (scores: Scores, fitSeconds: Double) {
            var model = try spec.make(task.modelContext)
            var trainRows: [Int]
            var testRows: [Int]
            if let chooser = model as? any ChoosesTrainingSet {
                trainRows = try chooser.trainingRows(features, candidates: valid)
                let chosen = Set(trainRows)
                testRows = Array(order.lazy.filter { !chosen.contains($0) }.prefix(testSamples))
            } else {
                try check(k, model, spec: spec)
                testRows = Array(order.prefix(testSamples))
                trainRows = Array(order[testSamples..<(testSamples + k)])
            }
            guard testRows.count >= 2 else {
                throw InputError(key: "test_samples", "\(testSamples) test architectures: at least 2 are needed")
            }
            let stream = RandomStream(
                key: StreamKey.derive(seed, pairKey, StreamKey.hash(spec.name), UInt64(trainRows.count), UInt64(trial)))
            let noise = RandomStream(key: StreamKey.derive(seed, pairKey, StreamKey.hash("measurement-noise"), UInt64(trial)))
            var y = trainRows.map { task.targets[$0] }
            if measurementNoise > 0 { y = y.map { $0 * (1 + noise.gaussian(measurementNoise)) } }
            // z-normalise with the whole table's mean and sd (the study's convention); `transfer`
            // and the FLOPs line work in metric units (the log fit needs positive values).
            let zNormalise = spec.model != .transfer
            let yFit = zNormalise ? y.map { ($0 - mean) / sd } : y
            let start = ContinuousClock.now
            try model.fit(features.selecting(rows: trainRows), yFit, stream: stream)
            let fitted = ContinuousClock.now - start
            var predicted = model.predict(features.selecting(rows: testRows))
            if zNormalise { predicted = predicted.map { mean + sd * $0 } }
            let truth = testRows.map { task.targets[$0] }
            var scores = LearningCurve.score(predicted, truth, trainSamples: trainRows.count)
            if trainRows.isEmpty {  // FLOPs, parameters or a proxy themselves: not in the metric's units
                scores.rmse = .nan
                scores.mae = .nan
            }
            return (scores, LearningCurve.seconds(fitted))
        }

        /// `linreg` on one-hot rows at every size of `sizes`: the normal equations of the
        /// nested training sets are extended row by row (a size below the rows already added
        /// starts again from none, so each size sees the same arithmetic whatever came before);
        /// where they are singular, the SVD path of ``LinearRegression`` on the same values.
        func oneHotLinearRegression(
            spec: ModelSpec, sizes: [Int], encoding: any OneHotEncoding, hot: [Int32],
            probe: any Predictor
        ) throws -> [(scores: Scores, fitSeconds: Double)] {
            let slots = encoding.slots
            let testRows = order.prefix(min(testSamples, order.count))
            let truth = testRows.map { task.targets[$0] }
            var equations = OneHotLeastSquares(slots: slots, choices: encoding.choiceCount)
            var noise = RandomStream(key: StreamKey.derive(seed, pairKey, StreamKey.hash("measurement-noise"), UInt64(trial)))
            var yFit: [Double] = []
            var out: [(scores: Scores, fitSeconds: Double)] = []
            var predicted = [Double](repeating: 0, count: testRows.count)
            for k in sizes {
                try check(k, probe, spec: spec)
                guard testSamples >= 2 else {
                    throw InputError(key: "test_samples", "\(testSamples) test architectures: at least 2 are needed")
                }
                let start = ContinuousClock.now
                if k < equations.rows {
                    equations = OneHotLeastSquares(slots: slots, choices: encoding.choiceCount)
                    noise = RandomStream(key: StreamKey.derive(seed, pairKey, StreamKey.hash("measurement-noise"), UInt64(trial)))
                    yFit.removeAll(keepingCapacity: true)
                }
                let added = equations.rows
                for r in order[(testSamples + added)..<(testSamples + k)] {
                    var y = task.targets[r]
                    if measurementNoise > 0 { y = y * (1 + noise.gaussian(measurementNoise)) }
                    yFit.append((y - mean) / sd)
                }
                hot.withUnsafeBufferPointer { h in
                    yFit.withUnsafeBufferPointer { y in
                        equations.add(
                            rows: order[(testSamples + added)..<(testSamples + k)], hot: h.baseAddress!, y: y.baseAddress! + added)
                    }
                }
                if let c = equations.solve() {
                    let fitted = ContinuousClock.now - start
                    c.withUnsafeBufferPointer { cp in
                        hot.withUnsafeBufferPointer { h in
                            for (i, r) in testRows.enumerated() {
                                predicted[i] = mean + sd * OneHotLeastSquares.predict(cp, hot: h.baseAddress! + r * slots, slots: slots)
                            }
                        }
                    }
                    out.append((LearningCurve.score(predicted, truth, trainSamples: k), LearningCurve.seconds(fitted)))
                } else {
                    let trainRows = Array(order[testSamples..<(testSamples + k)])
                    var model = LinearRegression()
                    try model.fit(
                        features.selecting(rows: trainRows), Array(yFit.prefix(k)),
                        stream: RandomStream(key: 0))
                    let fitted = ContinuousClock.now - start
                    let p = model.predict(features.selecting(rows: Array(testRows))).map { mean + sd * $0 }
                    out.append((LearningCurve.score(p, truth, trainSamples: k), LearningCurve.seconds(fitted)))
                }
            }
            return out
        }
    }

    /// Trials 0..<trials of `spec` at `trainSamples` on `jobs` workers, in trial order; the
    /// results do not depend on `jobs`.
    /// - Throws: the first trial's ``InputError``, if any.
    public static func run(
        _ task: Task, spec: ModelSpec, trainSamples: Int, testSamples: Int = studyTestSamples,
        trials: Int, seed: UInt64, measurementNoise: Double = 0, jobs: Int = 1
    ) throws -> [(scores: Scores, fitSeconds: Double)] {
        let out = SharedBuffer<Result<(scores: Scores, fitSeconds: Double), InputError>?>(repeating: nil, count: trials)
        ParallelFor.run(count: trials, jobs: jobs, makeState: { () }) { _, t in
            do {
                out.pointer[t] = .success(
                    try trial(
                        task, spec: spec, trainSamples: trainSamples, testSamples: testSamples,
                        trial: t, seed: seed, measurementNoise: measurementNoise))
            } catch let e as InputError {
                out.pointer[t] = .failure(e)
            } catch {
                out.pointer[t] = .failure(InputError("\(error)"))
            }
        }
        return try out.array.map { try $0!.get() }
    }

    /// Tau-b, Spearman, Pearson, RMSE and MAE of `predicted` against `truth`.
    /// - Complexity: O(n log n).
    public static func score(_ predicted: [Double], _ truth: [Double], trainSamples: Int) -> Scores {
        let n = truth.count
        let finite = predicted.allSatisfy(\.isFinite)
        let tau = finite ? (KendallTau.tauB(predicted, truth) ?? .nan) : .nan
        var work = [Double](repeating: 0, count: 2 * n)
        let (rho, r): (Double, Double) = predicted.withUnsafeBufferPointer { pp in
            truth.withUnsafeBufferPointer { tp in
                work.withUnsafeMutableBufferPointer { wp in
                    guard finite else { return (.nan, .nan) }
                    return (GSL.spearman(pp, tp, work: wp) ?? .nan, GSL.pearson(pp, tp) ?? .nan)
                }
            }
        }
        var se = 0.0, ae = 0.0
        for i in 0..<n {
            let e = predicted[i] - truth[i]
            se += e * e
            ae += abs(e)
        }
        return Scores(
            trainSamples: trainSamples, testSamples: n, kendallTau: tau, spearman: rho, pearson: r,
            rmse: (se / Double(n)).squareRoot(), mae: ae / Double(n))
    }
}
