// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HWNASSim
import SVGCharts

/// How far a re-run's mean may lie from a published value (docs/study.md §6 by default).
public struct ReproductionTolerance: Sendable, Equatable {
    /// On `mra_all` and `mra_pareto` means (percentage points).
    public var mra: Double
    /// On hypervolume means.
    public var hypervolume: Double
    /// On mean Kendall tau.
    public var kendallTau: Double

    public init(mra: Double = 0.06, hypervolume: Double = 0.04, kendallTau: Double = 0.01) {
        self.mra = mra
        self.hypervolume = hypervolume
        self.kendallTau = kendallTau
    }

    /// docs/study.md §6: ±0.06 on MRA, ±0.04 on hypervolume, ±0.01 on tau, for 1000 trials per cell.
    public static let study = ReproductionTolerance()

    /// The tolerance of `measure`; nil for measures without one (they are not checked).
    public func value(for measure: String) -> Double? {
        switch measure {
        case "mra_all", "mra_pareto": mra
        case "hv": hypervolume
        case "kendall_tau": kendallTau
        default: nil
        }
    }

    /// "MRA ±0.06, hv ±0.04, τ ±0.01".
    public var description: String {
        "MRA ±\(Format.number(mra)), hv ±\(Format.number(hypervolume)), τ ±\(Format.number(kendallTau))"
    }
}

/// One published value next to a re-run's mean.
public struct ReproductionPoint: Sendable, Equatable {
    public var target: PublishedValue
    /// The re-run's mean over its cells: all pairs and subset sizes for a published value of
    /// every size (`subset_size` = `all`), all pairs at that size otherwise. NaN when the run
    /// has no such cell.
    public var rerun: Double
    /// Standard error of ``rerun`` (cells are independent: √Σse² / cells).
    public var se: Double
    public var tolerance: Double

    /// Re-run minus published.
    public var delta: Double { rerun - target.value }
    /// Whether the run has the point and lies within the tolerance.
    public var isWithin: Bool { delta.isFinite && abs(delta) <= tolerance + 1e-12 }

    /// "mra_pareto at std 0.9" or "hv at N = 500, std 0.9".
    public var name: String {
        let size = target.subsetSize.map { "N = \($0), " } ?? ""
        return "\(target.measure) at \(size)std \(Format.number(target.std))"
    }
}

/// Compares re-runs with published values: which points lie within tolerance, and how
/// points vary over several runs (for example one scenario run with many seeds).
public enum ReproductionCheck {
    /// Every published point of a measure with a tolerance, compared with `run`.
    /// - Complexity: O(P · C) for P published points and C cells per point.
    static func compare(_ run: RunData, published: [PublishedValue], tolerance: ReproductionTolerance) -> [ReproductionPoint] {
        published.compactMap { p in
            guard let t = tolerance.value(for: p.measure) else { return nil }
            let pooled = run.pooled(p.measure, level: p.std, size: p.subsetSize)
            return ReproductionPoint(target: p, rerun: pooled.mean, se: pooled.se, tolerance: t)
        }
    }

    /// The outcome of ``check(runs:publishedFile:tolerance:)``.
    public struct Result: Sendable {
        /// Per run (in the order given): its folder, scenario name, seed and points.
        public var runs: [(folder: String, name: String, seed: UInt64?, points: [ReproductionPoint])]
        public var tolerance: ReproductionTolerance
        /// Remarks on the runs compared (for example: they come from different scenarios).
        public var notes: [String] = []

        /// Runs with every point within tolerance.
        public var runsWithin: Int { runs.filter { $0.points.allSatisfy(\.isWithin) }.count }
        public var allWithin: Bool { runsWithin == runs.count }

        /// One row per run and point: `run,scenario,seed,curve,subset_size,std,measure,published,rerun,se,delta,tolerance,within`.
        public var csv: String {
            let header = [
                "run", "scenario", "seed", "curve", "subset_size", "std", "measure", "published", "rerun", "se", "delta", "tolerance",
                "within"
            ]
            let rows = runs.flatMap { r in
                r.points.map { p in
                    [
                        r.folder, r.name, r.seed.map(String.init) ?? "", p.target.curve, p.target.subsetSize.map(String.init) ?? "all",
                        Format.number(p.target.std), p.target.measure, Format.number(p.target.value),
                        Format.number(p.rerun), Format.number(p.se), Format.number(p.delta),
                        Format.number(p.tolerance), p.isWithin ? "yes" : "no"
                    ]
                }
            }
            return Format.csv(header: header, rows: rows)
        }

        /// A text for the terminal: each run's count and misses; with several runs, every
        /// point's spread over the runs.
        public var text: String {
            var out = ""
            for r in runs {
                let within = r.points.filter(\.isWithin).count
                let seed = r.seed.map { ", seed \($0)" } ?? ""
                out += "\(r.folder) (\(r.name)\(seed)): \(within) of \(r.points.count) published points within tolerance\n"
                for p in r.points where !p.isWithin {
                    if p.rerun.isFinite {
                        out +=
                            "  outside: \(p.name): \(Format.fixed(p.rerun, 4)) against \(Format.fixed(p.target.value, 4)), "
                            + "\(ReproductionCheck.signed(p.delta, 4)) (tolerance \(Format.number(p.tolerance)), se \(Format.fixed(p.se, 4)))\n"
                    } else {
                        out += "  missing: \(p.name) is not in the run\n"
                    }
                }
            }
            for note in notes { out += (note.hasPrefix("warning: ") ? note : "note: \(note)") + "\n" }
            if runs.count > 1, let first = runs.first {
                out += "\nOver \(runs.count) runs (re-run minus published):\n"
                let width = first.points.map(\.name.count).max() ?? 0
                out +=
                    "point".padding(toLength: width, withPad: " ", startingAt: 0)
                    + "  published     mean       sd      min      max  within\n"
                for (k, p) in first.points.enumerated() {
                    let deltas = runs.map { $0.points[k].delta }.filter(\.isFinite)
                    let within = runs.filter { $0.points[k].isWithin }.count
                    let summary = Summary(deltas)
                    let stats = [summary.mean, summary.sd, deltas.min() ?? .nan, deltas.max() ?? .nan]
                    var line = p.name.padding(toLength: width, withPad: " ", startingAt: 0)
                    line += Format.fixed(p.target.value, 3).leftPadded(11)
                    for (j, x) in stats.enumerated() {
                        let text = !x.isFinite ? "–" : (j == 1 ? Format.fixed(x, 3) : ReproductionCheck.signed(x))
                        line += text.leftPadded(9)
                    }
                    line += "\(within)/\(runs.count)".leftPadded(8)
                    out += line + "\n"
                }
                out += "\n\(runsWithin) of \(runs.count) runs are within tolerance at every point (\(tolerance.description)).\n"
            }
            return out
        }

        /// With several runs: the MRA points' deviation from the published values (mean over
        /// the runs, band from the lowest to the highest run) against the tolerance band; nil
        /// with fewer than two runs or without published `mra_all`/`mra_pareto` rows of every
        /// size (`subset_size` `all`).
        public func deviationChart() -> LineChart? {
            guard runs.count > 1, let first = runs.first else { return nil }
            let palette = [
                "mra_all": ("#08306b", [Double](), MarkerShape.circle),
                "mra_pareto": ("#e08214", [6.0, 3], MarkerShape.diamond)
            ]
            var series: [Series] = []
            var stds: [Double] = []
            for measure in ["mra_all", "mra_pareto"] {
                let indices = first.points.indices.filter {
                    first.points[$0].target.curve == "mra" && first.points[$0].target.measure == measure
                        && first.points[$0].target.subsetSize == nil
                }.sorted { first.points[$0].target.std < first.points[$1].target.std }
                guard !indices.isEmpty else { continue }
                var points: [(Double, Double)] = [], lower: [Double] = [], upper: [Double] = []
                for k in indices {
                    let deltas = runs.map { $0.points[k].delta }.filter(\.isFinite)
                    guard !deltas.isEmpty else { continue }
                    points.append((first.points[k].target.std, deltas.reduce(0, +) / Double(deltas.count)))
                    lower.append(deltas.min()!)
                    upper.append(deltas.max()!)
                }
                stds += points.map(\.0)
                let (color, dash, marker) = palette[measure]!
                series.append(
                    Series(
                        name: "\(measure): mean over runs", points: points,
                        band: Band(lower: lower, upper: upper, label: "lowest to highest run"),
                        style: SeriesStyle(color: color, dash: dash, marker: marker)))
            }
            guard !series.isEmpty, let lo = stds.min(), let hi = stds.max() else { return nil }
            let t = tolerance.mra
            // Show the tolerance band with some room, and every run however far out it lies.
            var yLow = -1.5 * max(t, 0.01), yHigh = 1.5 * max(t, 0.01)
            for s in series {
                yLow = min(yLow, s.band?.lower.min() ?? yLow)
                yHigh = max(yHigh, s.band?.upper.max() ?? yHigh)
            }
            series.insert(
                Series(
                    name: "published value", points: [(lo, 0), (hi, 0)],
                    band: Band(lower: [-t, -t], upper: [t, t], label: "tolerance ±\(Format.number(t))", opacity: 0.08),
                    style: SeriesStyle(color: "#555555", dash: [2, 3], marker: .none, lineWidth: 1)), at: 0)
            let within = runsWithin
            return LineChart(
                title: "MRA of \(runs.count) re-runs minus the published values",
                subtitle: "Mean over pairs and subset sizes per run; line: mean over the runs; band: lowest to highest run",
                caption: "\(within) of \(runs.count) runs are within tolerance at every checked point (\(tolerance.description)). "
                    + "Published values are digitised from the paper (about ±0.02).",
                xLabel: "Predictor noise std (z units)", yLabel: "Re-run minus published (percentage points)",
                yRange: yLow...yHigh, series: series, legendPlacement: .below)
        }

    }

    /// `x` with `decimals` decimals and a sign ("+0.000" for zero).
    static func signed(_ x: Double, _ decimals: Int = 3) -> String {
        let text = Format.fixed(x, decimals)
        return text.hasPrefix("-") ? text : "+" + text
    }

    /// Writes `chart` (a ``Result/deviationChart()``) to `path` (SVG) and, when rsvg-convert
    /// is on `PATH`, a PNG beside it; returns the files written.
    public static func writeFigure(_ chart: LineChart, to path: String) throws -> [String] {
        try AtomicFile.write(chart.document(width: 760, height: 520).render(), to: path)
        guard let converter = PNGConverter.find() else { return [path] }
        return [path, try converter.writePNG(besideSVG: path)]
    }

    /// What `hwnas-sim check` did: the comparison, and the figure files (nil when no figure
    /// was asked for; empty when it was but cannot be drawn: fewer than two runs, or no
    /// published `mra_all`/`mra_pareto` of subset size 'all').
    public struct Outcome: Sendable {
        public var result: Result
        public var figure: [String]?
    }

    /// Checks every input, and that both outputs can be written, before writing anything; then
    /// compares (``check(runs:publishedFile:tolerance:)``), writes the per-run CSV to `csv` and
    /// the deviation figure to `figure` when given.
    public static func run(
        runs: [String], publishedFile: String, tolerance: ReproductionTolerance,
        csv: String?, figure: String?
    ) throws -> Outcome {
        if let csv { try ScenarioRunner.ensureWritableFile(csv, option: "--out") }
        if let figure { try ScenarioRunner.ensureWritableFile(figure, option: "--figure") }
        let result = try check(runs: runs, publishedFile: publishedFile, tolerance: tolerance)
        let chart = figure == nil ? nil : result.deviationChart()
        if let csv { try AtomicFile.write(result.csv, to: csv) }
        guard let figure else { return Outcome(result: result, figure: nil) }
        return Outcome(result: result, figure: try chart.map { try writeFigure($0, to: figure) } ?? [])
    }

    /// Reads the run folders and the published values, and compares them.
    /// - Throws: ``InputError`` for unreadable folders or files, a run without a noise
    ///   study, or a published file without any point this check knows a tolerance for.
    public static func check(
        runs paths: [String], publishedFile: String,
        tolerance: ReproductionTolerance = .study
    ) throws -> Result {
        guard !paths.isEmpty else { throw InputError(key: "RUN_DIR", "give at least one run folder") }
        let published = try PublishedValue.read(path: publishedFile)
        guard published.contains(where: { tolerance.value(for: $0.measure) != nil }) else {
            throw InputError(
                file: publishedFile, key: "measure",
                "no row has a checked measure (mra_all, mra_pareto, hv, kendall_tau)")
        }
        var runs: [(folder: String, name: String, seed: UInt64?, points: [ReproductionPoint])] = []
        var seen: [String: String] = [:]
        var folders: [(path: String, folder: RunFolder)] = []
        for path in paths {
            let canonical = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
            if let earlier = seen[canonical] {
                throw InputError(file: path, key: "RUN_DIR", "the run folder is given twice (also as '\(earlier)'); each run counts once")
            }
            seen[canonical] = path
            let folder = try SummaryReader.readRun(path)
            guard !folder.summary.isEmpty else {
                throw InputError(file: path, "the run has no summary.csv rows (a budget-only run?); nothing to compare")
            }
            folders.append((path, folder))
            let data = RunData(run: folder, label: folder.name)
            runs.append((path, folder.name, folder.seed, compare(data, published: published, tolerance: tolerance)))
        }
        var result = Result(runs: runs, tolerance: tolerance)
        // The published points are paper-mixture std levels, and the default tolerances are
        // meant for 1000 trials per cell: say so when a run is neither.
        for (path, folder) in folders {
            let models = Set(folder.summary.map(\.noise.rawValue)).subtracting([NoiseModelKind.paperMixture.rawValue])
            if !models.isEmpty {
                result.notes.append(
                    "warning: \(path) has \(models.sorted().joined(separator: ", ")) noise, whose levels are not the published paper-mixture std levels: the comparison at equal level means little"
                )
            }
            if tolerance == .study, let n = folder.summary.map(\.summary.n).max(), n < 1000 {
                result.notes.append(
                    "warning: \(path) has \(n) trials per cell; the tolerances (MRA ±0.06, hypervolume ±0.04, tau ±0.01) are meant for 1000, so a faithful run at \(n) misses them more often (run with --trials 1000, or widen them with --mra-tolerance, --hv-tolerance, --tau-tolerance)"
                )
            }
        }
        var names: [String] = []
        for r in runs where !names.contains(r.name) { names.append(r.name) }
        if names.count > 1 {
            result.notes.append(
                "the runs come from \(names.count) scenarios (\(names.joined(separator: ", "))): their spread is not a seed-to-seed spread")
        }
        return result
    }
}
