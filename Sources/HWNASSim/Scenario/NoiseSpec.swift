// SPDX-License-Identifier: GPL-3.0-or-later

/// Noise settings of a scenario.
public struct NoiseSpec: Equatable, Sendable {
    public var model: NoiseModelKind
    /// Levels: std in z-units, or target tau for `kendall-tau`.
    public var levels: [Double]
    /// Standard deviation of Gaussian noise on accuracy, in percentage points (0: off).
    var accuracySD: Double
    /// `model: trained`: the models fitted in each trial (`noise.predictor`), each with its own
    /// training sizes when it sets them (`train_samples`); empty for injected noise.
    var predictors: [TrainedNoisePredictor] = []
    /// `model: trained`: relative sd of the noise on a measured training value (0: exact).
    var measurementRelativeSD: Double = 0
    /// `model: trained` with `compare_injected: true`: every trained row also runs
    /// `kendall-tau` noise at the mean tau the trained model realised in the cell.
    var compareInjected = false

    public init(model: NoiseModelKind, levels: [Double], accuracySD: Double = 0) {
        self.model = model
        self.levels = levels
        self.accuracySD = accuracySD
    }
}

/// One model of a `model: trained` noise section.
struct TrainedNoisePredictor: Equatable, Sendable {
    var model: ModelSpec
    /// Its own training sizes (`{model: …, train_samples: [...]}`); nil: `noise.levels`.
    var ownLevels: [Int]?
    /// The sizes it trains on, for the scenario's `levels`: the lookup table its own count (25
    /// NB201 cells), transfer its `samples` option when given, else the predictor's own list,
    /// else the levels (for transfer: its target-device measurements).
    /// Whether its training sizes are the scenario's `levels`.
    var usesLevels: Bool {
        ownLevels == nil && model.model != .lookupTable && !(model.model == .transfer && model.integer("samples") != nil)
    }

    func sizes(levels: [Double]) -> [Int] {
        if model.model == .lookupTable { return [LookupTable(encoding: NB201OneHotEncoding()).measurementCount] }
        if model.model == .transfer, let samples = model.integer("samples") { return [samples] }
        return ownLevels ?? levels.map { Int($0) }
    }
}
