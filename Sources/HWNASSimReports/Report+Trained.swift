// SPDX-License-Identifier: GPL-3.0-or-later
//
// The trained-against-injected figure and table: a `noise.model: trained` run with
// `compare_injected`, hypervolume and MRA against Kendall tau, trained models as points and the
// matched injected noise as a line.

import HWNASSim
import SVGCharts

extension ReportBuilder {
    /// The measures the figure shows, one column of panels each.
    static let trainedMeasures = ["hv", "mra_all", "mra_pareto"]

    /// One point of the figure: a predictor at one training size and subset size, trained or
    /// injected, each coordinate the mean over the run's pairs of the cells' means.
    struct TrainedPoint {
        var predictor: String
        var trainSamples: Int
        var subsetSize: Int
        var trained: Bool
        var tau: PooledStatistics
        var measures: [String: PooledStatistics]
    }

    /// The points of a trained run's summary rows (per predictor, training size, subset size,
    /// trained or injected).
    static func trainedPoints(_ rows: [SummaryRow]) -> [TrainedPoint] {
        var keys: [(String, Int, Int, Bool)] = []
        var grouped: [String: [SummaryRow]] = [:]
        for r in rows {
            guard let p = r.predictor, let k = r.trainSamples else { continue }
            let trained = r.noise == .trained
            let key = "\(p)\t\(k)\t\(r.subsetSize)\t\(trained)"
            if grouped[key] == nil { keys.append((p, k, r.subsetSize, trained)) }
            grouped[key, default: []].append(r)
        }
        return keys.map { p, k, n, trained in
            let mine = grouped["\(p)\t\(k)\t\(n)\t\(trained)"]!
            func pooled(_ m: String) -> PooledStatistics { PooledStatistics(mine.filter { $0.measure == m }.map(\.summary)) }
            return TrainedPoint(
                predictor: p, trainSamples: k, subsetSize: n, trained: trained, tau: pooled("kendall_tau"),
                measures: Dictionary(uniqueKeysWithValues: trainedMeasures.map { ($0, pooled($0)) }))
        }
    }

    /// Per trained point of subset size `n` with a value of measure `m`: the point and its own
    /// matched injected point (the same predictor and training size, re-run with kendall-tau
    /// noise at the τ it realised), as (τ, measure) pairs; points without a match are left out.
    static func matchedSegments(_ points: [TrainedPoint], subsetSize n: Int, measure m: String) -> [(
        trained: ChartPoint, injected: ChartPoint
    )] {
        func usable(_ p: TrainedPoint) -> Bool { p.subsetSize == n && p.tau.mean.isFinite && (p.measures[m]?.mean.isFinite ?? false) }
        return points.filter { $0.trained && usable($0) }.compactMap { t in
            guard
                let i = points.first(where: {
                    !$0.trained && usable($0) && $0.predictor == t.predictor && $0.trainSamples == t.trainSamples
                })
            else { return nil }
            return (ChartPoint(t.tau.mean, t.measures[m]!.mean), ChartPoint(i.tau.mean, i.measures[m]!.mean))
        }
    }

    /// Adds the figure and the table of a trained run (`label`), when it has matched rows.
    mutating func addTrainedVsInjected(_ rows: [SummaryRow], label: String, suffix: String) {
        let points = Self.trainedPoints(rows)
        let predictors = points.map(\.predictor).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let metrics = rows.map(\.metric).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let sizes = Set(points.map(\.subsetSize)).sorted()
        guard points.contains(where: { !$0.trained }) else {
            notes.append("Trained-against-injected figure skipped (\(label)): no matched injected rows (set noise.compare_injected: true).")
            return
        }
        let injectedColor = "#555555"
        func style(_ p: String) -> SeriesStyle {
            let base = ChartPalette.seriesStyle(predictors.firstIndex(of: p)! + 1)
            return SeriesStyle(color: base.color, marker: base.marker, lineWidth: 0, markerSize: 10)
        }
        var panels: [SVGDocument] = []
        for n in sizes {
            for m in Self.trainedMeasures {
                let mine = points.filter { $0.subsetSize == n }
                // Each trained marker joined to its own matched injected point, and to nothing else.
                let segments = Self.matchedSegments(points, subsetSize: n, measure: m)
                var layers = [
                    ScatterLayer(
                        name: "trained to its matched injected run", points: segments.flatMap { [$0.trained, $0.injected] },
                        color: injectedColor, size: 0, connection: .pairs, lineWidth: 1.5, inLegend: false),
                    ScatterLayer(
                        name: "injected kendall-tau noise at the trained τ", points: segments.map(\.injected),
                        color: injectedColor, marker: .circle, size: 5)
                ]
                for p in predictors {
                    let s = style(p)
                    let trained = mine.filter { $0.trained && $0.predictor == p && $0.tau.mean.isFinite && $0.measures[m]!.mean.isFinite }
                    layers.append(
                        ScatterLayer(
                            name: p, points: trained.map { ChartPoint($0.tau.mean, $0.measures[m]!.mean) },
                            color: s.color, marker: s.marker, size: s.markerSize))
                }
                panels.append(
                    ScatterChart(
                        title: "\(Self.measureNames[m] ?? m), N = \(Self.size(n))",
                        xLabel: "Kendall τ of the predictions (mean over trials and pairs)",
                        yLabel: m == "hv" ? Self.hypervolumeLabel(metrics) : "Accuracy lost, MRA (percentage points)",
                        layers: layers, legendPlacement: .hidden
                    )
                    .document(width: Self.panelWidth, height: Self.panelHeight))
            }
        }
        let legendSeries =
            [
                Series(
                    name: "injected kendall-tau noise at the τ the trained model realised, joined to its trained marker",
                    points: [(Double, Double)](), style: SeriesStyle(color: injectedColor, marker: .circle, markerSize: 5))
            ]
            + predictors.map { Series(name: "trained \($0)", points: [(Double, Double)](), style: style($0)) }
        let figure = PanelFigure(
            title: "Trained predictors against injected noise of the same Kendall τ",
            subtitle: label,
            caption:
                "Each marker: a model trained on the first k architectures of each trial's subset (k = its training sizes; lookup table: its 25 cells), "
                + "at the mean τ it realised over the predicted architectures; a short grey segment joins it to its own matched run (grey dot): the same trials re-run with kendall-tau noise "
                + "at that τ. Means over the run's pairs; a model that runs fewer trials (its trials option) gives noisier points, its matched dot too. Marker above its dot on hypervolume, below it on MRA: the trained model's errors cost less than random errors of the same τ. "
                + Self.hypervolumeUnit(metrics),
            rows: Self.grid(panels, columns: Self.trainedMeasures.count), legend: .forSeries(legendSeries))
        add(
            "fig8-trained-vs-injected" + suffix, figure.document(), alt: "Trained predictors against injected noise",
            text:
                "Hypervolume and MRA against Kendall τ: trained models as points, each joined to its matched run with injected noise at the same τ (\(label))."
        )
        addTrainedTable(points, predictors: predictors, sizes: sizes, label: label)
    }

    /// The table of a trained run: per subset size, predictor and training size, tau and each
    /// measure trained and injected, and how many points favour the trained model.
    mutating func addTrainedTable(_ points: [TrainedPoint], predictors: [String], sizes: [Int], label: String) {
        var lines = [
            "### Trained against injected: \(label)", "",
            "Means over the pairs (each a mean over its trials). τ: Kendall τ over the predicted architectures (trained) and over the subset (injected, at the trained τ). "
                + "hv: hypervolume; MRA in percentage points, of the whole selection and after verification.", "",
            "| N | predictor | samples | τ trained | τ injected | hv trained | hv injected | MRA trained | MRA injected | MRA verified trained | MRA verified injected |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        ]
        var better = [String: (wins: Int, count: Int, diff: Double)]()
        for n in sizes {
            for p in predictors {
                let mine = points.filter { $0.subsetSize == n && $0.predictor == p }
                for k in mine.filter(\.trained).map(\.trainSamples) {
                    guard let t = mine.first(where: { $0.trained && $0.trainSamples == k }) else { continue }
                    let i = mine.first { !$0.trained && $0.trainSamples == k }
                    func v(_ x: TrainedPoint?, _ m: String) -> Double { x?.measures[m]?.mean ?? .nan }
                    lines.append(
                        "| \(Self.size(n)) | \(p) | \(Self.size(k)) | \(Self.fixed(t.tau.mean, 3)) | \(Self.fixed(i?.tau.mean ?? .nan, 3)) | "
                            + "\(Self.fixed(v(t, "hv"), 3)) | \(Self.fixed(v(i, "hv"), 3)) | \(Self.fixed(v(t, "mra_all"), 2)) | \(Self.fixed(v(i, "mra_all"), 2)) | "
                            + "\(Self.fixed(v(t, "mra_pareto"), 2)) | \(Self.fixed(v(i, "mra_pareto"), 2)) |")
                    for m in Self.trainedMeasures {
                        let d = v(t, m) - v(i, m)
                        guard d.isFinite else { continue }
                        var b = better[m] ?? (0, 0, 0)
                        b.count += 1
                        b.diff += d
                        if m == "hv" ? d > 0 : d < 0 { b.wins += 1 }
                        better[m] = b
                    }
                }
            }
        }
        sections.append(lines.joined(separator: "\n"))
        for m in Self.trainedMeasures {
            guard let b = better[m], b.count > 0 else { continue }
            findings.append(
                "\(label): the trained model does better than injected noise of the same τ on \(Self.measureNames[m] ?? m) at \(b.wins) of \(b.count) "
                    + "(predictor, training size, subset size) points; mean difference trained − injected \(Self.signed(b.diff / Double(b.count), 3))"
                    + (m == "hv" ? "." : " percentage points."))
        }
    }
}
