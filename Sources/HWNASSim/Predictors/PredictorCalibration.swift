// SPDX-License-Identifier: GPL-3.0-or-later

/// `hwnas-sim calibrate --predictor NAME --train-samples K`: the Kendall tau a trained model
/// reaches on a pair, and the `kendall-tau` noise level that stands for it.
public enum PredictorCalibration {
    /// The learning-curve task of pair `pair` (0-based) of `scenario`, built as `learn` builds
    /// it (its `learning_curve` data settings; `predictor`'s transfer sources).
    /// - Throws: ``InputError`` placed in the scenario file `file`.
    public static func task(scenario: Scenario, file: String, pair: Int, predictor: ModelSpec, dataDirectory: String) throws
        -> LearningCurve.Task
    {
        var loader = GroundTruthLoader(directory: dataDirectory)
        var one = scenario
        one.pairs = [scenario.pairs[pair]]
        let spec = LearningCurveSpec(predictors: [predictor])
        do {
            return try loader.learningTasks(for: one, spec: spec)[0].task
        } catch let e as InputError {
            var located = scenario.locate(e, file: file)
            if let k = located.key, k.hasPrefix("data.pairs[0]") {
                located.key = "data.pairs[\(pair)]" + k.dropFirst("data.pairs[0]".count)
            }
            throw located
        }
    }

    /// Kendall tau (and the other measures) of `predictor` trained on `trainSamples`
    /// measured architectures, over `trials` random splits.
    /// - Throws: ``InputError`` (key `--train-samples`) when the size does not fit the table
    ///   or the model.
    public static func scores(
        _ task: LearningCurve.Task, predictor: ModelSpec, trainSamples: Int,
        testSamples: Int = LearningCurve.studyTestSamples, trials: Int, seed: UInt64,
        jobs: Int
    ) throws -> [LearningCurve.Row] {
        if let note = LearningCurve.skipNote(task, spec: predictor, trainSamples: trainSamples, testSamples: testSamples) {
            throw InputError(key: "--train-samples", note)
        }
        do {
            let results = try LearningCurve.run(
                task, spec: predictor, trainSamples: trainSamples, testSamples: testSamples,
                trials: trials, seed: seed, jobs: jobs)
            return LearningCurve.rows(dataset: task.dataset, metric: task.metric, predictor: predictor.name, trials: results.map(\.scores))
        } catch var e as InputError {
            if e.key == "train_samples" { e.key = "--train-samples" }
            throw e
        }
    }
}
