// SPDX-License-Identifier: GPL-3.0-or-later
//
// The report's figures 1–3, 5 and 6/7 (figure 4, the single trial, is in Report+Trial.swift).

import Foundation
import HWNASSim
import SVGCharts

/// One figure of the report: its file stem and SVG text.
struct ReportFigure {
    var name: String
    var svg: String
}

/// Collects the figures, tables and sentences of one report.
struct ReportBuilder {
    let options: ReportOptions
    let studies: [RunData]
    let folders: [(run: RunFolder, label: String)]
    let published: [PublishedValue]?

    var figures: [ReportFigure] = []
    /// One Markdown entry per figure: file stem, alt text, one-line description.
    var figureEntries: [(name: String, alt: String, text: String)] = []
    var sections: [String] = []
    var findings: [String] = []
    var notes: [String] = []

    init(options: ReportOptions, studies: [RunData], folders: [(RunFolder, String)], published: [PublishedValue]?) {
        self.options = options
        self.studies = studies
        self.folders = folders.map { (run: $0.0, label: $0.1) }
        self.published = published
    }

    static let panelWidth = 600.0
    static let panelHeight = 420.0
    static let mraAllColor = "#08306b"
    static let mraParetoColor = "#e08214"
    static let measureNames = [
        "mra_all": "MRA, whole selection", "mra_pareto": "MRA, verified selection", "hv": "hypervolume",
        "kendall_tau": "Kendall τ", "hv_retained": "hypervolume retained"
    ]

    /// What the metrics measure, from their column names: `latency` (`raspi4_latency`),
    /// `energy` (`edgegpu_energy`), else the metric's own name; "metric" when they differ.
    static func metricKind(_ metrics: [String]) -> String {
        let kinds = Set(
            metrics.map { m -> String in
                if m == "latency" || m.hasSuffix("_latency") { return "latency" }
                if m == "energy" || m.hasSuffix("_energy") { return "energy" }
                return m
            })
        return kinds.count == 1 ? kinds.first! : "metric"
    }

    /// A measure's name in titles and sentences; mean regret names the metric its limits are on.
    static func measureName(_ measure: String, metrics: [String]) -> String {
        measure == BudgetMeasure.meanRegret.name
            ? "mean regret over 19 \(metricKind(metrics)) limits" : measureNames[measure] ?? measure
    }

    /// The axis title of a hypervolume: the area in (accuracy, metric) space, accuracy as a
    /// fraction and the metric z-scored over its table (docs/study.md §3), so in standard
    /// deviations of the metric rather than in its own unit.
    static func hypervolumeLabel(_ metrics: [String]) -> String {
        "Hypervolume (accuracy fraction × \(metricKind(metrics)) in sd)"
    }

    /// Said once in each hypervolume figure's caption: what the axis unit means.
    static func hypervolumeUnit(_ metrics: [String]) -> String {
        let units = Set(metrics.map(NB201Metrics.unit(of:)).filter { !$0.isEmpty })
        let unit = units.count == 1 ? " (\(units.first!))" : ""
        return
            "Hypervolume: accuracy as a fraction times the \(metricKind(metrics))\(unit) z-scored over its table, so in standard deviations of the \(metricKind(metrics))."
    }

    mutating func build() throws {
        if !studies.isEmpty {
            addMRAFigure()
            addHVFigure()
            addPairFigure()
            try addTrialFigure()
            addHeadlineTables()
        }
        if let published { addPublished(published) }
        let learning = folders.filter { !($0.run.learning ?? []).isEmpty }
        for (run, label) in learning {
            addLearningCurves(run.learning ?? [], label: label, suffix: Self.suffix(label, among: learning.map(\.label)))
        }
        let trained = folders.filter { $0.run.summary.contains(where: { $0.predictor != nil }) }
        for (run, label) in trained {
            addTrainedVsInjected(run.summary, label: label, suffix: Self.suffix(label, among: trained.map(\.label)))
        }
        let budgets = folders.filter { $0.run.budget != nil }
        for (run, label) in budgets {
            addBudget(
                run.budget ?? [], decision: run.decision, label: label, suffix: Self.suffix(label, among: budgets.map(\.label)),
                measuring: Self.measuringStrategies(run))
        }
    }

    /// A figure name's ending: none when one run has figures of this kind, else `-` and the
    /// run's label in lower case with every other character a `-` (`-raspi4-gp-mlp`), so a
    /// figure's name follows its scenario and not the order of the arguments.
    static func suffix(_ label: String, among labels: [String]) -> String {
        labels.count <= 1 ? "" : "-" + slug(label)
    }

    /// `Raspi4 GP (run 2)` → `raspi4-gp-run-2`.
    static func slug(_ label: String) -> String {
        let mapped = label.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? String($0) : "-" }.joined()
        return mapped.split(separator: "-").joined(separator: "-")
    }

    mutating func add(_ name: String, _ document: SVGDocument, alt: String, text: String) {
        figures.append(ReportFigure(name: name, svg: document.render()))
        figureEntries.append((name, alt, text))
    }

    // MARK: Formatting

    static func level(_ x: Double) -> String { SVGFormat.number(x, maxDecimals: 3) }
    static func fixed(_ x: Double, _ d: Int) -> String { x.isFinite ? Format.fixed(x, d) : "–" }
    static func size(_ n: Int) -> String { SVGFormat.number(Double(n), maxDecimals: 0, grouping: n >= 10_000) }
    static func signed(_ x: Double, _ d: Int) -> String {
        guard x.isFinite else { return "–" }
        let s = Format.fixed(x, d)
        return s.hasPrefix("-") || Double(s) == 0 ? s : "+" + s
    }
    static func pairLabel(_ p: (dataset: String, metric: String)) -> String { "\(p.dataset) / \(p.metric)" }

    /// A y range shared by several panels: nice ticks around `values`, optionally from zero.
    static func sharedRange(_ values: [Double], includeZero: Bool) -> ClosedRange<Double> {
        var v = values.filter(\.isFinite)
        if includeZero { v.append(0) }
        guard let lo = v.min(), let hi = v.max() else { return 0...1 }
        let ticks = NiceTicks.fitted(min: lo, max: hi)
        return ticks.lower...ticks.upper
    }

    /// Level ticks with the mean Kendall τ as a second line (when the run has `kendall_tau`).
    static func levelTicks(_ s: RunData) -> [AxisTick] {
        s.levels.map { x in
            let tau = s.measures.contains("kendall_tau") ? s.pooled("kendall_tau", level: x).mean : .nan
            return AxisTick(value: x, label: Self.level(x), secondLine: tau.isFinite ? "τ " + Format.fixed(tau, 2) : nil)
        }
    }

    /// Panels in rows of at most `columns`.
    static func grid(_ panels: [SVGDocument], columns: Int) -> [[SVGDocument?]] {
        stride(from: 0, to: panels.count, by: columns).map { start in
            Array(panels[start..<min(start + columns, panels.count)]).map { Optional($0) }
        }
    }

    // MARK: Figure 1 — MRA against noise

    static func mraSeries(_ s: RunData) -> [Series] {
        [
            ("mra_all", "MRA of the whole predicted selection", mraAllColor, [Double](), MarkerShape.circle),
            ("mra_pareto", "MRA after verifying the selection", mraParetoColor, [7, 3], .square)
        ].compactMap { m in
            guard s.measures.contains(m.0) else { return nil }
            let stats = s.levels.map { s.pooled(m.0, level: $0) }
            return Series(
                name: m.1, points: zip(s.levels, stats).map { ($0, $1.mean) },
                band: Band(
                    lower: stats.map { max(0, $0.mean - $0.sd) }, upper: stats.map { $0.mean + $0.sd },
                    label: "±1 sd of all trials (cut at 0)", outlined: true),
                secondBand: Band(lower: stats.map(\.ci95Low), upper: stats.map(\.ci95High), label: "95 % interval of the mean"),
                style: SeriesStyle(color: m.2, dash: m.3, marker: m.4))
        }
    }

    mutating func addMRAFigure() {
        let all = studies.map { (s: $0, series: Self.mraSeries($0)) }
        guard all.contains(where: { !$0.series.isEmpty }) else {
            notes.append("Figure 1 skipped: no mra_all or mra_pareto in the run folders.")
            return
        }
        let values = all.flatMap { $0.series.flatMap { ($0.band?.upper ?? []) + $0.points.map(\.y) } }
        let range = Self.sharedRange(values, includeZero: true)
        let panels = all.filter { !$0.series.isEmpty }.map { item in
            LineChart(
                title: item.s.label, subtitle: item.s.description, xLabel: item.s.xLabel,
                yLabel: "Accuracy lost, MRA (percentage points)", xTicks: Self.levelTicks(item.s), yRange: range,
                series: item.series, legendPlacement: .hidden
            ).document(width: Self.panelWidth, height: Self.panelHeight)
        }
        let figure = PanelFigure(
            title: "Mean reduction of accuracy (MRA) against predictor noise",
            subtitle: "Mean over all dataset/metric pairs and subset sizes",
            caption:
                "Line: mean of the cell means. Light band, edged in its line's colour and dash: ±1 sd of all trials of all cells pooled (cut at 0, MRA cannot be negative). "
                + "Dark band: 95 % interval of the mean. Second tick line: mean Kendall τ between true and predicted metric at that level.",
            rows: Self.grid(panels, columns: 2), legend: .forSeries(all.first { !$0.series.isEmpty }!.series))
        add(
            "fig1-mra", figure.document(), alt: "MRA against noise",
            text: "Mean reduction of accuracy against predictor noise, before and after verifying the selection.")
    }

    // MARK: Figure 2 — hypervolume per subset size

    mutating func addHVFigure() {
        let usable = studies.filter { $0.measures.contains("hv") }
        guard !usable.isEmpty else {
            notes.append("Figure 2 skipped: no hv in the run folders.")
            return
        }
        let sizes = Array(Set(usable.flatMap(\.sizes))).sorted()
        func series(_ s: RunData) -> [Series] {
            s.sizes.map { size in
                let stats = s.levels.map { s.pooled("hv", level: $0, size: size) }
                return Series(
                    name: "N = " + Self.size(size), points: zip(s.levels, stats).map { ($0, $1.mean) },
                    band: Band(
                        lower: stats.map(\.ci95Low), upper: stats.map(\.ci95High), label: "95 % interval of the mean", opacity: 0.25),
                    style: ChartPalette.seriesStyle(sizes.firstIndex(of: size)!))
            }
        }
        let all = usable.map { (s: $0, series: series($0)) }
        let range = Self.sharedRange(
            all.flatMap { $0.series.flatMap { $0.points.map(\.y) + ($0.band?.lower ?? []) + ($0.band?.upper ?? []) } },
            includeZero: false)
        let panels = all.map { item in
            LineChart(
                title: item.s.label, subtitle: item.s.description, xLabel: item.s.xLabel,
                yLabel: Self.hypervolumeLabel(item.s.pairs.map(\.metric)), xTicks: Self.levelTicks(item.s), yRange: range,
                series: item.series, legendPlacement: .hidden
            ).document(width: Self.panelWidth, height: Self.panelHeight)
        }
        let legendSeries = sizes.enumerated().map { i, size in
            Series(
                name: "N = " + Self.size(size), points: [ChartPoint](),
                band: Band(lower: [], upper: [], label: "95 % interval of the mean", opacity: 0.25),
                style: ChartPalette.seriesStyle(i))
        }
        let figure = PanelFigure(
            title: "Hypervolume of the predicted selection against predictor noise",
            subtitle: "One line per subset size N, mean over the dataset/metric pairs",
            caption: "Hypervolume of the selection scored with true values, reference point from the subset. "
                + "Band: 95 % interval of the mean over pairs. Second tick line: mean Kendall τ. "
                + Self.hypervolumeUnit(usable.flatMap { $0.pairs.map(\.metric) }),
            rows: Self.grid(panels, columns: 2), legend: .forSeries(legendSeries))
        add(
            "fig2-hv", figure.document(), alt: "Hypervolume per subset size",
            text: "Hypervolume against predictor noise, one line per subset size.")
    }

    // MARK: Figure 3 — MRA per pair

    mutating func addPairFigure() {
        let measures = ["mra_all", "mra_pareto"]
        let usable = studies.filter { s in measures.contains { s.measures.contains($0) } }
        guard !usable.isEmpty else { return }
        var pairs: [(dataset: String, metric: String)] = []
        for s in usable {
            for p in s.pairs where !pairs.contains(where: { $0 == p }) { pairs.append(p) }
        }
        func series(_ s: RunData, _ measure: String) -> [Series] {
            s.pairs.map { p in
                Series(
                    name: Self.pairLabel(p), points: s.levels.map { ($0, s.pooled(measure, level: $0, pair: p).mean) },
                    style: ChartPalette.seriesStyle(pairs.firstIndex { $0 == p }!))
            }
        }
        var charts: [(s: RunData, measure: String, series: [Series])] = []
        for s in usable {
            for m in measures where s.measures.contains(m) { charts.append((s, m, series(s, m))) }
        }
        let range = Self.sharedRange(charts.flatMap { $0.series.flatMap { $0.points.map(\.y) } }, includeZero: true)
        var rows: [[SVGDocument?]] = []
        for s in usable {
            rows.append(
                measures.map { m in
                    guard let chart = charts.first(where: { $0.s.label == s.label && $0.measure == m }) else { return nil }
                    return LineChart(
                        title: "\(s.label): \(m == "mra_all" ? "whole selection" : "verified selection")",
                        subtitle: "Mean over \(s.sizes.count) subset size\(s.sizes.count == 1 ? "" : "s")",
                        xLabel: s.xLabel, yLabel: "\(m) (percentage points)", yRange: range, series: chart.series,
                        legendPlacement: .hidden
                    ).document(width: Self.panelWidth, height: Self.panelHeight - 20)
                })
        }
        let legendSeries = pairs.enumerated().map { i, p in
            Series(name: Self.pairLabel(p), points: [ChartPoint](), style: ChartPalette.seriesStyle(i))
        }
        let figure = PanelFigure(
            title: "MRA per dataset/metric pair",
            subtitle: "Left: MRA of the whole predicted selection (mra_all); right: after verification (mra_pareto)",
            caption: "Each line is one dataset/metric pair, the mean over its subset sizes' cell means.",
            rows: rows, legend: .forSeries(legendSeries))
        add(
            "fig3-mra-pairs", figure.document(), alt: "MRA per pair",
            text: "MRA per dataset/metric pair, before (left) and after (right) verification.")
    }

    // MARK: Headline tables and sentences

    mutating func addHeadlineTables() {
        for s in studies {
            let columns = ["kendall_tau", "mra_all", "mra_pareto", "hv", "hv_retained", "n_selected", "n_verified"]
                .filter(s.measures.contains)
            var lines = ["### \(s.label)", "", "\(s.description). Means over all cells.", ""]
            lines.append("| \(s.levelName) | " + columns.joined(separator: " | ") + " |")
            lines.append("|---:|" + columns.map { _ in "---:|" }.joined())
            for level in s.levels {
                let cells = columns.map { m -> String in
                    let v = s.pooled(m, level: level).mean
                    return Self.fixed(v, m.hasPrefix("n_") ? 1 : 3)
                }
                lines.append("| \(Self.level(level)) | " + cells.joined(separator: " | ") + " |")
            }
            sections.append(lines.joined(separator: "\n"))

            // Sentences.
            let at = s.levels.contains(0.2) ? 0.2 : s.levels[s.levels.count / 2]
            let all = s.pooled("mra_all", level: at), pareto = s.pooled("mra_pareto", level: at)
            if all.mean.isFinite, pareto.mean.isFinite {
                var sentence =
                    "\(s.label): verifying the selection cuts MRA from \(Self.fixed(all.mean, 2)) to \(Self.fixed(pareto.mean, 2)) percentage points at \(s.levelName) \(Self.level(at))"
                let tau = s.pooled("kendall_tau", level: at).mean
                if tau.isFinite { sentence += " (mean Kendall τ \(Self.fixed(tau, 2)))" }
                findings.append(sentence + ".")
            }
            if let last = s.levels.last, let first = s.levels.first, last != first {
                let retained = s.pooled("hv_retained", level: last).mean
                let mra = s.pooled("mra_all", level: last).mean
                if retained.isFinite && mra.isFinite {
                    findings.append(
                        "\(s.label): at \(s.levelName) \(Self.level(last)) the selection keeps \(Self.fixed(100 * retained, 1)) % of its noise-free hypervolume, yet loses \(Self.fixed(mra, 2)) accuracy points on average."
                    )
                }
            }
        }
        if let pc = paperCompatible, let corrected, let mid = pc.levels.first(where: { $0 == 0.5 }) ?? pc.levels.last {
            let a = pc.pooled("mra_all", level: mid).mean, b = corrected.pooled("mra_all", level: mid).mean
            if a.isFinite && b.isFinite {
                findings.append(
                    "With the true pairing, MRA of the whole selection at \(pc.levelName) \(Self.level(mid)) is \(Self.fixed(b, 2)) points instead of \(Self.fixed(a, 2)) with the published (mis-paired) table."
                )
            }
        }
    }

    /// The first run whose rows all use the paper's pairing, and the first with the true pairing.
    var paperCompatible: RunData? { studies.first { $0.pairings == [Pairing.paperSorted.rawValue] } }
    var corrected: RunData? { studies.first { $0.pairings == [Pairing.true.rawValue] } }

    // MARK: Figure 5 — published against re-run

    mutating func addPublished(_ values: [PublishedValue]) {
        let pc = paperCompatible, cor = corrected
        let reruns = [(pc, "paper-compatible re-run", "#08306b", MarkerShape.square), (cor, "corrected re-run", "#e08214", .triangle)]
            .compactMap { r in r.0.map { (s: $0, name: r.1, color: r.2, marker: r.3) } }
        if reruns.isEmpty {
            notes.append("Figure 5 skipped: no run folder with pairing paper-sorted (paper-compatible) or true (corrected).")
            return
        }
        let published = "#111111"
        // MRA panel.
        let mra = values.filter { $0.curve == "mra" }
        var series: [Series] = []
        for (measure, dash) in [("mra_all", [Double]()), ("mra_pareto", [6.0, 3])] {
            for r in reruns where r.s.measures.contains(measure) {
                series.append(
                    Series(
                        name: "\(r.name) \(measure)", points: r.s.levels.map { ($0, r.s.pooled(measure, level: $0).mean) },
                        style: SeriesStyle(color: r.color, dash: dash, marker: r.marker)))
            }
        }
        for measure in ["mra_all", "mra_pareto"] {
            let pub = mra.filter { $0.measure == measure }.sorted { $0.std < $1.std }
            if !pub.isEmpty {
                series.append(
                    Series(
                        name: "published \(measure)", points: pub.map { ($0.std, $0.value) },
                        style: SeriesStyle(
                            color: published, dash: measure == "mra_all" ? [2, 2] : [2, 4],
                            marker: measure == "mra_all" ? .circle : .diamond, lineWidth: 1.2, markerFilled: false)))
            }
        }
        let chart = LineChart(
            title: "Published MRA curves against the re-runs",
            subtitle: "Mean over pairs and subset sizes; published values digitised from the paper (about ±0.02)",
            caption:
                "Published: open markers on a dotted line (mra_all circles, mra_pareto diamonds). Re-runs: mra_all solid, mra_pareto dashed. "
                + "Tolerance for a 1000-trial re-run: ±0.06 percentage points.",
            xLabel: "Predictor noise std (z units)", yLabel: "MRA (percentage points)", yIncludesZero: true, series: series,
            legendPlacement: .below)
        add(
            "fig5-published-mra", chart.document(width: 760, height: 560), alt: "Published against re-run MRA",
            text: "Published MRA curves against the paper-compatible and corrected re-runs.")

        // HV small multiples.
        let hv = values.filter { $0.curve == "hv" && $0.measure == "hv" }
        let sizes = Array(Set(hv.compactMap(\.subsetSize))).sorted()
        if !sizes.isEmpty {
            var panels: [SVGDocument] = []
            for size in sizes {
                let pub = hv.filter { $0.subsetSize == size }.sorted { $0.std < $1.std }
                var s: [Series] = []
                for r in reruns where r.s.sizes.contains(size) && r.s.measures.contains("hv") {
                    s.append(
                        Series(
                            name: r.name, points: r.s.levels.map { ($0, r.s.pooled("hv", level: $0, size: size).mean) },
                            style: SeriesStyle(color: r.color, marker: r.marker)))
                }
                s.append(
                    Series(
                        name: "published", points: pub.map { ($0.std, $0.value) },
                        style: SeriesStyle(color: published, dash: [2, 2], marker: .circle, lineWidth: 1.2, markerFilled: false)))
                panels.append(
                    LineChart(
                        title: "N = " + Self.size(size), xLabel: "Predictor noise std (z units)",
                        yLabel: Self.hypervolumeLabel(reruns.flatMap { $0.s.pairs.map(\.metric) }),
                        series: s, legendPlacement: .hidden, showMarkers: true
                    ).document(width: 400, height: 300))
            }
            let legend =
                [
                    Series(
                        name: "published (digitised)", points: [ChartPoint](),
                        style: SeriesStyle(color: published, dash: [2, 2], marker: .circle, lineWidth: 1.2, markerFilled: false))
                ]
                + reruns.map { Series(name: $0.name, points: [ChartPoint](), style: SeriesStyle(color: $0.color, marker: $0.marker)) }
            let figure = PanelFigure(
                title: "Published hypervolume curves against the re-runs",
                subtitle: "One panel per subset size N, mean over pairs; each panel has its own y axis",
                caption:
                    "Tolerance for a 1000-trial re-run: ±0.04. The corrected re-run uses the true pairing, so it is not expected to match. "
                    + Self.hypervolumeUnit(reruns.flatMap { $0.s.pairs.map(\.metric) }),
                rows: Self.grid(panels, columns: 3), legend: .forSeries(legend))
            add(
                "fig5-published-hv", figure.document(), alt: "Published against re-run hypervolume",
                text: "Published hypervolume per subset size against the re-runs.")
        }
        addPublishedTables(values, pc: pc, cor: cor)
    }

    mutating func addPublishedTables(_ values: [PublishedValue], pc: RunData?, cor: RunData?) {
        let tolerance = ReproductionTolerance.study
        let measures = ["mra_all", "mra_pareto", "kendall_tau"]
        let mra = values.filter { $0.curve == "mra" && measures.contains($0.measure) }
        let stds = Array(Set(mra.map(\.std))).sorted()
        // The paper-compatible run against every published point, as `hwnas-sim check` does.
        let points = pc.map { ReproductionCheck.compare($0, published: values, tolerance: tolerance) } ?? []
        func point(_ target: PublishedValue) -> ReproductionPoint? {
            points.first { $0.target == target && $0.rerun.isFinite }
        }
        var lines = ["## Published against re-run", ""]
        lines.append(
            "Published: digitised from the paper (about ±0.02). Paper-compatible re-run: \(pc.map { "**\($0.label)**" } ?? "none"); corrected re-run: \(cor.map { "**\($0.label)**" } ?? "none"). "
                + "Within tolerance compares the paper-compatible re-run with the published value: \(tolerance.description) (docs/study.md §6, for 1000 trials per cell; `hwnas-sim check` does the same for any run folders)."
        )
        if let t = pc?.run.trials, t < 1000 {
            lines.append("")
            lines.append(
                "Note: the paper-compatible run has \(t) trials per cell, so its means carry more sampling error than the tolerances assume."
            )
        }
        lines += [
            "",
            "| std | " + measures.map { "\($0) published | paper-compat. | corrected" }.joined(separator: " | ") + " | within tolerance |",
            "|---:|" + String(repeating: "---:|", count: measures.count * 3) + "---|"
        ]
        var checked = 0, passed = 0
        var worst: (measure: String, std: Double, delta: Double)? = nil
        for std in stds {
            var cells: [String] = []
            var misses: [String] = []
            var any = false
            for m in measures {
                let pub = mra.first { $0.std == std && $0.measure == m }
                let a = pc?.pooled(m, level: std).mean ?? .nan
                let b = cor?.pooled(m, level: std).mean ?? .nan
                let d = m == "kendall_tau" ? 3 : 2
                cells += [pub.map { Self.fixed($0.value, d) } ?? "", Self.fixed(a, d), Self.fixed(b, d)]
                if let pub, let p = point(pub) {
                    any = true
                    checked += 1
                    if p.isWithin { passed += 1 } else { misses.append("\(m) \(Self.signed(p.delta, d))") }
                    if m != "kendall_tau", worst == nil || abs(p.delta) > abs(worst!.delta) { worst = (m, std, p.delta) }
                }
            }
            let check = !any ? "–" : (misses.isEmpty ? "yes" : "no: " + misses.joined(separator: ", "))
            lines.append("| \(Self.level(std)) | " + cells.joined(separator: " | ") + " | \(check) |")
        }
        if checked > 0 {
            var sentence = "The paper-compatible re-run is within tolerance at \(passed) of \(checked) published MRA/τ points"
            if let worst {
                sentence +=
                    "; the largest MRA deviation is \(Self.signed(worst.delta, 2)) (\(worst.measure) at std \(Self.level(worst.std)))"
            }
            findings.append(sentence + ".")
        }

        // Hypervolume: deviations of the paper-compatible re-run per size and std.
        let hv = values.filter { $0.curve == "hv" && $0.measure == "hv" }
        if let pc, !hv.isEmpty, pc.measures.contains("hv") {
            let sizes = Array(Set(hv.compactMap(\.subsetSize))).sorted()
            let hvStds = Array(Set(hv.map(\.std))).sorted()
            lines += [
                "", "Hypervolume, paper-compatible re-run minus published (**bold**: outside ±\(Format.number(tolerance.hypervolume))):",
                "",
                "| N | " + hvStds.map(Self.level).joined(separator: " | ") + " |",
                "|---:|" + String(repeating: "---:|", count: hvStds.count)
            ]
            var hvChecked = 0, hvPassed = 0
            for size in sizes {
                let cells = hvStds.map { std -> String in
                    guard let pub = hv.first(where: { $0.subsetSize == size && $0.std == std }) else { return "" }
                    guard let p = point(pub) else { return "–" }
                    hvChecked += 1
                    if p.isWithin {
                        hvPassed += 1
                        return Self.signed(p.delta, 2)
                    }
                    return "**" + Self.signed(p.delta, 2) + "**"
                }
                lines.append("| \(Self.size(size)) | " + cells.joined(separator: " | ") + " |")
            }
            if hvChecked > 0 {
                findings.append(
                    "Hypervolume of the paper-compatible re-run is within ±\(Format.number(tolerance.hypervolume)) of the published value at \(hvPassed) of \(hvChecked) (size, std) points."
                )
            }
        }
        sections.append(lines.joined(separator: "\n"))
    }

    // MARK: Figures 6 and 7 — time budget

    static func sweepLabel(_ values: [(key: String, value: String)]) -> String {
        values.map { "\($0.key) = \($0.value)" }.joined(separator: ", ")
    }

    /// The most strategies a budget figure draws.
    static let maxBudgetStrategies = 8

    mutating func addBudget(
        _ rows: [BudgetRow], decision: [DecisionRow]?, label: String, suffix: String, measuring: [String: Bool] = [:]
    ) {
        var combos: [String] = [], strategies: [String] = [], measures: [BudgetMeasure] = [], metrics: [String] = []
        var targets: [String] = []
        for r in rows {
            if !metrics.contains(r.metric) { metrics.append(r.metric) }
            let target = "\(r.dataset) / \(r.metric)"
            if !targets.contains(target) { targets.append(target) }
            let c = Self.sweepLabel(r.sweepValues)
            if !combos.contains(c) { combos.append(c) }
            if !strategies.contains(r.strategy) { strategies.append(r.strategy) }
            if !measures.contains(r.measure) { measures.append(r.measure) }
        }
        let budgets = Array(Set(rows.map(\.budgetSeconds))).sorted()
        // Hypervolume and the measure the decision uses (mean_regret by default; a latency-limit
        // decision shows its regret at the first limit); MRA after verification for hv.
        var second: BudgetMeasure = measures.contains(.meanRegret) ? .meanRegret : .mraPareto
        if let by = decision?.first?.decideBy {
            second = by == BudgetMeasure.hv.name ? .mraPareto : (measures.first { $0.name == by || $0.baseName == by } ?? second)
        }
        let shownMeasures = [BudgetMeasure.hv, second].filter(measures.contains)
        var shownCombos = combos
        if combos.count > 4 { shownCombos = (0..<4).map { combos[Int((Double($0) * Double(combos.count - 1) / 3).rounded())] } }
        var cells: [String: [Summary]] = [:]
        for r in rows {
            cells["\(Self.sweepLabel(r.sweepValues))\t\(r.strategy)\t\(r.budgetSeconds)\t\(r.measure.name)", default: []].append(r.summary)
        }
        // Many strategies: the first (the scenario's baseline, usually measuring) and the best
        // others by their mean of the second measure over budgets and settings.
        let allStrategies = strategies
        if strategies.count > Self.maxBudgetStrategies {
            let larger = second.direction == .higherIsBetter
            func score(_ strategy: String) -> Double {
                let means = rows.filter { $0.strategy == strategy && $0.measure == second }.map(\.summary.mean).filter(\.isFinite)
                guard !means.isEmpty else { return .infinity }
                let m = means.reduce(0, +) / Double(means.count)
                return larger ? -m : m
            }
            let ranked = strategies.dropFirst().sorted { score($0) < score($1) }.prefix(Self.maxBudgetStrategies - 1)
            strategies = strategies.filter { $0 == strategies[0] || ranked.contains($0) }
        }
        // Strategies often coincide (before a predictor is ready it measures like measure-only):
        // earlier strategies are drawn wider and with larger markers, so a later one on top of
        // them leaves them visible around it.
        func style(_ i: Int) -> SeriesStyle {
            var style = ChartPalette.seriesStyle(i)
            let under = Double(strategies.count - 1 - i)
            style.lineWidth = 1.6 + 1.1 * under
            style.markerSize = 6 + 2.5 * under
            return style
        }
        func series(_ combo: String, _ measure: BudgetMeasure) -> [Series] {
            strategies.enumerated().map { i, strategy in
                let stats = budgets.map { PooledStatistics(cells["\(combo)\t\(strategy)\t\($0)\t\(measure.name)"] ?? []) }
                return Series(
                    name: strategy, points: zip(budgets, stats).map { ($0 / 3600, $1.mean) },
                    band: Band(lower: stats.map(\.ci95Low), upper: stats.map(\.ci95High), label: "95 % interval of the mean", opacity: 0.2),
                    style: style(i))
            }
        }
        if !shownMeasures.isEmpty {
            var panelRows: [[SVGDocument?]] = []
            for combo in shownCombos {
                panelRows.append(
                    shownMeasures.map { m in
                        let s = series(combo, m)
                        let range = Self.sharedRange(
                            s.flatMap { $0.points.map(\.y) + ($0.band?.lower ?? []) + ($0.band?.upper ?? []) },
                            includeZero: m != .hv)
                        let name = Self.measureName(m.name, metrics: metrics)
                        return LineChart(
                            title: name.prefix(1).uppercased() + name.dropFirst(),
                            subtitle: combo.isEmpty ? nil : combo, xLabel: "Simulated search budget (hours, log scale)",
                            yLabel: m == .hv ? Self.hypervolumeLabel(metrics) : "\(m.name) (percentage points)", xScale: .log10,
                            yRange: range,
                            series: s, legendPlacement: .hidden
                        ).document(width: Self.panelWidth - 40, height: Self.panelHeight - 40)
                    })
            }
            var caption =
                "Each line is one strategy, the mean over pairs and subset sizes; band: 95 % interval of the mean. Where strategies coincide, the earlier ones are drawn wider underneath. "
                + Self.hypervolumeUnit(metrics)
            if strategies.count < allStrategies.count {
                caption +=
                    " Showing \(strategies[0]) and the \(strategies.count - 1) best of the other \(allStrategies.count - 1) strategies by mean \(second.name) (all in budget.csv)."
            }
            if shownCombos.count < combos.count { caption += " Showing \(shownCombos.count) of \(combos.count) swept settings." }
            let figure = PanelFigure(
                title: "Time budget: quality of the selection against simulated search time",
                subtitle: label + (targets.count <= 2 ? " — " + targets.joined(separator: ", ") : ""), caption: caption, rows: panelRows,
                legend: .forSeries(series(shownCombos[0], shownMeasures[0])))
            add(
                "fig6-budget" + suffix, figure.document(), alt: "Budget curves",
                text:
                    "Hypervolume and \(Self.measureName(second.name, metrics: metrics)) against the simulated budget, per strategy (\(label))."
            )
        }
        addFrontExample(rows, budgets: budgets, strategies: strategies, label: label)
        addAnytime(rows, strategies: strategies, label: label, suffix: suffix)
        if let decision, !decision.isEmpty { addDecision(decision, label: label, suffix: suffix, measuring: measuring) }
    }

    /// What the budget measures mean, once per report: the reported front, the counts and
    /// `mean_regret`, with the Raspberry Pi and Pixel 3 questions as examples.
    static let budgetExplanation = """
        ## Time budget: what a strategy reports and how it is scored

        At every budget checkpoint a strategy reports a **front**, scored with true values:
        measuring at random (`measure: random`) reports the Pareto set of what it has measured; a
        predictor trusted without verification reports the Pareto set under its believed values
        (measured where measured, predicted elsewhere); a predictor with verification (`verify:
        selected` or `iterate`) reports the Pareto set of what it has measured, its predictions only
        choosing what to measure next. `n_selected` counts the front's members, `n_verified` those
        whose metric was measured, `n_measured` every measurement so far; `mra_all` is the MRA over
        the front, `mra_pareto` over the members that survive verifying the front with true values.

        Hypervolume alone can be gamed: a front padded with unverified architectures that look fast
        loses no hypervolume (dominated members add nothing), yet a person who deploys from it picks
        one of them. **Mean regret** (`mean_regret`, accuracy percentage points, lower is better)
        scores what that person gets: for a latency limit L learnt only after the search, they deploy
        the most accurate member whose believed value is within L; a pick truly within L × (1 +
        `limit_tolerance`) loses the best true accuracy within L minus its own (at least 0), a pick
        beyond it is worthless and loses max(best within L, its own accuracy), and no pick loses the
        best within L. The mean is over 19 limits, the 5th to 95th percentiles of the subset's true
        metric. `limit_tolerance` defaults to 2.5 × the measurement noise, so that a pick measured
        within its limit is not called a violation because of noise at the edge. Budget scenarios
        decide by mean regret unless they say otherwise.

        On the Raspberry Pi (`raspi4-predict-or-measure`) and the Pixel 3 (`pixel3-predict-or-measure`)
        the linear-regression predictor trusted without verification reports a dozen architectures
        it never measured and keeps most of the hypervolume, but its picks break their limits: its
        mean regret is tens of points where measuring, or verifying what the predictor selects, stays
        near one point (the sentences below give this report's numbers).
        """

    /// One sentence per budget run at its smallest budget: every strategy's front size, how
    /// much of it was measured, its hypervolume share and mean regret.
    mutating func addFrontExample(_ rows: [BudgetRow], budgets: [Double], strategies: [String], label: String) {
        guard let first = budgets.first, rows.contains(where: { $0.measure == .meanRegret }) else { return }
        func mean(_ strategy: String, _ measure: BudgetMeasure) -> Double {
            PooledStatistics(rows.filter { $0.strategy == strategy && $0.budgetSeconds == first && $0.measure == measure }.map(\.summary))
                .mean
        }
        if !sections.contains(Self.budgetExplanation) { sections.append(Self.budgetExplanation) }
        let parts = strategies.map { s -> String in
            let selected = mean(s, .nSelected), verified = mean(s, .nVerified)
            let measured = selected > 0 && verified >= selected ? "all measured" : "\(Self.fixed(verified, 1)) of them measured"
            return
                "\(s) reports \(Self.fixed(selected, 1)) architectures (\(measured)): hypervolume retained \(Self.fixed(mean(s, .hvRetained), 3)), "
                + "mean regret \(Self.fixed(mean(s, .meanRegret), 2)) points"
        }
        findings.append(
            "\(label), at the smallest budget (\(SVGFormat.number(first, maxDecimals: 2, grouping: true)) s; means over trials and any swept settings): "
                + parts.joined(separator: "; ") + ".")
    }

    /// Each strategy of a run's budget scenario (from the scenario text in `run.json`) and
    /// whether it measures without a predictor (``StrategySpec/measuresOnly``); empty when the
    /// run folder has no scenario text or it no longer parses.
    static func measuringStrategies(_ run: RunFolder) -> [String: Bool] {
        guard let text = run.scenarioText,
            let scenarios = try? Scenario.parse(text, file: run.scenarioFile ?? run.path + "/run.json")
        else { return [:] }
        var kinds: [String: Bool] = [:]
        for scenario in scenarios {
            guard case .budgetStudy(let study) = scenario.experiment else { continue }
            for s in study.budget.strategies { kinds[s.name] = s.measuresOnly }
        }
        return kinds
    }

    /// What a decision-map cell shows: the winner and its paired margin over its rival, the
    /// best strategy of the other kind (a measuring one when a predictor strategy wins, the best
    /// predictor strategy when a measuring one wins).
    struct DecisionCell: Equatable {
        /// The winner by the decision measure ("-": none has a value).
        var winner: String
        /// The strategy the margin is over; nil when there is none.
        var rival: String?
        /// Whether the rival is of the other kind; false when the run has no strategy of the
        /// other kind with a value (or its kinds are unknown), and the rival is the runner-up.
        var rivalIsOtherKind: Bool
        /// Winner − rival over the same trials.
        var margin: Summary?
        /// Whether the margin's 95 % interval excludes 0; a cell without it is a tie.
        var significant: Bool

        /// The cell's text: the winner, its margin (n.s. when not significant), the rival.
        var text: String {
            guard winner != "-" else { return "no value" }
            guard let rival, let margin else { return winner }
            return winner + "\n" + ReportBuilder.signed(margin.mean, 3) + (significant ? "" : " n.s.") + "\nvs " + rival
        }
    }

    /// The cell of decision row `r`: the margin over the best strategy of the other kind as
    /// `decision.csv` gives it (`other:*`, written when it is not the runner-up), else over the
    /// runner-up, which is then of the other kind (per `measuring`, the scenario's strategies)
    /// or, with no strategy of the other kind, the closest of its own.
    static func decisionCell(_ r: DecisionRow, measuring: [String: Bool]) -> DecisionCell {
        func significant(_ m: Summary) -> Bool { m.n > 1 && (m.ci95Low > 0 || m.ci95High < 0) }
        guard r.winner != "-" else {
            return DecisionCell(winner: "-", rival: nil, rivalIsOtherKind: false, margin: nil, significant: false)
        }
        if let other = r.otherKind, let m = r.otherKindMargin {
            return DecisionCell(winner: r.winner, rival: other, rivalIsOtherKind: true, margin: m, significant: significant(m))
        }
        guard let runnerUp = r.runnerUp, let m = r.margin else {
            return DecisionCell(winner: r.winner, rival: nil, rivalIsOtherKind: false, margin: nil, significant: false)
        }
        let otherKind = measuring[r.winner].map { w in measuring[runnerUp].map { $0 != w } ?? false } ?? false
        return DecisionCell(winner: r.winner, rival: runnerUp, rivalIsOtherKind: otherKind, margin: m, significant: significant(m))
    }

    /// The row keys, categories, cells and texts of a decision map (one row per swept setting
    /// or target, one column per budget).
    struct DecisionMapData {
        var rowKeys: [String]
        var budgets: [Double]
        var categories: [String]
        var cells: [[String]]
        var texts: [[String]]
    }

    /// The label of ties in the decision map.
    static let decisionTie = "no significant winner"

    static func decisionMap(_ rows: [DecisionRow], rowKey: (DecisionRow) -> String, measuring: [String: Bool]) -> DecisionMapData {
        var rowKeys: [String] = []
        for r in rows where !rowKeys.contains(rowKey(r)) { rowKeys.append(rowKey(r)) }
        let budgets = Array(Set(rows.map(\.budgetSeconds))).sorted()
        let decided = rows.map { decisionCell($0, measuring: measuring) }
        // A winner whose margin is not significant is a tie: drawn grey, the leader still named.
        var strategies: [String] = []
        for c in decided where c.significant && !strategies.contains(c.winner) { strategies.append(c.winner) }
        let categories = strategies + (decided.contains { !$0.significant } ? [decisionTie] : [])
        var cells = [[String]](repeating: [String](repeating: "", count: budgets.count), count: rowKeys.count)
        var texts = cells
        for (r, c) in zip(rows, decided) {
            let i = rowKeys.firstIndex(of: rowKey(r))!, j = budgets.firstIndex(of: r.budgetSeconds)!
            cells[i][j] = c.significant ? c.winner : decisionTie
            texts[i][j] = c.text
        }
        return DecisionMapData(rowKeys: rowKeys, budgets: budgets, categories: categories, cells: cells, texts: texts)
    }

    mutating func addDecision(_ rows: [DecisionRow], label: String, suffix: String, measuring: [String: Bool] = [:]) {
        let targets = Array(Set(rows.map { "\($0.dataset) / \($0.metric), N = \(Self.size($0.subsetSize))" }))
        // Several swept keys: each by its last part (`predictors.p.train_samples` → `train_samples`).
        func rowKey(_ r: DecisionRow) -> String {
            let sweep =
                r.sweepValues.count == 1
                ? r.sweepValues[0].value
                : r.sweepValues.map { "\($0.key.split(separator: ".").last.map(String.init) ?? $0.key) = \($0.value)" }.joined(
                    separator: ", ")
            let target = "\(r.dataset) / \(r.metric), N = \(Self.size(r.subsetSize))"
            if targets.count > 1 { return sweep.isEmpty ? target : "\(target): \(sweep)" }
            return sweep.isEmpty ? target : sweep
        }
        let data = Self.decisionMap(rows, rowKey: rowKey, measuring: measuring)
        let rowKeys = data.rowKeys
        let tieCount = data.categories.last == Self.decisionTie ? 1 : 0
        let colors =
            ChartPalette.categoryColors(count: data.categories.count - tieCount) + (tieCount == 1 ? ["#d9d9d9"] : [])
        let sweepKeys = rows[0].sweepValues.map(\.key)
        let decideBy = Array(Set(rows.map(\.decideBy))).sorted().joined(separator: ", ")
        let kinds = Set(measuring.values)
        let oneKind = !measuring.isEmpty && kinds.count == 1
        let rivalText =
            oneKind
            ? "under it, its margin over the runner-up, named (the scenario's strategies are all of one kind)"
            : "under it, its margin over the best strategy of the other kind, named: the best measuring one (without a predictor, searching ones included) "
                + "when a predictor strategy wins, the best predictor strategy when a measuring one wins (the runner-up where the other kind has no value)"
        let map = CategoryMap(
            title: "Which strategy wins at each budget",
            subtitle: label + (targets.count == 1 ? " — " + targets[0] : ""),
            caption:
                "Cell: the strategy with the best mean \(decideBy); \(rivalText), paired over the same trials (decision.csv's other:* columns). "
                + "n.s.: its 95 % interval includes 0, a tie, drawn grey. The table below gives the margin over the runner-up.",
            xLabel: "Simulated search budget",
            yLabel: sweepKeys.count == 1
                ? sweepKeys[0] : sweepKeys.map { $0.split(separator: ".").last.map(String.init) ?? $0 }.joined(separator: " × "),
            columnLabels: data.budgets.map(DecisionTable.duration), rowLabels: rowKeys,
            cells: data.cells, cellText: data.texts, categories: data.categories, colors: colors)
        // Cells at least 44 px tall, grown until every label fits at 9 px.
        let size = map.fittedSize(width: 760, height: 240 + 52 * Double(rowKeys.count))
        add(
            "fig7-decision" + suffix, map.document(width: size.width, height: size.height), alt: "Decision map",
            text:
                "The winning strategy per budget\(sweepKeys.isEmpty ? "" : " and swept setting") and its margin over the best strategy of the other kind (\(label))."
        )

        // Table and sentences.
        var lines = [
            "## Time budget: decisions (\(label))", "",
            "| setting | budget (s) | winner (by \(decideBy)) | margin (95 % interval) | runner-up | significant | over the other kind | winner changed | other measures favour |",
            "|---|---:|---|---|---|---|---|---|---|"
        ]
        // The margin over the best of the other kind when it is not the runner-up ("runner-up": it is).
        func otherKindText(_ r: DecisionRow) -> String {
            let c = Self.decisionCell(r, measuring: measuring)
            guard c.rivalIsOtherKind, let rival = c.rival, let m = c.margin else { return "–" }
            guard rival != r.runnerUp else { return "runner-up" }
            return "\(Self.signed(m.mean, 3)) over \(rival) (\(Self.fixed(m.ci95Low, 3)) to \(Self.fixed(m.ci95High, 3)))"
        }
        for r in rows.prefix(80) {
            let disagree = r.disagreements.map { "\($0.measure): \($0.winner)" }.joined(separator: ", ")
            lines.append(
                "| \(rowKey(r)) | \(SVGFormat.number(r.budgetSeconds, maxDecimals: 2, grouping: true)) | \(r.winner) | "
                    + "\(Self.signed(r.marginMean, 3)) (\(Self.fixed(r.marginLow, 3)) to \(Self.fixed(r.marginHigh, 3))) | \(r.runnerUp ?? "-") | "
                    + "\(r.significant ? "yes" : "no") | \(otherKindText(r)) | \(r.winnerChanged ? "yes" : "no") | \(disagree.isEmpty ? "the same" : disagree) |"
            )
        }
        if rows.count > 80 { lines += ["", "(\(rows.count - 80) more rows in decision.csv)"] }
        sections.append(lines.joined(separator: "\n"))
        for key in rowKeys.prefix(4) {
            let mine = rows.filter { rowKey($0) == key }.sorted { $0.budgetSeconds < $1.budgetSeconds }
            guard let last = mine.last else { continue }
            let changes = mine.filter(\.winnerChanged).map { SVGFormat.number($0.budgetSeconds, maxDecimals: 2, grouping: true) + " s" }
            var sentence =
                "\(label), \(key): at the largest budget (\(SVGFormat.number(last.budgetSeconds, maxDecimals: 2, grouping: true)) s) \(last.winner) wins on \(last.decideBy) by \(Self.signed(last.marginMean, 3))"
            sentence += last.significant ? "" : " (not significant)"
            if let other = last.otherKind, let m = last.otherKindMargin {
                let sig = m.n > 1 && (m.ci95Low > 0 || m.ci95High < 0)
                sentence +=
                    ", and over \(other), the best strategy of the other kind, by \(Self.signed(m.mean, 3)) "
                    + "(\(Self.fixed(m.ci95Low, 3)) to \(Self.fixed(m.ci95High, 3))\(sig ? "" : ", not significant"))"
            }
            sentence += changes.isEmpty ? "; the winner never changes." : "; the winner changes at \(changes.joined(separator: ", "))."
            findings.append(sentence)
        }
    }

    // MARK: Markdown

    func markdown(pngs: Set<String>) -> String {
        var out = "# HWNASSim report\n\n"
        out +=
            "Generated by `hwnas-sim report` (HWNASSim \(HWNASSimVersion.string)) from \(folders.count) run folder\(folders.count == 1 ? "" : "s"):\n\n"
        for (run, label) in folders {
            var line = "- **\(label)**"
            if let s = studies.first(where: { $0.label == label }) { line += ": " + s.description }
            if run.budget != nil { line += s(studies.contains { $0.label == label }) + "time-budget study" }
            if let f = run.scenarioFile { line += " (scenario `\((f as NSString).lastPathComponent)`)" }
            out += line + "\n"
        }
        if studies.contains(where: \.hasSweep) {
            out += "\nSome summary rows carry sweep columns; the study figures pool over the swept values.\n"
        }
        out += "\n## Figures\n\n"
        for (i, f) in figureEntries.enumerated() {
            let file = pngs.contains(f.name) ? f.name + ".png" : f.name + ".svg"
            out += "\(i + 1). \(f.text) ![\(f.alt)](\(file))\n"
        }
        if !findings.isEmpty {
            out += "\n## Findings\n\n" + findings.map { "- " + $0 }.joined(separator: "\n") + "\n"
        }
        if !studies.isEmpty { out += "\n## Headline numbers\n" }
        for section in sections { out += "\n" + section + "\n" }
        if !notes.isEmpty { out += "\n## Notes\n\n" + notes.map { "- " + $0 }.joined(separator: "\n") + "\n" }
        return out
    }

    private func s(_ hasStudy: Bool) -> String { hasStudy ? "; " : ": " }
}
