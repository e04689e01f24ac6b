// SPDX-License-Identifier: GPL-3.0-or-later

extension Scenario {
    /// The keys of a named predictor that describe its use in a budget only (costs, refits):
    /// a learning curve refuses them rather than ignore them.
    static let budgetOnlyPredictorKeys = ["train_s", "train_s_per_sample", "query_s", "retrain_every"]

    /// A predictor of `learning_curve.predictors`: a name of the top-level `predictors:` (that
    /// trained predictor: its model and options, `trials` its splits, `train_samples` its
    /// only training size), else a model name or `{model: NAME, …}` (``decodeModel(_:)``).
    /// - Throws: ``InputError`` at the item for a synthetic predictor, at a budget-only key.
    static func decodeLearningPredictor(
        _ item: YAMLValue, named: [String: PredictorSpec], section: YAMLValue?
    ) throws -> (ModelSpec, [Int]?) {
        guard case .scalar = item.node, let section, let name = try? item.string(), let p = named[name] else {
            return try decodeModel(item)
        }
        let entries = try section.entries().first { $0.key == name }.map { try $0.value.entries() } ?? []
        guard var model = p.model else {
            throw item.error(
                "predictor '\(name)' is synthetic (a kendall_tau curve): a learning curve trains models; give '\(name)' a model: or list a model"
            )
        }
        for (k, v) in entries where budgetOnlyPredictorKeys.contains(k) {
            throw v.error("has no effect in a learning curve (it prices predictor '\(name)' in a budget): remove it")
        }
        if p.sample == .lookupTable && model.model != .lookupTable, let v = entries.first(where: { $0.key == "sample" })?.value {
            throw v.error("a learning curve trains '\(name)' on random architectures: remove sample: lookup-table")
        }
        model.label = name
        return (model, entries.contains { $0.key == "train_samples" } ? [p.trainSamples] : nil)
    }

    /// Every entry of a learning curve's top-level `predictors:` is listed by name in
    /// `learning_curve.predictors`.
    /// - Throws: ``InputError`` at the first entry that is not.
    static func checkNamedPredictorsUsed(_ section: YAMLValue?, listed: Set<String>) throws {
        guard let section else { return }
        for (name, v) in try section.entries() where !listed.contains(name) {
            throw v.error("predictor '\(name)' is not listed in learning_curve.predictors: list it by name or remove it")
        }
    }
}
