// SPDX-License-Identifier: GPL-3.0-or-later

extension BudgetStudy {
    /// Adds what a budget with trainers needs to `cell`: each architecture's training seconds
    /// (``TrainingCost`` of its MFLOPs), the scores of the proxies its strategies rank by, and
    /// checks each accuracy predictor against the subset.
    /// - Throws: ``InputError`` at the strategy's `accuracy` key for a proxy that scores too few
    ///   architectures (``Study/proxyCoverage``) or a predictor that cannot train on its sample;
    ///   at `data.benchmark` for a table other than NB201's (MFLOPs and proxies are NB201's).
    static func addTraining(
        _ cell: inout BudgetCell, scenario: Scenario, study: BudgetStudySpec, pairIndex i: Int, pair: GroundTruthPair,
        loader: inout GroundTruthLoader, notes: inout [String]
    ) throws {
        guard let training = study.budget.training else { return }
        guard case .nb201 = scenario.data else {
            throw InputError(
                key: "budget.trainers",
                "training costs follow NB201's MFLOPs (nb201_cost.csv) and its proxies: a budget with trainers needs benchmark nb201")
        }
        var table = try loader.table(scenario.data, pair: scenario.pairs[i], metricColumns: [scenario.pairs[i].metric])
        let flops = try ProxyColumn.load("flops", table: &table, directory: loader.directory, key: "budget.training")
        let rowOf = table.rowsByID()
        cell.trainingSeconds = pair.ids.map { training.seconds(mflops: flops.scores[rowOf[$0]!]) }
        for (s, strategy) in study.budget.strategies.enumerated() {
            let key = "budget.strategies[\(s)].accuracy"
            if case .train(let choice) = strategy.kind, let column = choice.proxy?.column, cell.proxyScores[column] == nil {
                var isProxy = false
                if case .proxy = choice { isProxy = true }
                cell.proxyScores[column] = try Study.proxyScores(
                    column, key: key + (isProxy ? ".column" : ".proxy_feature"), scenario: scenario, pairIndex: i, pair: pair,
                    loader: &loader, notes: &notes)
            }
            switch strategy.kind {
            case .train(.predictor(let name, _, _)):
                try checkTrained(
                    name: name, spec: study.predictors[name]!, features: cell.features!, pair: pair, subsetSize: cell.subsetSize)
            default: continue
            }
        }
    }

    /// The accuracy predictors of `budget`'s training strategies, sorted.
    static func accuracyPredictors(_ budget: BudgetSpec) -> [String] {
        Set(
            budget.strategies.compactMap { s -> String? in
                if case .train(.predictor(let name, _, _)) = s.kind { return name } else { return nil }
            }
        ).sorted()
    }
}
