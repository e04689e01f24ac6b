// SPDX-License-Identifier: GPL-3.0-or-later

extension LearningCurve {
    /// One row of a learning-curve table: a measure's summary over the trials of a
    /// (dataset, metric, predictor, training size) — the rows of `learning.csv`.
    public struct Row: Sendable, Equatable {
        public var dataset: String
        public var metric: String
        public var predictor: String
        /// The training size the trials used (the lookup table's own count, 0 for FLOPs).
        public var trainSamples: Int
        /// One of ``Scores/measures``.
        public var measure: String
        /// Over the trials; undefined values (NaN) are left out of it.
        public var summary: Summary
    }

    /// A row per measure, in ``Scores/measures`` order, summarising `trials`.
    /// - Complexity: O(trials log trials) per measure.
    public static func rows(dataset: String, metric: String, predictor: String, trials: [Scores]) -> [Row] {
        let samples = trials.first?.trainSamples ?? 0
        return Scores.measures.enumerated().map { m, name in
            Row(
                dataset: dataset, metric: metric, predictor: predictor, trainSamples: samples, measure: name,
                summary: Summary(trials.map { $0.values[m] }))
        }
    }
}
