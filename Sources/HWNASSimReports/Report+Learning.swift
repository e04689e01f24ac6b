// SPDX-License-Identifier: GPL-3.0-or-later
import HWNASSim
import SVGCharts

extension ReportBuilder {
    /// The study's published Kendall tau (Laube et al. 2022, table 3) by predictor and
    /// training size, for its five pairs in order.
    static let publishedPredictorTau: [(predictor: String, samples: Int, pairs: [(String, String)], tau: [Double])] = {
        let pairs = [
            ("ImageNet16-120", "raspi4_latency"), ("cifar100", "pixel3_latency"), ("cifar10", "edgegpu_latency"),
            ("cifar100", "edgegpu_energy"), ("ImageNet16-120", "eyeriss_arithmetic_intensity")
        ]
        return [
            ("linreg", 11, pairs, [0.324, 0.392, 0.370, 0.376, 0.369]),
            ("linreg", 15000, pairs, [0.729, 0.812, 0.829, 0.831, 0.846]),
            ("XGBoost", 15000, pairs, [0.757, 0.877, 0.926, 0.920, 0.970]),
            ("lookup-table", 25, pairs, [0.443, 0.484, 0.175, 0.221, 0.861])
        ]
    }()

    /// The sizes of the learning-curve table.
    static let learningTableSizes = [11, 124, 1366, 15000]

    /// The learning-curve figure (Kendall tau against training samples, log x, a line per
    /// model with its 95 % band, a panel per pair; the lookup table, FLOPs and transfer as
    /// markers at their own sample counts) and the tau table beside the study's numbers.
    mutating func addLearningCurves(_ rows: [LearningCurve.Row], label: String, suffix: String) {
        let tau = rows.filter { $0.measure == "kendall_tau" }
        var pairs: [(dataset: String, metric: String)] = []
        var predictors: [String] = []
        for r in tau {
            if !pairs.contains(where: { $0 == (r.dataset, r.metric) }) { pairs.append((r.dataset, r.metric)) }
            if !predictors.contains(r.predictor) { predictors.append(r.predictor) }
        }
        guard !pairs.isEmpty else {
            notes.append("Learning-curve figure skipped (\(label)): no kendall_tau rows in learning.csv.")
            return
        }
        func rowsOf(_ p: (dataset: String, metric: String), _ predictor: String) -> [LearningCurve.Row] {
            tau.filter { $0.dataset == p.dataset && $0.metric == p.metric && $0.predictor == predictor }.sorted {
                $0.trainSamples < $1.trainSamples
            }
        }
        // An estimator without measurements (0 samples) is drawn at 1 on the log axis.
        func x(_ n: Int) -> Double { Double(max(n, 1)) }
        func style(_ predictor: String) -> SeriesStyle {
            var s = ChartPalette.seriesStyle(predictors.firstIndex(of: predictor)!)
            if Set(tau.filter { $0.predictor == predictor }.map(\.trainSamples)).count == 1 {
                s.markerSize = 10
                s.markerFilled = false
            }
            return s
        }
        func name(_ predictor: String) -> String {
            let sizes = Set(tau.filter { $0.predictor == predictor }.map(\.trainSamples))
            if sizes == [0] { return "\(predictor) (no measurement, at 1)" }
            if sizes.count == 1 { return "\(predictor) (\(sizes.first!) samples)" }
            return predictor
        }
        func series(_ p: (dataset: String, metric: String)) -> [Series] {
            predictors.compactMap { predictor in
                let mine = rowsOf(p, predictor)
                guard !mine.isEmpty else { return nil }
                return Series(
                    name: name(predictor), points: mine.map { (x($0.trainSamples), $0.summary.mean) },
                    band: Band(
                        lower: mine.map(\.summary.ci95Low), upper: mine.map(\.summary.ci95High),
                        label: "95 % interval of the mean", opacity: 0.2),
                    style: style(predictor))
            }
        }
        let all = pairs.map { series($0) }
        var values: [Double] = []
        for panel in all {
            for s in panel {
                values += s.points.map(\.y)
                values += s.band?.lower ?? []
                values += s.band?.upper ?? []
            }
        }
        values = values.filter(\.isFinite)
        let low = min(0, (values.min() ?? 0)), high = max(1, values.max() ?? 1)
        let panels = zip(pairs, all).map { p, s in
            LineChart(
                title: Self.pairLabel(p), xLabel: "Training samples (log scale)", yLabel: "Kendall τ on the test set",
                xScale: .log10, yRange: (low > -0.05 ? 0 : low)...min(high, 1), series: s, legendPlacement: .hidden
            )
            .document(width: Self.panelWidth, height: Self.panelHeight)
        }
        let figure = PanelFigure(
            title: "Predictor learning curves: Kendall τ against measured training architectures",
            subtitle: label,
            caption:
                "Each line is one model, the mean Kendall τ over the random splits at each training size; band: 95 % interval of the mean. "
                + "Lone markers: estimators with their own sample count (lookup table: base cell and single-edge changes; transfer: its target measurements); "
                + "FLOPs and parameters need no measurement and are drawn at 1.",
            rows: Self.grid(panels, columns: 2), legend: .forSeries(all.max { $0.count < $1.count } ?? []))
        add(
            "fig7-learning-curves" + suffix, figure.document(), alt: "Predictor learning curves",
            text: "Kendall τ of each predictor against its training samples, a panel per pair (\(label)).")
        addLearningTable(tau, pairs: pairs, predictors: predictors, label: label)
    }

    /// Tau at 11, 124, 1,366 and 15,000 samples (own counts for the lookup table, FLOPs and
    /// transfer) beside the study's published values, a row per pair × predictor.
    mutating func addLearningTable(
        _ tau: [LearningCurve.Row], pairs: [(dataset: String, metric: String)], predictors: [String], label: String
    ) {
        func published(_ p: (dataset: String, metric: String), _ predictor: String, _ n: Int) -> Double? {
            for entry in Self.publishedPredictorTau where entry.predictor == predictor && entry.samples == n {
                if let i = entry.pairs.firstIndex(where: { $0 == (p.dataset, p.metric) }) { return entry.tau[i] }
            }
            return nil
        }
        var lines = [
            "### Predictor learning curves: \(label)", "",
            "Mean Kendall τ over the random splits (± half the 95 % interval); in brackets the study's published value "
                + "(Laube et al. 2022, table 3; its best learned model at 15,000 samples, XGBoost, in the last column). "
                + "The lookup table, FLOPs, parameters and transfer use their own sample count (column `own`).", ""
        ]
        let sizes = Self.learningTableSizes
        lines.append("| pair | predictor | own | " + sizes.map { Self.size($0) }.joined(separator: " | ") + " | study XGBoost 15,000 |")
        lines.append("|---|---|---:|" + sizes.map { _ in "---:|" }.joined() + "---:|")
        func cell(_ r: LearningCurve.Row?, _ pub: Double?) -> String {
            guard let r, r.summary.mean.isFinite else { return pub.map { "– (\(Self.fixed($0, 3)))" } ?? "–" }
            let half = (r.summary.ci95High - r.summary.ci95Low) / 2
            var text = Self.fixed(r.summary.mean, 3) + (half.isFinite ? " ± " + Self.fixed(half, 3) : "")
            if let pub { text += " (\(Self.fixed(pub, 3)))" }
            return text
        }
        for p in pairs {
            for predictor in predictors {
                let mine = tau.filter { $0.dataset == p.dataset && $0.metric == p.metric && $0.predictor == predictor }
                guard !mine.isEmpty else { continue }
                let own = Set(mine.map(\.trainSamples)).count == 1 && !sizes.contains(mine[0].trainSamples) ? mine[0] : nil
                let ownText = own.map { "\(Self.size($0.trainSamples)): " + cell($0, published(p, predictor, $0.trainSamples)) } ?? ""
                let columns = sizes.map { n in own == nil ? cell(mine.first { $0.trainSamples == n }, published(p, predictor, n)) : "" }
                let xgb = predictor == "mlp" || predictor == "gp" ? published(p, "XGBoost", 15000).map { Self.fixed($0, 3) } ?? "" : ""
                lines.append("| \(Self.pairLabel(p)) | \(predictor) | \(ownText) | " + columns.joined(separator: " | ") + " | \(xgb) |")
            }
        }
        sections.append(lines.joined(separator: "\n"))
    }
}
