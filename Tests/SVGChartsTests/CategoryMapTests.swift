// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

@testable import SVGCharts

/// Cell labels of a category map wrap at spaces and after `+`, `/`, `-` between words, and a
/// map can be sized so that none is cut short.
@Suite struct CategoryMapTests {
    @Test func labelsBreakAfterJoinersBetweenWordsButNotInsideNumbers() {
        #expect(CategoryMap.breaks("predictor+iterate") == [["predictor+", "iterate"]])
        #expect(CategoryMap.breaks("measure-only") == [["measure-", "only"]])
        #expect(CategoryMap.breaks("-0.829").isEmpty)
        #expect(CategoryMap.breaks("-0.829 n.s.") == [["-0.829", "n.s."]])
        #expect(CategoryMap.breaks("vs a+b") == [["vs", "a+b"], ["vs a+", "b"]])
        // Fewest lines first; each further option breaks the widest line at its most even place.
        let options = CategoryMap.lineOptions("predictor+iterate\n-0.829 n.s.\nvs measure-only")
        #expect(options.first == ["predictor+iterate", "-0.829 n.s.", "vs measure-only"])
        #expect(options.count == 2)
        #expect(options[1] == ["predictor+", "iterate", "-0.829 n.s.", "vs measure-only"])
        #expect(CategoryMap.lineOptions("") == [[]])
    }

    static func crowdedMap() -> CategoryMap {
        let columns = (1...9).map { "\($0) h" }
        let rows = (1...18).map { "setting \($0)" }
        let cells = rows.indices.map { r in columns.indices.map { c in (r + c) % 3 == 0 ? "predictor+iterate" : "measure-only" } }
        let texts = cells.map { row in row.map { "\($0)\n-0.829 n.s.\nvs \($0 == "measure-only" ? "predictor+iterate" : "measure-only")" } }
        return CategoryMap(
            title: "Crowded", caption: "A caption.", xLabel: "Budget", yLabel: "Setting", columnLabels: columns, rowLabels: rows,
            cells: cells, cellText: texts)
    }

    @Test func aCrowdedMapIsCutShortAtItsGivenSizeAndFitsAtItsFittedSize() {
        let map = Self.crowdedMap()
        #expect(!map.labelsFit(width: 760, height: 600, fontSize: 9))
        #expect(map.cellFontSize(width: 760, height: 600) < 9)
        #expect(texts(inGroup: "cell-labels", of: map.render(width: 500, height: 600)).contains { $0.hasSuffix("…") })
        let size = map.fittedSize(width: 760, height: 600, fontSize: 9)
        #expect(size.width >= 760 && size.height >= 600 && (size.width > 760 || size.height > 600))
        #expect(map.labelsFit(width: size.width, height: size.height, fontSize: 9))
        #expect(map.cellFontSize(width: size.width, height: size.height) >= 9)
        let svg = map.render(width: size.width, height: size.height)
        let labels = texts(inGroup: "cell-labels", of: svg)
        #expect(!labels.isEmpty && !labels.contains { $0.contains("…") }, "a label is cut short")
        // Every line is within its cell (less the 4 px padding each side).
        let layout = map.layout(width: size.width, height: size.height)
        let font = map.cellFontSize(width: size.width, height: size.height)
        #expect(labels.allSatisfy { TextMetrics.width($0, size: font) <= layout.textWidth })
        // A map whose labels already fit keeps its size.
        let roomy = map.fittedSize(width: size.width, height: size.height, fontSize: 9)
        #expect(roomy.width == size.width && roomy.height == size.height)
    }
}

/// `PointConnection.pairs` joins each point to its partner only; size 0 draws no markers.
@Suite struct ScatterPairsTests {
    @Test func pairsAreSeparateSegmentsInTheOrderGiven() {
        // Sorted by x these would zigzag: (0,0) (1,5) (2,1) (3,4).
        let points = [ChartPoint(0, 0), ChartPoint(3, 4), ChartPoint(2, 1), ChartPoint(1, 5)]
        let chart = ScatterChart(
            title: "Pairs", xLabel: "x", yLabel: "y", xRange: 0...3, yRange: 0...5,
            layers: [ScatterLayer(name: "pairs", points: points, color: "#555555", size: 0, connection: .pairs)],
            legendPlacement: .hidden)
        let svg = chart.render(width: 400, height: 300)
        #expect(parseSVG(svg).ok)
        let layer = svg.components(separatedBy: "<g id=\"layer-1\"").dropFirst().first?.components(separatedBy: "</g>").first ?? ""
        #expect(!layer.contains("<polyline") && !layer.contains("<circle"), "pairs drawn as one line, or markers at size 0")
        let d = layer.components(separatedBy: "d=\"").dropFirst().first?.components(separatedBy: "\"").first ?? ""
        #expect(d.filter { $0 == "M" }.count == 2 && d.filter { $0 == "L" }.count == 2, "\(d)")
    }
}
