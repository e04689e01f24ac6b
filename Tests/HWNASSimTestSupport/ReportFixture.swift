// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HWNASSim

/// A small synthetic run folder written by `ScenarioRunner.run`, plus fake budget tables.
public enum ReportFixture {
    public static let scenario = """
        name: tiny
        seed: 7
        trials: 6
        data: {benchmark: synthetic, size: 300, pairs: [{metric: latency}]}
        subset_sizes: [100, 300]
        noise: {model: paper-mixture, levels: [0.0, 0.5, 1.0]}
        measures: [kendall_tau, hv, hv_retained, mra_all, mra_pareto, n_selected, n_verified]

        """

    public static let budget = """
        predictors.linreg.kendall_tau,dataset,metric,pairing,subset_size,noise,level,strategy,budget_s,measure,n,mean,sd,se,ci95_low,ci95_high,median,q25,q75
        0.5,synthetic,latency,true,300,none,,measure-random,60,hv,10,2.0,0.2,0.063,1.86,2.14,2.0,1.9,2.1
        0.5,synthetic,latency,true,300,kendall-tau,0.5,linreg,60,hv,10,2.5,0.2,0.063,2.36,2.64,2.5,2.4,2.6
        0.5,synthetic,latency,true,300,none,,measure-random,3600,hv,10,3.0,0.2,0.063,2.86,3.14,3.0,2.9,3.1
        0.5,synthetic,latency,true,300,kendall-tau,0.5,linreg,3600,hv,10,2.7,0.2,0.063,2.56,2.84,2.7,2.6,2.8
        0.9,synthetic,latency,true,300,none,,measure-random,60,hv,10,2.0,0.2,0.063,1.86,2.14,2.0,1.9,2.1
        0.9,synthetic,latency,true,300,kendall-tau,0.5,linreg,60,hv,10,2.9,0.2,0.063,2.76,3.04,2.9,2.8,3.0
        0.9,synthetic,latency,true,300,none,,measure-random,3600,hv,10,3.0,0.2,0.063,2.86,3.14,3.0,2.9,3.1
        0.9,synthetic,latency,true,300,kendall-tau,0.5,linreg,3600,hv,10,3.05,0.2,0.063,2.91,3.19,3.05,2.95,3.15

        """

    public static let decision = """
        predictors.linreg.kendall_tau,dataset,metric,subset_size,budget_s,decide_by,winner,winner_mean,runner_up,runner_up_mean,margin,margin_ci95_low,margin_ci95_high,n,significant,winner_changed,relative_margin,winner:hv,winner:mean_regret,mean:hv:measure-random,mean:hv:linreg,mean:mean_regret:measure-random,mean:mean_regret:linreg
        0.5,synthetic,latency,300,60,hv,linreg,2.5,measure-random,2.0,0.5,0.3,0.7,10,true,false,0.25,linreg,measure-random,2.0,2.5,1.5,3.0
        0.5,synthetic,latency,300,3600,hv,measure-random,3.0,linreg,2.7,0.3,0.1,0.5,10,true,true,0.1111111111111111,measure-random,measure-random,3.0,2.7,0.5,2.0
        0.9,synthetic,latency,300,60,hv,linreg,2.9,measure-random,2.0,0.9,0.7,1.1,10,true,false,0.45,linreg,linreg,2.0,2.9,1.5,0.5
        0.9,synthetic,latency,300,3600,hv,linreg,3.05,measure-random,3.0,0.05,-0.15,0.25,10,false,false,0.016666666666666666,linreg,linreg,3.0,3.05,0.5,0.25

        """

    /// A fresh run folder (summary.csv, headline.csv, run.json, budget.csv, decision.csv).
    public static func makeRun() throws -> String {
        let scenarioPath = Fixtures.file("tiny.yaml", scenario)
        let out = Fixtures.temporaryDirectory("report-run") + "/run"
        _ = try ScenarioRunner.run(
            path: scenarioPath, options: RunOptions(outDirectory: out, jobs: 2, dataDirectory: Fixtures.dataDirectory))
        try AtomicFile.write(budget, to: out + "/budget.csv")
        try AtomicFile.write(decision, to: out + "/decision.csv")
        return out
    }

    /// Mean of `measure` at `level` over the summary rows (all sizes, or one), computed from
    /// the CSV text directly: the oracle the check must agree with.
    public static func oracle(_ run: String, _ measure: String, level: Double, size: Int? = nil) throws -> (mean: Double, se: Double) {
        let lines = try String(contentsOfFile: run + "/summary.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        var means: [Double] = [], ses: [Double] = []
        for line in lines {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            // dataset,metric,pairing,subset_size,noise,level,measure,n,mean,sd,se,...
            guard f[6] == measure, Double(f[5]) == level, size == nil || Int(f[3]) == size else { continue }
            means.append(Double(f[8])!)
            ses.append(Double(f[10])!)
        }
        return (
            means.reduce(0, +) / Double(means.count),
            ses.map { $0 * $0 }.reduce(0, +).squareRoot() / Double(ses.count)
        )
    }

    /// A published file with values placed at known distances from the run's means.
    public static func published(_ run: String) throws -> (path: String, values: [Double]) {
        let a = try oracle(run, "mra_all", level: 0.5).mean + 0.05  // within ±0.06
        let b = try oracle(run, "mra_pareto", level: 0.5).mean - 0.07  // outside ±0.06
        let c = try oracle(run, "kendall_tau", level: 1.0).mean + 0.009  // within ±0.01
        let d = try oracle(run, "hv", level: 0.5, size: 100).mean - 0.041  // outside ±0.04
        let text = """
            curve,subset_size,std,measure,value
            mra,all,0.5,mra_all,\(a)
            mra,all,0.5,mra_pareto,\(b)
            mra,all,1.0,kendall_tau,\(c)
            hv,100,0.5,hv,\(d)
            mra,all,0.7,mra_all,2.0
            mra,all,0.5,n_selected,3

            """
        return (Fixtures.file("published.csv", text), [a, b, c, d])
    }
}
