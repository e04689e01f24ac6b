// SPDX-License-Identifier: GPL-3.0-or-later
//
// `hwnas-sim report`: turns run folders into figures (SVG, and PNG through rsvg-convert
// when it is installed) and a Markdown page. The same inputs give byte-identical files:
// no dates, no absolute paths, fixed number formatting, fixed iteration orders.

import Foundation
import HWNASSim
import SVGCharts

/// Mean, pooled spread and interval of a measure over several cells (pairs × sizes) of equal n.
///
/// - `mean`: the mean of the cell means (the study's curves).
/// - `sd`: the sd of all trials of all cells pooled,
///   `sqrt(mean over cells of (sd_c² + (mean_c − mean)²))`.
/// - `se`: the standard error of `mean`, `sqrt(Σ se_c²) / C`.
/// - `ci95`: `mean ± 1.96 se`; with one cell, that cell's own (t-based) interval.
///
/// Cells with no values (n = 0) are left out. With unequal n the pooled sd is approximate.
public struct PooledStatistics: Equatable, Sendable {
    public var cells: Int
    public var mean: Double
    public var sd: Double
    public var se: Double
    public var ci95Low: Double
    public var ci95High: Double

    public init(_ summaries: [Summary]) {
        let used = summaries.filter { $0.n > 0 && $0.mean.isFinite }
        cells = used.count
        guard !used.isEmpty else {
            (mean, sd, se, ci95Low, ci95High) = (.nan, .nan, .nan, .nan, .nan)
            return
        }
        let c = Double(used.count)
        let m = used.reduce(0) { $0 + $1.mean } / c
        mean = m
        let variance = used.reduce(0) { $0 + $1.sd * $1.sd + ($1.mean - m) * ($1.mean - m) } / c
        sd = variance.squareRoot()
        se = used.reduce(0) { $0 + $1.se * $1.se }.squareRoot() / c
        if used.count == 1, used[0].ci95Low.isFinite, used[0].ci95High.isFinite {
            ci95Low = used[0].ci95Low
            ci95High = used[0].ci95High
        } else {
            ci95Low = m - 1.96 * se
            ci95High = m + 1.96 * se
        }
    }
}

/// Options of `hwnas-sim report`.
public struct ReportOptions: Sendable {
    /// Folder the figures and `README.md` go to.
    public var outDirectory: String
    /// Published curves (`curve,subset_size,std,measure,value`), optional.
    public var publishedFile: String?
    /// Ground-truth folder, for re-running the trial of figure 4.
    public var dataDirectory: String
    /// Convert SVGs to PNG with rsvg-convert when it is installed.
    public var renderPNG: Bool
    /// Write into a folder that already holds files (`--force`); figures and `README.md` of an
    /// earlier report there that this one does not write are removed, so none is left stale.
    public var force: Bool

    public init(
        outDirectory: String, publishedFile: String? = nil, dataDirectory: String, renderPNG: Bool = true, force: Bool = false
    ) {
        self.outDirectory = outDirectory
        self.publishedFile = publishedFile
        self.dataDirectory = dataDirectory
        self.renderPNG = renderPNG
        self.force = force
    }
}

/// What `StudyReport.write` produced.
public struct ReportResult: Sendable {
    /// Files written, relative to the output folder, in writing order.
    public var files: [String]
    /// Remarks (figures skipped and why), also listed in the page.
    public var notes: [String]
    /// A short text for the terminal.
    public var text: String
}

/// One published value: `curve,subset_size,std,measure,value`.
public struct PublishedValue: Sendable, Equatable {
    public var curve: String
    /// nil for `all`.
    public var subsetSize: Int?
    public var std: Double
    public var measure: String
    public var value: Double

    /// Reads a published-targets CSV.
    /// - Throws: ``InputError`` (file, line, column) for a missing column, a bad number or
    ///   size, or a point (curve, subset_size, std, measure) given twice.
    public static func read(path: String) throws -> [PublishedValue] {
        let table = try CSVTable(contentsOf: path)
        let columns = ["curve", "subset_size", "std", "measure", "value"]
        var index: [String: Int] = [:]
        for name in columns { index[name] = try table.column(name, role: name) }
        var seen: [String: Int] = [:]
        return try (0..<table.rowCount).map { r in
            let value = try parse(table: table, index: index, row: r)
            let key = "\(value.curve)\t\(value.subsetSize.map(String.init) ?? "all")\t\(value.std)\t\(value.measure)"
            if let first = seen[key] {
                throw InputError(
                    file: path, line: table.lineOfRow[r], key: "measure",
                    "the point (\(value.curve), subset_size \(value.subsetSize.map(String.init) ?? "all"), std \(Format.number(value.std)), \(value.measure)) is given twice, on lines \(first) and \(table.lineOfRow[r])"
                )
            }
            seen[key] = table.lineOfRow[r]
            return value
        }
    }

    static func parse(table: CSVTable, index: [String: Int], row r: Int) throws -> PublishedValue {
        let f = SummaryReader.Fields(table: table, index: index, row: r)
        let sizeText = f.string("subset_size").trimmingCharacters(in: .whitespaces)
        var size: Int? = nil
        if sizeText != "all" {
            guard let s = Int(sizeText) else { throw f.error("subset_size", "'\(sizeText)' is neither a whole number nor 'all'") }
            size = s
        }
        return PublishedValue(
            curve: try f.nonEmpty("curve"), subsetSize: size, std: try f.number("std", allowEmpty: false),
            measure: try f.nonEmpty("measure"), value: try f.number("value", allowEmpty: false))
    }
}

/// Lookup structure over a run's summary rows.
struct RunData {
    let run: RunFolder
    /// Display name, unique among the report's runs.
    var label: String
    let pairs: [(dataset: String, metric: String)]
    let sizes: [Int]
    let levels: [Double]
    let measures: [String]
    let pairings: [String]
    let noise: String
    let hasSweep: Bool
    private let cells: [String: [Summary]]

    init(run: RunFolder, label: String) {
        self.run = run
        self.label = label
        var pairs: [(dataset: String, metric: String)] = []
        var sizes = Set<Int>(), levels = Set<Double>()
        var measures: [String] = [], pairings: [String] = [], noises: [String] = []
        var cells: [String: [Summary]] = [:]
        for r in run.summary {
            if !pairs.contains(where: { $0.dataset == r.dataset && $0.metric == r.metric }) { pairs.append((r.dataset, r.metric)) }
            sizes.insert(r.subsetSize)
            levels.insert(r.level)
            if !measures.contains(r.measure) { measures.append(r.measure) }
            if !pairings.contains(r.pairing.rawValue) { pairings.append(r.pairing.rawValue) }
            if !noises.contains(r.noise.rawValue) { noises.append(r.noise.rawValue) }
            cells[Self.key(r.dataset, r.metric, r.subsetSize, r.level, r.measure), default: []].append(r.summary)
        }
        self.pairs = pairs
        self.sizes = sizes.sorted()
        self.levels = levels.sorted()
        self.measures = measures
        self.pairings = pairings
        self.noise = noises.joined(separator: ", ")
        self.hasSweep = run.summary.contains { !$0.sweepValues.isEmpty }
        self.cells = cells
    }

    static func key(_ dataset: String, _ metric: String, _ size: Int, _ level: Double, _ measure: String) -> String {
        "\(dataset)\t\(metric)\t\(size)\t\(level)\t\(measure)"
    }

    /// The cells' summaries of `measure` at `level`, restricted to a pair and/or a size.
    func summaries(_ measure: String, level: Double, pair: (dataset: String, metric: String)? = nil, size: Int? = nil) -> [Summary] {
        var out: [Summary] = []
        for p in pairs where pair == nil || (p.dataset == pair!.dataset && p.metric == pair!.metric) {
            for s in sizes where size == nil || s == size! {
                out += cells[Self.key(p.dataset, p.metric, s, level, measure)] ?? []
            }
        }
        return out
    }

    func pooled(_ measure: String, level: Double, pair: (dataset: String, metric: String)? = nil, size: Int? = nil) -> PooledStatistics {
        PooledStatistics(summaries(measure, level: level, pair: pair, size: size))
    }

    var isKendallNoise: Bool { noise == NoiseModelKind.kendallTau.rawValue }
    var xLabel: String { isKendallNoise ? "Target Kendall τ of the predictor" : "Predictor noise std (z units)" }
    var levelName: String { isKendallNoise ? "target τ" : "std" }

    /// "5 pairs × 6 subset sizes, 100 trials per cell, pairing paper-sorted".
    var description: String {
        var parts = ["\(pairs.count) pair\(pairs.count == 1 ? "" : "s") × \(sizes.count) subset size\(sizes.count == 1 ? "" : "s")"]
        if let n = run.trials { parts.append("\(n) trials per cell") }
        parts.append("pairing \(pairings.joined(separator: "/"))")
        parts.append("noise \(noise)")
        return parts.joined(separator: ", ")
    }
}

/// Builds the report.
public enum StudyReport {
    static let png = "png"

    /// Reads `runs`, writes the figures and `README.md` into `options.outDirectory`.
    public static func write(runs paths: [String], options: ReportOptions) throws -> ReportResult {
        guard !paths.isEmpty else { throw InputError(key: "RUN_DIR", "give at least one run folder") }
        let folders = try paths.map(SummaryReader.readRun)
        let published = try options.publishedFile.map(PublishedValue.read)
        try ensureEmptyOrForced(options)
        try ScenarioRunner.ensureWritable(options.outDirectory)

        // Unique display labels.
        var labels: [String] = []
        for f in folders {
            var label = f.name
            if labels.contains(label) || folders.filter({ $0.name == f.name }).count > 1 {
                let base = ((f.path.hasSuffix("/") ? String(f.path.dropLast()) : f.path) as NSString).lastPathComponent
                label = "\(f.name) (\(base))"
            }
            var unique = label, k = 2
            while labels.contains(unique) {
                unique = "\(label) #\(k)"
                k += 1
            }
            labels.append(unique)
        }
        // A trained study (rows with a predictor) gets its own figure, not the noise-level ones.
        let studies = zip(folders, labels).compactMap { f, l in
            f.summary.isEmpty || f.summary.contains { $0.predictor != nil } ? nil : RunData(run: f, label: l)
        }

        var builder = ReportBuilder(options: options, studies: studies, folders: Array(zip(folders, labels)), published: published)
        try builder.build()
        let converter = options.renderPNG ? PNGConverter.find() : nil
        var files: [String] = []
        var pngs: Set<String> = []
        for figure in builder.figures {
            let svgPath = options.outDirectory + "/" + figure.name + ".svg"
            try AtomicFile.write(figure.svg, to: svgPath)
            files.append(figure.name + ".svg")
            if let converter {
                _ = try converter.writePNG(besideSVG: svgPath)
                files.append(figure.name + ".png")
                pngs.insert(figure.name)
            }
        }
        if options.renderPNG && converter == nil {
            builder.notes.append(
                "rsvg-convert was not found, so the figures are SVG only: install it (Debian/Ubuntu `apt-get install librsvg2-bin`, macOS `brew install librsvg`, or `make rsvg`) and run `hwnas-sim report` again for PNGs."
            )
        }
        let page = builder.markdown(pngs: pngs)
        try AtomicFile.write(page, to: options.outDirectory + "/README.md")
        files.append("README.md")
        removeStale(in: options.outDirectory, keeping: Set(files), force: options.force)
        var text = "wrote \(files.count) files to \(options.outDirectory): \(files.joined(separator: ", "))\n"
        for n in builder.notes { text += "note: \(n)\n" }
        return ReportResult(files: files, notes: builder.notes, text: text)
    }
}

extension StudyReport {
    /// Refuses an output folder that already holds files unless `options.force` is set.
    /// - Throws: ``InputError`` naming the folder and `--out`, and how to go on.
    static func ensureEmptyOrForced(_ options: ReportOptions) throws {
        guard !options.force else { return }
        let present = (try? FileManager.default.contentsOfDirectory(atPath: options.outDirectory)) ?? []
        let visible = present.filter { !$0.hasPrefix(".") }.sorted()
        guard let first = visible.first else { return }
        throw InputError(
            file: options.outDirectory, key: "--out",
            "the output folder is not empty (\(visible.count) file\(visible.count == 1 ? "" : "s"), e.g. \(first)); give an empty or new folder, or --force to write into it (earlier figures it does not rewrite are then removed)"
        )
    }

    /// With `force`, deletes the figures (`fig*.svg`, `fig*.png`) an earlier report left in
    /// `directory` that this one did not write; nothing else is touched.
    static func removeStale(in directory: String, keeping written: Set<String>, force: Bool) {
        guard force, let present = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in present where name.hasPrefix("fig") && (name.hasSuffix(".svg") || name.hasSuffix(".png")) && !written.contains(name) {
            try? FileManager.default.removeItem(atPath: directory + "/" + name)
        }
    }
}

extension PNGConverter {
    /// ``writeBeside(svgPath:)`` with a failed conversion reported as the project's input error
    /// (exit status 2), naming the file.
    func writePNG(besideSVG svgPath: String) throws -> String {
        do { return try writeBeside(svgPath: svgPath) } catch let e as PNGConversionError {
            throw InputError(file: e.file, e.message)
        }
    }
}
