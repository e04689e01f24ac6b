// SPDX-License-Identifier: GPL-3.0-or-later
//
// Shared pieces of the chart writers: palette, text metrics, axis mapping,
// legend layout and the common frame (title, axes, caption).

import Foundation

/// Colours, dash patterns and marker shapes chosen to survive greyscale printing.
///
/// The line colours differ in CIE lightness (L* ≈ 21, 63, 38, 76, 51, 5, 34, 58), so
/// the first six stay apart in greyscale; dashes and markers separate them further.
public enum ChartPalette {
    /// Line/marker colours in the order series use them.
    public static let lines: [String] = [
        "#08306b", "#e08214", "#b2182b", "#8fc1e3", "#238b45", "#111111", "#7b1fa2", "#8c8c8c"
    ]
    /// Dash patterns (on/off lengths in px) in the order series use them; `[]` is solid.
    static let dashes: [[Double]] = [
        [], [7, 3], [2, 2.5], [9, 3, 2, 3], [4, 2], [12, 3, 2, 3, 2, 3]
    ]
    /// Marker shapes in the order series use them.
    public static let markers: [MarkerShape] = [.circle, .square, .triangle, .diamond, .cross, .xCross]
    /// Cell fills for category maps, from light (L* 93) to dark (L* 21).
    static let categoryFills: [String] = [
        "#fee8c8", "#a6dba0", "#f4a582", "#67a9cf", "#d6604d", "#1b7837", "#542788", "#08306b"
    ]
    /// Colour of background dots (e.g. all architectures in a scatter).
    public static let backgroundDots = "#c4c4c4"
    /// Colour of axes, ticks and tick labels.
    public static let axis = "#333333"
    /// Colour of grid lines.
    public static let grid = "#e6e6e6"

    /// The automatic style of the series at `index` (colour, dash and marker cycle independently).
    public static func seriesStyle(_ index: Int) -> SeriesStyle {
        let i = max(index, 0)
        return SeriesStyle(
            color: lines[i % lines.count], dash: dashes[i % dashes.count], marker: markers[i % markers.count])
    }

    /// `count` category fills spread evenly over the light→dark palette (`count` ≤ 8, then cycling).
    public static func categoryColors(count: Int) -> [String] {
        guard count > 0 else { return [] }
        let n = categoryFills.count
        if count >= n { return (0..<count).map { categoryFills[$0 % n] } }
        if count == 1 { return [categoryFills[0]] }
        return (0..<count).map { i in
            categoryFills[Int((Double(i) * Double(n - 1) / Double(count - 1)).rounded())]
        }
    }

    /// Relative luminance (0 black … 1 white) of a `#rrggbb` colour; 0 if unparsable.
    static func luminance(_ hex: String) -> Double {
        let digits = Array(hex.utf8.dropFirst(hex.hasPrefix("#") ? 1 : 0))
        guard digits.count == 6 else { return 0 }
        func nibble(_ c: UInt8) -> Int {
            switch c {
            case 48...57: return Int(c) - 48
            case 65...70: return Int(c) - 55
            case 97...102: return Int(c) - 87
            default: return 0
            }
        }
        func channel(_ i: Int) -> Double {
            let c = Double(nibble(digits[i]) * 16 + nibble(digits[i + 1])) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
    }

    /// CIE L* lightness (0 black … 100 white) of a `#rrggbb` colour.
    static func lightness(_ hex: String) -> Double {
        let y = luminance(hex)
        return y > 216.0 / 24_389 ? 116 * cbrt(y) - 16 : y * 24_389 / 27
    }

    /// Black or white, whichever reads better on `fill`.
    static func textColor(on fill: String) -> String {
        luminance(fill) > 0.3 ? "#111111" : "#ffffff"
    }
}

/// How a series is drawn: colour, dash pattern, marker.
public struct SeriesStyle: Sendable, Equatable {
    /// Line and marker colour.
    public var color: String
    /// Dash pattern (`[]` is solid).
    public var dash: [Double]
    /// Marker drawn at each point.
    public var marker: MarkerShape
    /// Line width in px.
    public var lineWidth: Double
    /// Marker diameter in px.
    public var markerSize: Double
    /// Filled markers when true, white-filled outlines when false.
    public var markerFilled: Bool

    /// Creates a style.
    public init(
        color: String, dash: [Double] = [], marker: MarkerShape = .circle, lineWidth: Double = 2,
        markerSize: Double = 7, markerFilled: Bool = true
    ) {
        self.color = color
        self.dash = dash
        self.marker = marker
        self.lineWidth = lineWidth
        self.markerSize = markerSize
        self.markerFilled = markerFilled
    }

    /// The SVG style of this series' markers.
    var markerStyle: SVGStyle {
        markerFilled
            ? SVGStyle(stroke: "#ffffff", strokeWidth: 0.8, fill: color)
            : SVGStyle(stroke: color, strokeWidth: 1.6, fill: "#ffffff")
    }
}

/// A data point (x, y) in data units.
public struct ChartPoint: Sendable, Equatable {
    /// Horizontal value.
    public var x: Double
    /// Vertical value.
    public var y: Double

    /// Creates a point.
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// Where a chart's legend goes.
public enum LegendPlacement: String, Sendable, Equatable {
    /// Right of the plot if it takes at most 30 % of the width, else below.
    case automatic
    /// Outside the plot, on the right.
    case right
    /// Outside the plot, below the x-axis title.
    case below
    /// No legend.
    case hidden
}

// MARK: - Text metrics

/// Approximate text metrics for a sans-serif font, using DejaVu Sans advance widths.
///
/// DejaVu Sans (the usual Linux `sans-serif`, used by rsvg-convert) is wider than
/// Helvetica or Arial, so layouts computed with it also fit in browsers.
enum TextMetrics {
    /// Advance widths in em of the ASCII characters U+0020 … U+007E (DejaVu Sans Book).
    static let asciiWidths: [Double] = [
        0.318, 0.401, 0.460, 0.838, 0.636, 0.950, 0.780, 0.275, 0.390, 0.390, 0.500, 0.838,
        0.318, 0.361, 0.318, 0.337, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636,
        0.636, 0.636, 0.337, 0.337, 0.838, 0.838, 0.838, 0.531, 1.000, 0.684, 0.686, 0.698,
        0.770, 0.632, 0.575, 0.775, 0.752, 0.295, 0.295, 0.656, 0.557, 0.863, 0.748, 0.787,
        0.603, 0.787, 0.695, 0.635, 0.611, 0.732, 0.684, 0.989, 0.685, 0.611, 0.685, 0.390,
        0.337, 0.390, 0.838, 0.500, 0.500, 0.613, 0.635, 0.550, 0.635, 0.615, 0.352, 0.635,
        0.634, 0.278, 0.278, 0.579, 0.278, 0.974, 0.634, 0.612, 0.635, 0.635, 0.411, 0.521,
        0.392, 0.634, 0.592, 0.818, 0.592, 0.592, 0.525, 0.636, 0.337, 0.636, 0.838
    ]

    /// Advance width in em of one character (non-ASCII estimated by class).
    static func advance(_ scalar: Unicode.Scalar) -> Double {
        let value = scalar.value
        if value >= 0x20 && value <= 0x7E { return asciiWidths[Int(value - 0x20)] }
        switch scalar {
        case "\u{00B1}", "\u{2212}", "\u{00D7}", "\u{2264}", "\u{2265}", "\u{2248}": return 0.838
        case "\u{2026}", "\u{2014}": return 1.0
        case "\u{2013}", "\u{00B0}": return 0.5
        case "\u{00B7}", "\u{2009}", "\u{00A0}": return 0.318
        default: return 0.64
        }
    }

    /// Estimated advance width of `text` at `size` px (bold is ~12 % wider).
    static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        var em = 0.0
        for scalar in text.unicodeScalars { em += advance(scalar) }
        return em * size * (bold ? 1.12 : 1)
    }

    /// Splits `text` into lines no wider than `maxWidth` (words longer than a line stay whole).
    static func wrap(_ text: String, size: Double, maxWidth: Double, bold: Bool = false) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            for word in paragraph.split(separator: " ") {
                let candidate = current.isEmpty ? String(word) : current + " " + word
                if current.isEmpty || width(candidate, size: size, bold: bold) <= maxWidth {
                    current = candidate
                } else {
                    lines.append(current)
                    current = String(word)
                }
            }
            lines.append(current)
        }
        return lines
    }
}

// MARK: - Axis mapping

/// Maps data values on one axis to pixel positions.
struct AxisMap {
    var scale: AxisScale
    var lower: Double
    var upper: Double
    /// Pixel position of `lower`.
    var start: Double
    /// Pixel position of `upper`.
    var end: Double

    func transform(_ value: Double) -> Double? {
        switch scale {
        case .linear: return value.isFinite ? value : nil
        case .log10: return value.isFinite && value > 0 ? log10(value) : nil
        }
    }

    /// Pixel position of `value`, or nil if it cannot be drawn (non-finite, ≤ 0 on a log axis).
    func position(_ value: Double) -> Double? {
        guard let t = transform(value), let a = transform(lower), let b = transform(upper) else { return nil }
        if b == a { return (start + end) / 2 }
        return start + (t - a) / (b - a) * (end - start)
    }
}

/// The ticks of one axis as drawn: positions plus one or two label lines.
struct DrawnTicks {
    var values: [Double]
    var labels: [String]
    var secondLines: [String?]
    var isMajor: [Bool]

    init(_ ticks: NiceTicks) {
        values = ticks.values
        labels = ticks.labels
        secondLines = Array(repeating: nil, count: ticks.values.count)
        isMajor = ticks.isMajor
    }

    init(custom: [AxisTick]) {
        values = custom.map(\.value)
        labels = custom.map(\.label)
        secondLines = custom.map(\.secondLine)
        isMajor = Array(repeating: true, count: custom.count)
    }

    var hasSecondLine: Bool { secondLines.contains { $0 != nil } }

    func labelWidth(_ index: Int, size: Double) -> Double {
        max(TextMetrics.width(labels[index], size: size), TextMetrics.width(secondLines[index] ?? "", size: size))
    }
}

/// A custom axis tick: position, label and an optional second label line (e.g. "τ 0.88").
public struct AxisTick: Sendable, Equatable {
    /// Position in data units.
    public var value: Double
    /// First label line.
    public var label: String
    /// Optional second line printed under the label.
    public var secondLine: String?

    /// Creates a tick.
    public init(value: Double, label: String, secondLine: String? = nil) {
        self.value = value
        self.label = label
        self.secondLine = secondLine
    }
}

// MARK: - Legend

/// One legend row: a swatch (band fill, line, marker or dots) and a label.
struct LegendEntry: Sendable {
    var label: String
    var lineColor: String?
    var lineDash: [Double] = []
    var lineWidth: Double = 2
    var marker: MarkerShape = .none
    var markerStyle: SVGStyle = SVGStyle()
    var markerSize: Double = 7
    var fillColor: String?
    var fillOpacities: [Double] = []
    var dotColor: String?
}

/// Legend geometry and drawing.
/// A legend: entries (swatch and label) drawn in a column or flowed in rows.
public struct Legend: Sendable {
    static let fontSize = 11.0
    static let swatchWidth = 30.0
    static let rowHeight = 18.0
    static let gap = 6.0
    static let itemSpacing = 18.0

    var entries: [LegendEntry]
    var title: String?

    public var isEmpty: Bool { entries.isEmpty }

    func entryWidth(_ entry: LegendEntry) -> Double {
        Self.swatchWidth + Self.gap + TextMetrics.width(entry.label, size: Self.fontSize)
    }

    /// Width of the vertical (right-hand) legend including its frame padding.
    var columnWidth: Double {
        let widest = entries.map(entryWidth).max() ?? 0
        let titleWidth = title.map { TextMetrics.width($0, size: Self.fontSize, bold: true) } ?? 0
        return max(widest, titleWidth) + 16
    }

    var columnHeight: Double {
        Double(entries.count) * Self.rowHeight + (title == nil ? 0 : Self.rowHeight) + 8
    }

    /// Rows of entry indices when flowed horizontally within `maxWidth`.
    func flowRows(maxWidth: Double) -> [[Int]] {
        var rows: [[Int]] = []
        var current: [Int] = []
        var used = 0.0
        for (index, entry) in entries.enumerated() {
            let w = entryWidth(entry)
            if !current.isEmpty && used + Self.itemSpacing + w > maxWidth {
                rows.append(current)
                current = []
                used = 0
            }
            used += (current.isEmpty ? 0 : Self.itemSpacing) + w
            current.append(index)
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }

    func flowHeight(maxWidth: Double) -> Double {
        Double(flowRows(maxWidth: maxWidth).count) * Self.rowHeight + (title == nil ? 0 : Self.rowHeight)
    }

    /// Draws the swatch of `entry` with its left edge at `x`, vertical centre at `cy`.
    func swatch(_ entry: LegendEntry, x: Double, cy: Double) -> [SVGElement] {
        var elements: [SVGElement] = []
        let w = Self.swatchWidth
        if let fill = entry.fillColor {
            if entry.fillOpacities.isEmpty {
                elements.append(
                    .rect(
                        x: x + 4, y: cy - 6, width: w - 8, height: 12,
                        style: SVGStyle(stroke: "#888888", strokeWidth: 0.6, fill: fill)))
            } else {
                for (i, opacity) in entry.fillOpacities.enumerated() {
                    let inset = Double(i) * 3
                    elements.append(
                        .rect(
                            x: x, y: cy - 7 + inset, width: w, height: 14 - 2 * inset,
                            style: .fill(fill, opacity: opacity)))
                }
            }
        }
        if let color = entry.lineColor {
            elements.append(
                .line(
                    x1: x, y1: cy, x2: x + w, y2: cy,
                    style: .stroke(color, width: entry.lineWidth, dash: entry.lineDash)))
        }
        if let dot = entry.dotColor {
            for dx in [7.0, 15, 23] {
                elements.append(.circle(cx: x + dx, cy: cy + (dx == 15 ? -2 : 2), r: 2, style: .fill(dot)))
            }
        }
        if let marker = SVGElement.marker(entry.marker, cx: x + w / 2, cy: cy, size: entry.markerSize, style: entry.markerStyle) {
            elements.append(marker)
        }
        return elements
    }

    func label(_ text: String, x: Double, cy: Double) -> SVGElement {
        .text(text, x: x, y: cy + Self.fontSize * 0.36, style: SVGTextStyle(size: Self.fontSize, color: ChartPalette.axis))
    }

    /// A vertical legend whose top-left corner is (`x`, `y`).
    func drawColumn(x: Double, y: Double) -> SVGElement {
        var elements: [SVGElement] = []
        var cy = y + 4 + Self.rowHeight / 2
        if let title {
            elements.append(
                .text(title, x: x + 8, y: cy + 4, style: SVGTextStyle(size: Self.fontSize, color: ChartPalette.axis, bold: true)))
            cy += Self.rowHeight
        }
        for entry in entries {
            elements += swatch(entry, x: x + 8, cy: cy)
            elements.append(label(entry.label, x: x + 8 + Self.swatchWidth + Self.gap, cy: cy))
            cy += Self.rowHeight
        }
        return .group(elements, id: "legend")
    }

    /// A horizontally flowed legend starting at (`x`, `y`) within `maxWidth`.
    func drawFlow(x: Double, y: Double, maxWidth: Double) -> SVGElement {
        var elements: [SVGElement] = []
        var cy = y + Self.rowHeight / 2
        if let title {
            elements.append(
                .text(title, x: x, y: cy + 4, style: SVGTextStyle(size: Self.fontSize, color: ChartPalette.axis, bold: true)))
            cy += Self.rowHeight
        }
        for row in flowRows(maxWidth: maxWidth) {
            var cx = x
            for index in row {
                let entry = entries[index]
                elements += swatch(entry, x: cx, cy: cy)
                elements.append(label(entry.label, x: cx + Self.swatchWidth + Self.gap, cy: cy))
                cx += entryWidth(entry) + Self.itemSpacing
            }
            cy += Self.rowHeight
        }
        return .group(elements, id: "legend")
    }
}

// MARK: - Frame (title, axes, caption) shared by line and scatter charts

/// Everything an x/y chart needs to lay out its frame.
struct XYFrameSpec {
    var width: Double
    var height: Double
    var title: String
    var subtitle: String?
    var caption: String?
    var xLabel: String
    var yLabel: String
    var xScale: AxisScale
    var yScale: AxisScale
    var xTicks: DrawnTicks
    var yTicks: DrawnTicks
    var xDomain: (Double, Double)
    var yDomain: (Double, Double)
    var legend: Legend
    var legendPlacement: LegendPlacement
    var showGrid: Bool = true
}

/// The laid-out frame: plot rectangle, axis maps and the decorations to draw.
struct XYFrame {
    static let titleSize = 16.0
    static let subtitleSize = 12.0
    static let axisTitleSize = 12.0
    static let tickSize = 11.0
    static let captionSize = 11.0
    static let tickLength = 5.0
    static let inset = 8.0
    static let margin = 14.0

    var spec: XYFrameSpec
    var plotLeft = 0.0
    var plotTop = 0.0
    var plotRight = 0.0
    var plotBottom = 0.0
    var xMap: AxisMap
    var yMap: AxisMap
    var captionLines: [String] = []
    var legendOnRight = false
    var xTickFontSize = XYFrame.tickSize
    var xLabelShown: [Bool] = []
    var yLabelShown: [Bool] = []

    init(_ spec: XYFrameSpec) {
        self.spec = spec
        let width = spec.width
        let height = spec.height
        let top = header(title: spec.title, subtitle: spec.subtitle, width: width).bottom + 10
        captionLines = captionLayout(spec.caption, width: width)
        let captionHeight = captionLines.isEmpty ? 0 : Double(captionLines.count) * (Self.captionSize + 3) + 8

        let yTickWidth = spec.yTicks.labels.indices.map { spec.yTicks.labelWidth($0, size: Self.tickSize) }.max() ?? 0
        let left = Self.margin + (spec.yLabel.isEmpty ? 0 : Self.axisTitleSize + 8) + yTickWidth + 4 + Self.tickLength

        switch spec.legendPlacement {
        case .right: legendOnRight = !spec.legend.isEmpty
        case .below, .hidden: legendOnRight = false
        case .automatic: legendOnRight = !spec.legend.isEmpty && spec.legend.columnWidth <= 0.3 * width
        }
        let showLegend = spec.legendPlacement != .hidden && !spec.legend.isEmpty
        let lastXTickHalf = spec.xTicks.labels.indices.last.map { spec.xTicks.labelWidth($0, size: Self.tickSize) / 2 } ?? 0
        var right = Self.margin + max(lastXTickHalf - Self.inset, 0)
        if showLegend && legendOnRight { right = max(right, spec.legend.columnWidth + 2 * Self.margin - 4) }

        let tickLines = spec.xTicks.hasSecondLine ? 2.0 : 1.0
        var bottom = Self.tickLength + 4 + tickLines * (Self.tickSize + 3) + 4
        if !spec.xLabel.isEmpty { bottom += Self.axisTitleSize + 8 }
        if showLegend && !legendOnRight {
            bottom += spec.legend.flowHeight(maxWidth: width - left - Self.margin) + 10
        }
        bottom += captionHeight + Self.margin - 4

        plotLeft = left
        plotTop = top
        plotRight = max(width - right, left + 40)
        plotBottom = max(height - bottom, top + 40)
        xMap = AxisMap(
            scale: spec.xScale, lower: spec.xDomain.0, upper: spec.xDomain.1,
            start: plotLeft + Self.inset, end: plotRight - Self.inset)
        yMap = AxisMap(
            scale: spec.yScale, lower: spec.yDomain.0, upper: spec.yDomain.1,
            start: plotBottom - Self.inset, end: plotTop + Self.inset)
        chooseXLabels()
        chooseYLabels()
    }

    var plotWidth: Double { plotRight - plotLeft }
    var plotHeight: Double { plotBottom - plotTop }

    /// Picks a font size and a subset of x labels so that no two labels overlap.
    mutating func chooseXLabels() {
        let ticks = spec.xTicks
        let positions = ticks.values.map { xMap.position($0) }
        func fits(_ shown: [Bool], size: Double) -> Bool {
            var lastRight = -Double.infinity
            for i in ticks.values.indices where shown[i] {
                guard let p = positions[i] else { continue }
                let half = ticks.labelWidth(i, size: size) / 2
                if p - half < lastRight + 5 { return false }
                lastRight = p + half
            }
            return true
        }
        let all = Array(repeating: true, count: ticks.values.count)
        for size in [Self.tickSize, 10, 9] where fits(all, size: size) {
            xTickFontSize = size
            xLabelShown = all
            return
        }
        xTickFontSize = Self.tickSize
        if ticks.isMajor.contains(false) && fits(ticks.isMajor, size: Self.tickSize) {
            xLabelShown = ticks.isMajor
            return
        }
        // Greedy thinning: keep every n-th label for the smallest n that fits.
        for stride in 2...max(2, ticks.values.count) {
            let shown = ticks.values.indices.map { $0 % stride == 0 }
            if fits(shown, size: Self.tickSize) {
                xLabelShown = shown
                return
            }
        }
        xLabelShown = ticks.values.indices.map { $0 == 0 }
    }

    /// Shows all y labels unless neighbours are closer than the font height.
    mutating func chooseYLabels() {
        let ticks = spec.yTicks
        let positions = ticks.values.compactMap { yMap.position($0) }
        let spacing = zip(positions, positions.dropFirst()).map { abs($0 - $1) }.min() ?? .infinity
        if spacing >= Self.tickSize + 2 {
            yLabelShown = Array(repeating: true, count: ticks.values.count)
        } else if ticks.isMajor.contains(false) {
            yLabelShown = ticks.isMajor
        } else {
            let stride = Int((Self.tickSize + 2) / max(spacing, 0.1)) + 1
            yLabelShown = ticks.values.indices.map { $0 % stride == 0 }
        }
    }

    /// Grid lines behind the data.
    func background() -> [SVGElement] {
        guard spec.showGrid else { return [] }
        var grid: [SVGElement] = []
        for (i, value) in spec.yTicks.values.enumerated() {
            guard let y = yMap.position(value), y >= plotTop - 0.5, y <= plotBottom + 0.5 else { continue }
            let style = SVGStyle.stroke(ChartPalette.grid, width: spec.yTicks.isMajor[i] ? 1 : 0.6)
            grid.append(.line(x1: plotLeft, y1: y, x2: plotRight, y2: y, style: style))
        }
        for (i, value) in spec.xTicks.values.enumerated() {
            guard let x = xMap.position(value), x >= plotLeft - 0.5, x <= plotRight + 0.5 else { continue }
            let style = SVGStyle.stroke(ChartPalette.grid, width: spec.xTicks.isMajor[i] ? 1 : 0.6)
            grid.append(.line(x1: x, y1: plotTop, x2: x, y2: plotBottom, style: style))
        }
        return [.group(grid, id: "grid")]
    }

    /// Axes, ticks, tick labels, axis titles, title, subtitle, legend and caption.
    func decorations() -> [SVGElement] {
        var elements: [SVGElement] = []
        let axisStyle = SVGStyle.stroke(ChartPalette.axis, width: 1)
        var axes: [SVGElement] = [
            .line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, style: axisStyle),
            .line(x1: plotLeft, y1: plotTop, x2: plotLeft, y2: plotBottom, style: axisStyle)
        ]
        axes[0].attributes.insert(SVGAttribute("id", "x-axis"), at: 0)
        axes[1].attributes.insert(SVGAttribute("id", "y-axis"), at: 0)
        elements += axes

        var xTickElements: [SVGElement] = []
        let tickStyle = SVGStyle.stroke(ChartPalette.axis, width: 1)
        for (i, value) in spec.xTicks.values.enumerated() {
            guard let x = xMap.position(value) else { continue }
            let length = spec.xTicks.isMajor[i] || !xLabelShown[i] ? Self.tickLength : Self.tickLength * 0.7
            xTickElements.append(.line(x1: x, y1: plotBottom, x2: x, y2: plotBottom + length, style: tickStyle))
            guard xLabelShown[i] else { continue }
            let baseline = plotBottom + Self.tickLength + 3 + xTickFontSize
            xTickElements.append(
                .text(
                    spec.xTicks.labels[i], x: x, y: baseline,
                    style: SVGTextStyle(size: xTickFontSize, anchor: .middle, color: ChartPalette.axis)))
            if let second = spec.xTicks.secondLines[i] {
                xTickElements.append(
                    .text(
                        second, x: x, y: baseline + xTickFontSize + 3,
                        style: SVGTextStyle(size: xTickFontSize, anchor: .middle, color: "#555555")))
            }
        }
        elements.append(.group(xTickElements, id: "x-ticks"))

        var yTickElements: [SVGElement] = []
        for (i, value) in spec.yTicks.values.enumerated() {
            guard let y = yMap.position(value) else { continue }
            yTickElements.append(.line(x1: plotLeft - Self.tickLength, y1: y, x2: plotLeft, y2: y, style: tickStyle))
            guard yLabelShown[i] else { continue }
            yTickElements.append(
                .text(
                    spec.yTicks.labels[i], x: plotLeft - Self.tickLength - 3, y: y + Self.tickSize * 0.36,
                    style: SVGTextStyle(size: Self.tickSize, anchor: .end, color: ChartPalette.axis)))
        }
        elements.append(.group(yTickElements, id: "y-ticks"))

        let tickBlock = Self.tickLength + 3 + (spec.xTicks.hasSecondLine ? 2 : 1) * (xTickFontSize + 3)
        var cursor = plotBottom + tickBlock + 4
        if !spec.xLabel.isEmpty {
            cursor += Self.axisTitleSize + 2
            elements.append(
                .text(
                    spec.xLabel, x: (plotLeft + plotRight) / 2, y: cursor,
                    style: SVGTextStyle(size: Self.axisTitleSize, anchor: .middle, color: ChartPalette.axis)))
            cursor += 6
        }
        if !spec.yLabel.isEmpty {
            let x = Self.margin + Self.axisTitleSize * 0.8
            let y = (plotTop + plotBottom) / 2
            elements.append(
                .text(
                    spec.yLabel, x: x, y: y,
                    style: SVGTextStyle(size: Self.axisTitleSize, anchor: .middle, color: ChartPalette.axis, rotation: -90)))
        }

        elements += header(title: spec.title, subtitle: spec.subtitle, width: spec.width).elements

        if spec.legendPlacement != .hidden && !spec.legend.isEmpty {
            if legendOnRight {
                elements.append(spec.legend.drawColumn(x: plotRight + Self.margin, y: plotTop))
            } else {
                cursor += 6
                elements.append(spec.legend.drawFlow(x: plotLeft, y: cursor, maxWidth: spec.width - plotLeft - Self.margin))
                cursor += spec.legend.flowHeight(maxWidth: spec.width - plotLeft - Self.margin)
            }
        }
        if !captionLines.isEmpty { elements.append(captionElement(captionLines, height: spec.height)) }
        return elements
    }
}

/// Title and subtitle lines wrapped to the chart width; returns the elements and the y below them.
func header(title: String, subtitle: String?, width: Double) -> (elements: [SVGElement], bottom: Double) {
    let margin = XYFrame.margin
    let maxWidth = width - 2 * margin
    var elements: [SVGElement] = []
    var y = margin
    if !title.isEmpty {
        for line in TextMetrics.wrap(title, size: XYFrame.titleSize, maxWidth: maxWidth, bold: true) {
            y += XYFrame.titleSize
            elements.append(.text(line, x: margin, y: y, style: SVGTextStyle(size: XYFrame.titleSize, color: "#111111", bold: true)))
            y += 4
        }
    }
    if let subtitle, !subtitle.isEmpty {
        for line in TextMetrics.wrap(subtitle, size: XYFrame.subtitleSize, maxWidth: maxWidth) {
            y += XYFrame.subtitleSize + 2
            elements.append(.text(line, x: margin, y: y, style: SVGTextStyle(size: XYFrame.subtitleSize, color: "#555555")))
        }
        y += 4
    }
    return (elements, y)
}

/// Caption lines wrapped to the chart width, bottom-aligned to the chart's bottom margin.
func captionLayout(_ caption: String?, width: Double) -> [String] {
    guard let caption, !caption.isEmpty else { return [] }
    return TextMetrics.wrap(caption, size: XYFrame.captionSize, maxWidth: width - 2 * XYFrame.margin)
}

/// The caption as a group of text lines ending at the bottom margin.
func captionElement(_ lines: [String], height: Double) -> SVGElement {
    var y = height - XYFrame.margin + 4 - Double(lines.count - 1) * (XYFrame.captionSize + 3)
    var elements: [SVGElement] = []
    for line in lines {
        elements.append(.text(line, x: XYFrame.margin, y: y, style: SVGTextStyle(size: XYFrame.captionSize, color: "#444444")))
        y += XYFrame.captionSize + 3
    }
    return .group(elements, id: "caption")
}

/// The data range of `values` (finite, and > 0 for log scales), or nil if there is none.
func dataRange(_ values: [Double], scale: AxisScale) -> (Double, Double)? {
    let usable = values.filter { $0.isFinite && (scale == .linear || $0 > 0) }
    guard let lo = usable.min(), let hi = usable.max() else { return nil }
    return (lo, hi)
}
