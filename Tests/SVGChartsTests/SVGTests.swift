// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

@testable import SVGCharts

#if canImport(FoundationXML)
    import FoundationXML
#endif

// MARK: - Helpers

/// Collects element names, attributes and text of an XML document; records parse errors.
final class XMLCollector: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    var texts: [String] = []
    var currentText = ""
    var error: Error?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements.append((elementName, attributes))
        currentText = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { currentText += string }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if elementName == "text" || elementName == "title" { texts.append(currentText) }
        currentText = ""
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }
}

/// Parses `svg`; returns the collector and whether parsing succeeded.
func parseSVG(_ svg: String) -> (ok: Bool, collector: XMLCollector) {
    let collector = XMLCollector()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = collector
    let ok = parser.parse()
    return (ok && collector.error == nil, collector)
}

/// Text contents of the `<text>` elements inside the group with the given id.
func texts(inGroup id: String, of svg: String) -> [String] {
    guard let start = svg.range(of: "<g id=\"\(id)\"") else { return [] }
    guard let end = svg.range(of: "</g>", range: start.upperBound..<svg.endIndex) else { return [] }
    let body = svg[start.upperBound..<end.lowerBound]
    var result: [String] = []
    var rest = body[...]
    while let open = rest.range(of: "<text") {
        guard let close = rest.range(of: ">", range: open.upperBound..<rest.endIndex),
            let finish = rest.range(of: "</text>", range: close.upperBound..<rest.endIndex)
        else { break }
        result.append(String(rest[close.upperBound..<finish.lowerBound]))
        rest = rest[finish.upperBound...]
    }
    return result
}

// MARK: - Example charts (also rendered to files for visual checks)

enum ExampleCharts {
    static let noise: [Double] = (0...10).map { Double($0) / 10 }

    static func lossChart(seriesCount: Int = 4) -> LineChart {
        let names = ["Random search", "Predictor top-k", "Predictor + verify 5 %", "Predictor + verify 20 %", "Oracle", "Evolution"]
        let series = (0..<seriesCount).map { s -> Series in
            let scale = [2.2, 1.6, 1.0, 0.6, 0.05, 1.9][s]
            let ys = noise.map { x in scale * x * x + 0.05 * Double(s) }
            let sd = noise.map { x in 0.08 + 0.25 * x * scale / 2 }
            let ci = sd.map { $0 * 0.4 }
            return Series(
                name: names[s], points: zip(noise, ys).map { ($0, $1) },
                band: Band(lower: zip(ys, sd).map { $0 - $1 }, upper: zip(ys, sd).map { $0 + $1 }, label: "±1 sd"),
                secondBand: Band(lower: zip(ys, ci).map { $0 - $1 }, upper: zip(ys, ci).map { $0 + $1 }, label: "95 % CI of mean"))
        }
        let taus = noise.map { x in 1 / (1 + 1.6 * x * x) }
        return LineChart(
            title: "Accuracy loss vs predictor noise",
            subtitle: "NAS-Bench-201, CIFAR-10, 30 seeds per cell",
            caption:
                "Bands: light = ±1 sd across seeds, dark = 95 % confidence interval of the mean. Under each noise level: mean Kendall τ between predicted and true accuracy. Loss is measured against the true Pareto front.",
            xLabel: "Predictor noise σ (standard deviations of true accuracy)",
            yLabel: "Accuracy loss (percentage points)",
            xTicks: zip(noise, taus).map {
                AxisTick(
                    value: $0, label: SVGFormat.number($0, maxDecimals: 1),
                    secondLine: "τ " + SVGFormat.number($1, maxDecimals: 2, minDecimals: 2))
            },
            yIncludesZero: true,
            series: series)
    }

    static func hypervolumeChart() -> LineChart {
        let budgets: [Double] = [1_800, 3_600, 7_200, 14_400, 28_800, 57_600, 86_400, 172_800, 259_200]
        let series = (0..<3).map { s -> Series in
            let ys = budgets.map { b in 2.8 + (1.5 - 0.3 * Double(s)) * (1 - exp(-b / 40_000)) }
            return Series(
                name: ["Predictor + verify", "Predictor only", "Random search"][s], points: zip(budgets, ys).map { ($0, $1) },
                band: Band(lower: ys.map { $0 - 0.06 }, upper: ys.map { $0 + 0.06 }, label: "95 % CI"))
        }
        return LineChart(
            title: "Hypervolume vs search budget", xLabel: "Search budget (s, log scale)", yLabel: "Hypervolume",
            xScale: .log10, series: series)
    }

    static func subsetChart() -> LineChart {
        let sizes: [Double] = [100, 250, 625, 1_562, 3_906, 9_765, 15_625]
        let names = ["Kendall τ of predictor trained on the subset, evaluated on all architectures", "Spearman ρ"]
        return LineChart(
            title: "Predictor quality vs training-subset size", xLabel: "Architectures trained (log scale)",
            yLabel: "Rank correlation", xScale: .log10, yRange: 0...1,
            series: names.indices.map { s in
                Series(name: names[s], points: sizes.map { ($0, min(1.05, 0.3 + 0.15 * log10($0) - 0.1 * Double(s))) })
            },
            legendPlacement: .automatic)
    }

    static func scatterChart(legendPlacement: LegendPlacement = .automatic) -> ScatterChart {
        // A deterministic pseudo-random cloud of 15,625 architectures.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var cloud: [ChartPoint] = []
        for _ in 0..<15_625 {
            let latency = -1 + 7 * pow(next(), 2.2)
            let accuracy = min(0.48, max(0, 0.1 + 0.05 * (latency + 1) + 0.12 * (next() - 0.5) + 0.08 * next()))
            cloud.append(ChartPoint(latency, accuracy))
        }
        var front: [ChartPoint] = []
        var best = -1.0
        for p in cloud.sorted(by: { $0.x < $1.x }) where p.y > best {
            best = p.y
            front.append(p)
        }
        let predicted = stride(from: 0, to: front.count, by: 2).map { ChartPoint(front[$0].x + 0.15, front[$0].y - 0.02) }
        let verified = stride(from: 1, to: front.count, by: 3).map { front[$0] }
        return ScatterChart(
            title: "Selected architectures on the accuracy–latency plane",
            caption:
                "Grey: all 15,625 architectures. Black staircase: true Pareto front. Open diamonds: predicted selection; filled triangles: after verification.",
            xLabel: "Latency (z-score on target device)", yLabel: "Test accuracy (fraction)",
            layers: [
                .background(name: "All architectures", points: cloud),
                .front(name: "True Pareto front", points: front),
                .markers(name: "Predicted selection", points: predicted, color: "#e08214", marker: .diamond, size: 9, filled: false),
                .markers(name: "Verified selection", points: verified, color: "#08306b", marker: .triangle, size: 9)
            ],
            legendPlacement: legendPlacement)
    }

    static func categoryMap() -> CategoryMap {
        let budgets = ["1 h", "2 h", "4 h", "8 h", "16 h", "24 h", "48 h", "72 h"]
        let taus = ["τ 0.95", "τ 0.9", "τ 0.8", "τ 0.7", "τ 0.6", "τ 0.4"]
        let options = ["Predictor only", "Predictor + verify", "Random search", "Full training"]
        let cells = taus.indices.map { r in
            budgets.indices.map { c -> String in
                let score = Double(c) * 0.6 - Double(r) * 0.9
                if score > 2.5 { return options[3] }
                if score > 0 { return options[1] }
                if r < 3 { return options[0] }
                return options[2]
            }
        }
        return CategoryMap(
            title: "Recommended strategy by predictor quality and budget",
            caption: "Each cell names the strategy with the lowest mean accuracy loss (30 seeds).",
            xLabel: "Search budget (GPU-hours)", yLabel: "Predictor quality (Kendall τ)",
            columnLabels: budgets, rowLabels: taus, cells: cells, categories: options)
    }
}

// MARK: - Tests

@Suite("SVG output")
struct SVGTests {
    @Test("number formatting is fixed-point, trimmed and never -0")
    func numberFormatting() {
        #expect(SVGFormat.number(0.1 + 0.2, maxDecimals: 3) == "0.3")
        #expect(SVGFormat.number(1.0, maxDecimals: 2) == "1")
        #expect(SVGFormat.number(-0.0001, maxDecimals: 2) == "0")
        #expect(SVGFormat.number(-1.25, maxDecimals: 1) == "-1.3")
        #expect(SVGFormat.number(259_200, maxDecimals: 0, grouping: true) == "259,200")
        #expect(SVGFormat.number(-2, maxDecimals: 0, unicodeMinus: true) == "\u{2212}2")
        #expect(SVGFormat.number(.nan) == "0")
        #expect(SVGFormat.number(123.456789, maxDecimals: 3) == "123.457")
        #expect(SVGFormat.number(0.05, maxDecimals: 2) == "0.05")
        #expect(SVGFormat.number(0.8, maxDecimals: 2, minDecimals: 2) == "0.80")
        #expect(SVGFormat.number(1, maxDecimals: 2, minDecimals: 2) == "1.00")
        #expect(SVGFormat.number(0, maxDecimals: 1, minDecimals: 1) == "0.0")
    }

    @Test("text is XML-escaped")
    func escaping() {
        #expect(SVGFormat.escape("a<b & c>\"d\" 'e'") == "a&lt;b &amp; c&gt;&quot;d&quot; &apos;e&apos;")
        #expect(SVGFormat.escape("bell\u{07}") == "bell")
    }

    @Test("document has declaration, size, viewBox, background and font")
    func documentBasics() {
        var document = SVGDocument(width: 200, height: 100, title: "T")
        document.add(.line(x1: 0, y1: 0, x2: 10, y2: 10, style: .stroke("#000000")))
        for shape in MarkerShape.allCases {
            document.add(SVGElement.marker(shape, cx: 50, cy: 50, size: 8, style: .fill("#123456")))
        }
        document.add(.text("x", x: 1, y: 2, style: SVGTextStyle(anchor: .middle, rotation: -90)))
        let svg = document.render()
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\""))
        #expect(svg.contains("width=\"200\" height=\"100\" viewBox=\"0 0 200 100\""))
        #expect(svg.contains("font-family=\"sans-serif\""))
        #expect(svg.contains("<rect x=\"0\" y=\"0\" width=\"200\" height=\"100\" fill=\"#ffffff\"/>"))
        #expect(svg.contains("transform=\"rotate(-90 1 2)\""))
        #expect(parseSVG(svg).ok)
    }

    @Test("line chart is valid XML with axes, ticks and one legend entry per series")
    func lineChartStructure() {
        let chart = LineChart(
            title: "Loss", xLabel: "x (units)", yLabel: "y (units)",
            series: [
                Series(name: "A", points: [(0, 0.013), (0.5, 0.5), (1, 0.987)]),
                Series(name: "B", points: [(0, 0.2), (1, 0.4)], band: Band(lower: [0.1, 0.3], upper: [0.3, 0.5])),
                Series(name: "C", points: [(0, 0.9), (1, 0.1)])
            ])
        let svg = chart.render(width: 640, height: 400)
        let parsed = parseSVG(svg)
        #expect(parsed.ok)
        #expect(parsed.collector.elements.first?.name == "svg")
        let ids = parsed.collector.elements.compactMap { $0.attributes["id"] }
        #expect(ids.contains("x-axis"))
        #expect(ids.contains("y-axis"))
        #expect(texts(inGroup: "x-ticks", of: svg) == ["0", "0.2", "0.4", "0.6", "0.8", "1"])
        #expect(texts(inGroup: "y-ticks", of: svg) == ["0", "0.2", "0.4", "0.6", "0.8", "1"])
        #expect(texts(inGroup: "legend", of: svg) == ["A", "B", "C"])
        #expect(parsed.collector.texts.contains("x (units)"))
        #expect(parsed.collector.texts.contains("y (units)"))
        #expect(svg.contains("<polygon"))  // the band
    }

    @Test("titles, labels and series names are escaped")
    func chartEscaping() {
        let nasty = "a<b & \"c\" 'd'>"
        let chart = LineChart(
            title: nasty, subtitle: nasty, caption: nasty, xLabel: nasty, yLabel: nasty,
            series: [Series(name: nasty, points: [(0, 1), (1, 2)])])
        let svg = chart.render()
        #expect(!svg.contains(nasty))
        #expect(svg.contains("a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"))
        let parsed = parseSVG(svg)
        #expect(parsed.ok)
        #expect(parsed.collector.texts.filter { $0 == nasty }.count >= 5)
    }

    @Test("same input gives a byte-identical document")
    func determinism() {
        #expect(ExampleCharts.lossChart().render() == ExampleCharts.lossChart().render())
        #expect(ExampleCharts.scatterChart().render() == ExampleCharts.scatterChart().render())
        #expect(ExampleCharts.categoryMap().render() == ExampleCharts.categoryMap().render())
        #expect(ExampleCharts.hypervolumeChart().render() == ExampleCharts.hypervolumeChart().render())
    }

    @Test("example charts parse and contain their parts")
    func examples() {
        let loss = ExampleCharts.lossChart(seriesCount: 6).render()
        #expect(parseSVG(loss).ok)
        let lossTicks = texts(inGroup: "x-ticks", of: loss)
        #expect(lossTicks.contains("0.2"))
        #expect(lossTicks.contains("τ 0.94"))
        #expect(lossTicks.contains("τ 1.00"))
        // Six series plus two band explanations.
        #expect(texts(inGroup: "legend", of: loss).count == 8)

        let hv = ExampleCharts.hypervolumeChart().render()
        #expect(parseSVG(hv).ok)
        #expect(texts(inGroup: "x-ticks", of: hv).contains("10,000"))

        let scatter = ExampleCharts.scatterChart().render()
        #expect(parseSVG(scatter).ok)
        #expect(scatter.utf8.count < 400_000)
        #expect(texts(inGroup: "legend", of: scatter).count == 4)
        #expect(texts(inGroup: "y-ticks", of: scatter) == ["0", "0.1", "0.2", "0.3", "0.4", "0.5"])
        #expect(texts(inGroup: "x-ticks", of: scatter) == ["0", "2", "4", "6"])

        let map = ExampleCharts.categoryMap().render()
        #expect(parseSVG(map).ok)
        #expect(texts(inGroup: "legend", of: map) == ["Predictor only", "Predictor + verify", "Random search", "Full training"])
        #expect(map.components(separatedBy: "<rect").count - 1 == 1 + 6 * 8 + 4)  // background, cells, legend swatches
    }

    @Test("palette lightness differs for the first six line colours")
    func paletteLightness() {
        let lines = ChartPalette.lines.prefix(6).map(ChartPalette.lightness).sorted()
        for (a, b) in zip(lines, lines.dropFirst()) { #expect(b - a >= 10) }
        #expect(lines.last! < 82)  // still visible on white
        let fills = ChartPalette.categoryFills.map(ChartPalette.lightness)
        for (a, b) in zip(fills, fills.dropFirst()) { #expect(a - b >= 5) }  // light → dark
        #expect(Set(ChartPalette.dashes.map { $0.map { SVGFormat.number($0) }.joined(separator: ",") }).count == 6)
        #expect(Set(ChartPalette.markers).count == 6)
        #expect(ChartPalette.categoryColors(count: 3) == ["#fee8c8", "#d6604d", "#08306b"])
        #expect(ChartPalette.textColor(on: "#08306b") == "#ffffff")
        #expect(ChartPalette.textColor(on: "#fee8c8") == "#111111")
    }
}

@Suite("Nice ticks")
struct NiceTicksTests {
    @Test("0.013…0.987 gives step 0.2 on 0…1")
    func unitRange() {
        let ticks = NiceTicks.linear(min: 0.013, max: 0.987)
        #expect(ticks.step == 0.2)
        #expect(ticks.values == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(ticks.labels == ["0", "0.2", "0.4", "0.6", "0.8", "1"])
        #expect(ticks.lower == 0 && ticks.upper == 1)
    }

    @Test("tick values equal their decimal literals")
    func exactValues() {
        let ticks = NiceTicks.linear(min: 0, max: 1, targetCount: 11)
        #expect(ticks.values[3] == 0.3)
        #expect(ticks.labels[3] == "0.3")
        #expect(ticks.values[7] == 0.7)
    }

    @Test("typical ranges")
    func typicalRanges() {
        let loss = NiceTicks.linear(min: 0, max: 2.5)
        #expect(loss.values == [0, 0.5, 1, 1.5, 2, 2.5])
        let hv = NiceTicks.linear(min: 2.8, max: 4.3)
        #expect(hv.labels == ["2.5", "3", "3.5", "4", "4.5"])
        let z = NiceTicks.linear(min: -1, max: 6)
        #expect(z.labels == ["\u{2212}2", "0", "2", "4", "6"])
        let quarter = NiceTicks.linear(min: 0, max: 1, targetCount: 5)
        #expect(quarter.labels == ["0", "0.25", "0.5", "0.75", "1"])
        let seconds = NiceTicks.linear(min: 1_800, max: 259_200)
        #expect(seconds.step == 50_000)
        #expect(seconds.labels.last == "300,000")
        let tiny = NiceTicks.linear(min: 0.00012, max: 0.00087)
        #expect(tiny.labels == ["0", "0.0002", "0.0004", "0.0006", "0.0008", "0.001"])
        // Bands dipping slightly below zero do not push the axis to −1.
        let lossBands = NiceTicks.fitted(min: -0.15, max: 2.55)
        #expect(lossBands.labels == ["0", "0.5", "1", "1.5", "2", "2.5"])
        #expect(abs(lossBands.lower - -0.231) < 1e-9 && abs(lossBands.upper - 2.631) < 1e-9)
        #expect(NiceTicks.fitted(min: 0.013, max: 0.987) == NiceTicks.linear(min: 0.013, max: 0.987))
    }

    @Test("zero-width and degenerate ranges")
    func degenerate() {
        let five = NiceTicks.linear(min: 5, max: 5)
        #expect(five.values.count >= 2)
        #expect(five.lower < 5 && five.upper > 5)
        #expect(five.values.contains(5))
        let zero = NiceTicks.linear(min: 0, max: 0)
        #expect(zero.lower == -1 && zero.upper == 1)
        let swapped = NiceTicks.linear(min: 1, max: 0)
        #expect(swapped.values == [0, 0.2, 0.4, 0.6, 0.8, 1])
        let nan = NiceTicks.linear(min: .nan, max: .infinity)
        #expect(nan.lower == 0 && nan.upper == 1)
        let logPoint = NiceTicks.log10(min: 100, max: 100)
        #expect(logPoint.values == [50, 100, 200])
    }

    @Test("log axis 100…15,625 uses 1-2-5 ticks")
    func logSubsetSizes() {
        let ticks = NiceTicks.log10(min: 100, max: 15_625)
        #expect(ticks.values == [100, 200, 500, 1_000, 2_000, 5_000, 10_000])
        #expect(ticks.labels == ["100", "200", "500", "1,000", "2,000", "5,000", "10,000"])
        #expect(ticks.isMajor == [true, false, false, true, false, false, true])
        #expect(ticks.lower == 100 && ticks.upper == 15_625)
    }

    @Test("log axis 1,800…259,200 s and long ranges")
    func logSeconds() {
        let ticks = NiceTicks.log10(min: 1_800, max: 259_200)
        #expect(ticks.values == [2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000])
        #expect(ticks.labels.last == "200,000")
        let decades = NiceTicks.log10(min: 1, max: 1e6)
        #expect(decades.values == [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000])
        let wide = NiceTicks.log10(min: 1e-3, max: 1e9)
        #expect(wide.values == [1e-3, 1, 1e3, 1e6, 1e9])
        #expect(wide.labels.first == "0.001")
        let short = NiceTicks.log10(min: 2, max: 8)
        #expect(short.values == [2, 3, 4, 5, 6, 7, 8])
    }
}

@Test(
    "render example charts to $SVG_CHECK_DIR when set",
    .enabled(if: ProcessInfo.processInfo.environment["SVG_CHECK_DIR"] != nil))
func renderExamples() throws {
    let dir = ProcessInfo.processInfo.environment["SVG_CHECK_DIR"]!
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let files: [(String, String)] = [
        ("loss4", ExampleCharts.lossChart(seriesCount: 4).render()),
        ("loss6", ExampleCharts.lossChart(seriesCount: 6).render(width: 800, height: 520)),
        ("loss2_small", ExampleCharts.lossChart(seriesCount: 2).render(width: 520, height: 380)),
        ("hypervolume", ExampleCharts.hypervolumeChart().render()),
        ("scatter", ExampleCharts.scatterChart().render()),
        ("map", ExampleCharts.categoryMap().render()),
        ("map_small", ExampleCharts.categoryMap().render(width: 480, height: 380)),
        ("subsets", ExampleCharts.subsetChart().render(width: 640, height: 420)),
        ("scatter_below", ExampleCharts.scatterChart(legendPlacement: .below).render(width: 560, height: 560))
    ]
    for (name, svg) in files {
        try svg.write(toFile: dir + "/" + name + ".svg", atomically: true, encoding: .utf8)
    }
}
