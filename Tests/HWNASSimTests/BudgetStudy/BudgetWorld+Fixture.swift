// SPDX-License-Identifier: GPL-3.0-or-later
@testable import HWNASSim

/// Hand-made worlds and strategies for the engine and strategy tests.
extension BudgetWorld {
    /// A world of `cost.count` positions measured in position order; accuracy rises with the
    /// position unless given, and a measurement returns `metric` (default: the cost).
    static func fixture(cost: [Double], accuracy: [Double]? = nil, metric: [Double]? = nil) -> BudgetWorld {
        let n = cost.count
        let acc = accuracy ?? (0..<n).map { 0.5 + 0.01 * Double($0) }
        var order = (0..<Int32(n)).map { $0 }
        order.sort { acc[Int($0)] > acc[Int($1)] }
        return BudgetWorld(
            n: n, accuracy: acc, orderByAccuracy: order, cost: cost,
            measured: metric ?? cost, randomOrder: (0..<Int32(n)).map { $0 }, predicted: [:])
    }

    /// The strategy a scenario's `predictor: p` with `verify` simulates, `spec` being p's.
    func strategy(_ verify: Verification, _ spec: PredictorSpec) -> any Strategy {
        StrategyFactory.make(StrategySpec(name: "s", kind: .predictor("p"), verify: verify), predictors: ["p": spec], world: self)
    }
}
