// SPDX-License-Identifier: GPL-3.0-or-later
//
// Chart writers producing deterministic SVG: line charts with uncertainty bands,
// scatter charts with many background points, and category (decision) maps.

import Foundation

// MARK: - Line chart

/// A shaded band around a series: one lower and one upper value per point.
public struct Band: Sendable, Equatable {
    /// Lower edge, one value per series point.
    public var lower: [Double]
    /// Upper edge, one value per series point.
    public var upper: [Double]
    /// Legend text explaining the band (e.g. "±1 sd"); bands with equal labels share one entry.
    public var label: String?
    /// Fill opacity; nil uses 0.14 for the first band and 0.3 for the second.
    public var opacity: Double?
    /// Draws the band's edges as thin lines in the series' colour and dash, so that
    /// overlapping bands of several series stay apart.
    public var outlined: Bool

    /// Creates a band.
    public init(lower: [Double], upper: [Double], label: String? = nil, opacity: Double? = nil, outlined: Bool = false) {
        self.lower = lower
        self.upper = upper
        self.label = label
        self.opacity = opacity
        self.outlined = outlined
    }
}

/// One line of a `LineChart`.
public struct Series: Sendable, Equatable {
    /// Legend name.
    public var name: String
    /// Points in drawing order (non-finite points break the line).
    public var points: [ChartPoint]
    /// Optional light band (e.g. ±1 sd).
    public var band: Band?
    /// Optional second, darker band drawn over the first (e.g. 95 % CI of the mean).
    public var secondBand: Band?
    /// Colour, dash and marker; nil picks `ChartPalette.seriesStyle(index)`.
    public var style: SeriesStyle?

    /// Creates a series from `ChartPoint`s.
    public init(name: String, points: [ChartPoint], band: Band? = nil, secondBand: Band? = nil, style: SeriesStyle? = nil) {
        self.name = name
        self.points = points
        self.band = band
        self.secondBand = secondBand
        self.style = style
    }

    /// Creates a series from `(x, y)` tuples.
    public init(name: String, points: [(Double, Double)], band: Band? = nil, secondBand: Band? = nil, style: SeriesStyle? = nil) {
        self.init(name: name, points: points.map { ChartPoint($0.0, $0.1) }, band: band, secondBand: secondBand, style: style)
    }
}

/// A line chart with optional uncertainty bands, linear or log10 x axis and custom two-line x ticks.
public struct LineChart: Sendable, Equatable {
    /// Bold title at the top left.
    public var title: String
    /// Optional grey line under the title.
    public var subtitle: String?
    /// Optional caption, wrapped under the plot.
    public var caption: String?
    /// X-axis title including units, e.g. "Predictor noise σ (z units)".
    public var xLabel: String
    /// Y-axis title including units, e.g. "Accuracy loss (pp)".
    public var yLabel: String
    /// X-axis scale.
    public var xScale: AxisScale
    /// Custom x ticks (replace the automatic ones); labels may have a second line.
    public var xTicks: [AxisTick]?
    /// Fixed x range; nil derives it from data (and custom ticks).
    var xRange: ClosedRange<Double>?
    /// Fixed y range; nil derives a nice range from data and bands.
    public var yRange: ClosedRange<Double>?
    /// Force the y axis to include zero.
    public var yIncludesZero: Bool
    /// The lines.
    public var series: [Series]
    /// Legend position.
    public var legendPlacement: LegendPlacement
    /// Optional legend heading.
    var legendTitle: String?
    /// Draw markers at the points.
    public var showMarkers: Bool

    /// Creates a line chart.
    public init(
        title: String, subtitle: String? = nil, caption: String? = nil, xLabel: String, yLabel: String,
        xScale: AxisScale = .linear, xTicks: [AxisTick]? = nil, xRange: ClosedRange<Double>? = nil,
        yRange: ClosedRange<Double>? = nil, yIncludesZero: Bool = false, series: [Series],
        legendPlacement: LegendPlacement = .automatic, legendTitle: String? = nil, showMarkers: Bool = true
    ) {
        self.title = title
        self.subtitle = subtitle
        self.caption = caption
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.xTicks = xTicks
        self.xRange = xRange
        self.yRange = yRange
        self.yIncludesZero = yIncludesZero
        self.series = series
        self.legendPlacement = legendPlacement
        self.legendTitle = legendTitle
        self.showMarkers = showMarkers
    }

    static let defaultBandOpacity = 0.14
    static let defaultSecondBandOpacity = 0.3

    /// The SVG document text of this chart at the given size in pixels.
    public func render(width: Double = 720, height: Double = 460) -> String {
        document(width: width, height: height).render()
    }

    /// The chart as an `SVGDocument` (for callers that want to add elements).
    public func document(width: Double = 720, height: Double = 460) -> SVGDocument {
        let styles = series.indices.map { series[$0].style ?? ChartPalette.seriesStyle($0) }

        // Domains.
        var xs: [Double] = series.flatMap { $0.points.map(\.x) }
        if let xTicks { xs += xTicks.map(\.value) }
        var ys: [Double] = series.flatMap { $0.points.map(\.y) }
        for s in series {
            for band in [s.band, s.secondBand].compactMap({ $0 }) { ys += band.lower + band.upper }
        }
        if yIncludesZero { ys.append(0) }
        let xData = dataRange(xs, scale: xScale) ?? (xScale == .log10 ? (1, 10) : (0, 1))
        let yData = dataRange(ys, scale: .linear) ?? (0, 1)

        let xNice: NiceTicks
        let xDomain: (Double, Double)
        if let xRange {
            xNice = NiceTicks.make(scale: xScale, min: xRange.lowerBound, max: xRange.upperBound)
            xDomain = (xRange.lowerBound, xRange.upperBound)
        } else if xTicks != nil || xScale == .log10 {
            xNice = NiceTicks.make(scale: xScale, min: xData.0, max: xData.1)
            xDomain = xData.0 < xData.1 ? xData : (xNice.lower, xNice.upper)
        } else {
            xNice = NiceTicks.fitted(min: xData.0, max: xData.1)
            xDomain = (xNice.lower, xNice.upper)
        }
        let yNice: NiceTicks
        let yDomain: (Double, Double)
        if let yRange {
            yNice = NiceTicks.linear(min: yRange.lowerBound, max: yRange.upperBound, expand: false)
            yDomain = (yRange.lowerBound, yRange.upperBound)
        } else {
            yNice = NiceTicks.fitted(min: yData.0, max: yData.1)
            yDomain = (yNice.lower, yNice.upper)
        }
        let xDrawn = xTicks.map { DrawnTicks(custom: $0) } ?? DrawnTicks(xNice)

        // Legend: a line per series, then a swatch per distinct band label.
        var legend = Legend.forSeries(series, showMarkers: showMarkers)
        legend.title = legendTitle

        let frame = XYFrame(
            XYFrameSpec(
                width: width, height: height, title: title, subtitle: subtitle, caption: caption, xLabel: xLabel,
                yLabel: yLabel, xScale: xScale, yScale: .linear, xTicks: xDrawn, yTicks: DrawnTicks(yNice),
                xDomain: xDomain, yDomain: yDomain, legend: legend,
                legendPlacement: legendPlacement))

        var document = SVGDocument(width: width, height: height, title: title)
        document.addClipRect(
            id: "plot-area", x: frame.plotLeft, y: frame.plotTop, width: frame.plotWidth, height: frame.plotHeight)
        document.add(contentsOf: frame.background())

        var bands: [SVGElement] = []
        for (i, s) in series.enumerated() {
            for (slot, band) in [s.band, s.secondBand].enumerated() {
                guard let band else { continue }
                let opacity = band.opacity ?? (slot == 0 ? Self.defaultBandOpacity : Self.defaultSecondBandOpacity)
                bands += bandPolygons(s.points, band, frame: frame, color: styles[i].color, opacity: opacity, dash: styles[i].dash)
            }
        }
        if !bands.isEmpty { document.add(.group(bands, id: "bands", clipPathID: "plot-area")) }

        var lines: [SVGElement] = []
        var markers: [SVGElement] = []
        for (i, s) in series.enumerated() {
            let style = styles[i]
            let lineStyle = SVGStyle(
                stroke: style.color, strokeWidth: style.lineWidth, fill: "none", dash: style.dash, lineCap: "butt",
                lineJoin: "round")
            let pieces = segments(s.points, frame: frame)
            for segment in pieces where segment.count >= 2 {
                lines.append(.polyline(segment, style: lineStyle))
            }
            if showMarkers && style.marker != .none {
                for p in pieces.joined() {
                    if let m = SVGElement.marker(style.marker, cx: p.x, cy: p.y, size: style.markerSize, style: style.markerStyle) {
                        markers.append(m)
                    }
                }
            }
        }
        document.add(.group(lines, id: "series-lines", clipPathID: "plot-area"))
        if !markers.isEmpty { document.add(.group(markers, id: "series-markers")) }
        document.add(contentsOf: frame.decorations())
        return document
    }

    /// Pixel polylines of `points`, split at points that cannot be drawn.
    func segments(_ points: [ChartPoint], frame: XYFrame) -> [[SVGPoint]] {
        var result: [[SVGPoint]] = []
        var current: [SVGPoint] = []
        for p in points {
            if let x = frame.xMap.position(p.x), let y = frame.yMap.position(p.y) {
                current.append(SVGPoint(x, y))
            } else if !current.isEmpty {
                result.append(current)
                current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Filled polygons between a band's lower and upper edges (split where values are missing).
    func bandPolygons(
        _ points: [ChartPoint], _ band: Band, frame: XYFrame, color: String, opacity: Double,
        dash: [Double] = []
    ) -> [SVGElement] {
        var polygons: [SVGElement] = []
        var upper: [SVGPoint] = []
        var lower: [SVGPoint] = []
        func flush() {
            if upper.count >= 2 {
                polygons.append(.polygon(upper + lower.reversed(), style: .fill(color, opacity: opacity)))
                if band.outlined {
                    let edge = SVGStyle.stroke(color, width: 0.9, dash: dash.isEmpty ? nil : dash)
                    polygons.append(.polyline(upper, style: edge))
                    polygons.append(.polyline(lower, style: edge))
                }
            }
            upper = []
            lower = []
        }
        for (i, p) in points.enumerated() {
            guard i < band.lower.count, i < band.upper.count, let x = frame.xMap.position(p.x),
                let yLow = frame.yMap.position(band.lower[i]), let yHigh = frame.yMap.position(band.upper[i])
            else {
                flush()
                continue
            }
            upper.append(SVGPoint(x, yHigh))
            lower.append(SVGPoint(x, yLow))
        }
        flush()
        return polygons
    }
}

// MARK: - Scatter chart

/// How the points of a scatter layer are connected.
public enum PointConnection: String, Sendable, Equatable {
    /// Not connected.
    case none
    /// Straight segments in x order.
    case straight
    /// A staircase in x order: horizontal to the next x, then vertical (a Pareto front).
    case stepAfter
    /// A staircase in x order: vertical first, then horizontal.
    case stepBefore
    /// Separate segments in the order given, point 1 to point 2, point 3 to point 4, …: each
    /// point joined to its partner and to nothing else (an odd last point stays alone).
    case pairs
}

/// One layer of a `ScatterChart`, drawn in the order given.
public struct ScatterLayer: Sendable, Equatable {
    /// Legend name.
    public var name: String
    /// The points.
    public var points: [ChartPoint]
    /// Colour of markers, dots and connecting line.
    public var color: String
    /// Marker shape; `.none` draws tiny dots (one compact path, suited to thousands of points).
    public var marker: MarkerShape
    /// Marker diameter (or dot diameter for `.none`) in px; 0 draws no markers (a layer of lines only).
    public var size: Double
    /// Filled markers when true, white-filled outlines when false.
    public var filled: Bool
    /// How points are connected (sorted by x first).
    var connection: PointConnection
    /// Dash pattern of the connecting line.
    var lineDash: [Double]
    /// Width of the connecting line.
    public var lineWidth: Double
    /// Whether the layer gets a legend entry.
    var inLegend: Bool

    /// Creates a layer.
    public init(
        name: String, points: [ChartPoint], color: String, marker: MarkerShape = .circle, size: Double = 7,
        filled: Bool = true, connection: PointConnection = .none, lineDash: [Double] = [], lineWidth: Double = 1.5,
        inLegend: Bool = true
    ) {
        self.name = name
        self.points = points
        self.color = color
        self.marker = marker
        self.size = size
        self.filled = filled
        self.connection = connection
        self.lineDash = lineDash
        self.lineWidth = lineWidth
        self.inLegend = inLegend
    }

    /// Many small light-grey dots (e.g. all 15,625 architectures).
    public static func background(name: String, points: [ChartPoint], color: String = ChartPalette.backgroundDots, dotSize: Double = 2.4)
        -> ScatterLayer
    {
        ScatterLayer(name: name, points: points, color: color, marker: .none, size: dotSize)
    }

    /// A staircase line with markers (e.g. the true Pareto front).
    public static func front(
        name: String, points: [ChartPoint], color: String = "#111111", marker: MarkerShape = .circle,
        size: Double = 5, connection: PointConnection = .stepAfter, lineDash: [Double] = []
    ) -> ScatterLayer {
        ScatterLayer(
            name: name, points: points, color: color, marker: marker, size: size, connection: connection,
            lineDash: lineDash, lineWidth: 1.5)
    }

    /// Unconnected markers (e.g. a predicted or verified selection).
    public static func markers(
        name: String, points: [ChartPoint], color: String, marker: MarkerShape, size: Double = 8, filled: Bool = true
    ) -> ScatterLayer {
        ScatterLayer(name: name, points: points, color: color, marker: marker, size: size, filled: filled)
    }

    var markerStyle: SVGStyle {
        filled
            ? SVGStyle(stroke: "#ffffff", strokeWidth: 0.7, fill: color)
            : SVGStyle(stroke: color, strokeWidth: 1.6, fill: "#ffffff", fillOpacity: 0.6)
    }
}

/// A scatter chart made of layers (background dots, fronts, selections) with axes, legend and caption.
public struct ScatterChart: Sendable, Equatable {
    /// Bold title at the top left.
    public var title: String
    /// Optional grey line under the title.
    public var subtitle: String?
    /// Optional caption, wrapped under the plot.
    public var caption: String?
    /// X-axis title with units.
    public var xLabel: String
    /// Y-axis title with units.
    public var yLabel: String
    /// X-axis scale.
    public var xScale: AxisScale
    /// Y-axis scale.
    var yScale: AxisScale
    /// Fixed x range; nil derives a nice range from all layers.
    var xRange: ClosedRange<Double>?
    /// Fixed y range; nil derives a nice range from all layers.
    public var yRange: ClosedRange<Double>?
    /// Layers in paint order (first is at the bottom).
    public var layers: [ScatterLayer]
    /// Legend position.
    public var legendPlacement: LegendPlacement
    /// Optional legend heading.
    var legendTitle: String?

    /// Creates a scatter chart.
    public init(
        title: String, subtitle: String? = nil, caption: String? = nil, xLabel: String, yLabel: String,
        xScale: AxisScale = .linear, yScale: AxisScale = .linear, xRange: ClosedRange<Double>? = nil,
        yRange: ClosedRange<Double>? = nil, layers: [ScatterLayer], legendPlacement: LegendPlacement = .automatic,
        legendTitle: String? = nil
    ) {
        self.title = title
        self.subtitle = subtitle
        self.caption = caption
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
        self.xRange = xRange
        self.yRange = yRange
        self.layers = layers
        self.legendPlacement = legendPlacement
        self.legendTitle = legendTitle
    }

    /// The SVG document text of this chart at the given size in pixels.
    public func render(width: Double = 720, height: Double = 500) -> String {
        document(width: width, height: height).render()
    }

    static func axis(_ scale: AxisScale, fixed: ClosedRange<Double>?, values: [Double]) -> (NiceTicks, (Double, Double)) {
        if let fixed {
            let ticks =
                scale == .linear
                ? NiceTicks.linear(min: fixed.lowerBound, max: fixed.upperBound, expand: false)
                : NiceTicks.log10(min: fixed.lowerBound, max: fixed.upperBound)
            return (ticks, (fixed.lowerBound, fixed.upperBound))
        }
        let range = dataRange(values, scale: scale) ?? (scale == .log10 ? (1, 10) : (0, 1))
        let ticks =
            scale == .linear
            ? NiceTicks.fitted(min: range.0, max: range.1) : NiceTicks.log10(min: range.0, max: range.1)
        return (ticks, (ticks.lower, ticks.upper))
    }

    /// The chart as an `SVGDocument`.
    public func document(width: Double = 720, height: Double = 500) -> SVGDocument {
        let (xTicks, xDomain) = Self.axis(xScale, fixed: xRange, values: layers.flatMap { $0.points.map(\.x) })
        let (yTicks, yDomain) = Self.axis(yScale, fixed: yRange, values: layers.flatMap { $0.points.map(\.y) })

        var entries: [LegendEntry] = []
        for layer in layers where layer.inLegend {
            var entry = LegendEntry(label: layer.name, lineColor: nil)
            if layer.marker == .none {
                entry.dotColor = layer.color
            } else {
                entry.marker = layer.marker
                entry.markerStyle = layer.markerStyle
                entry.markerSize = layer.size
            }
            if layer.connection != .none {
                entry.lineColor = layer.color
                entry.lineDash = layer.lineDash
                entry.lineWidth = layer.lineWidth
            }
            entries.append(entry)
        }

        let frame = XYFrame(
            XYFrameSpec(
                width: width, height: height, title: title, subtitle: subtitle, caption: caption, xLabel: xLabel,
                yLabel: yLabel, xScale: xScale, yScale: yScale, xTicks: DrawnTicks(xTicks), yTicks: DrawnTicks(yTicks),
                xDomain: xDomain, yDomain: yDomain, legend: Legend(entries: entries, title: legendTitle),
                legendPlacement: legendPlacement))

        var document = SVGDocument(width: width, height: height, title: title)
        let pad = XYFrame.inset
        document.addClipRect(
            id: "plot-area", x: frame.plotLeft - pad, y: frame.plotTop - pad, width: frame.plotWidth + 2 * pad,
            height: frame.plotHeight + 2 * pad)
        document.add(contentsOf: frame.background())

        for (index, layer) in layers.enumerated() {
            var pixels: [SVGPoint] = []
            for p in layer.points {
                if let x = frame.xMap.position(p.x), let y = frame.yMap.position(p.y) { pixels.append(SVGPoint(x, y)) }
            }
            var children: [SVGElement] = []
            if layer.connection == .pairs {
                // Pairs of points as given (a pair with a point off the axes is left out).
                var data = ""
                for k in stride(from: 0, to: layer.points.count - 1, by: 2) {
                    let a = layer.points[k], b = layer.points[k + 1]
                    guard let ax = frame.xMap.position(a.x), let ay = frame.yMap.position(a.y),
                        let bx = frame.xMap.position(b.x), let by = frame.yMap.position(b.y)
                    else { continue }
                    data += "M\(SVGFormat.number(ax)) \(SVGFormat.number(ay))L\(SVGFormat.number(bx)) \(SVGFormat.number(by))"
                }
                if !data.isEmpty {
                    children.append(
                        .path(data, style: SVGStyle(stroke: layer.color, strokeWidth: layer.lineWidth, fill: "none", dash: layer.lineDash)))
                }
            } else if layer.connection != .none && pixels.count >= 2 {
                let sorted = pixels.enumerated().sorted { a, b in
                    a.element.x != b.element.x ? a.element.x < b.element.x : a.offset < b.offset
                }.map(\.element)
                var path: [SVGPoint] = [sorted[0]]
                for next in sorted.dropFirst() {
                    let last = path[path.count - 1]
                    switch layer.connection {
                    case .stepAfter: path.append(SVGPoint(next.x, last.y))
                    case .stepBefore: path.append(SVGPoint(last.x, next.y))
                    case .straight, .none, .pairs: break
                    }
                    path.append(next)
                }
                children.append(
                    .polyline(
                        path,
                        style: SVGStyle(
                            stroke: layer.color, strokeWidth: layer.lineWidth, fill: "none", dash: layer.lineDash,
                            lineJoin: "miter")))
            }
            if layer.size <= 0 {
                // Lines only.
            } else if layer.marker == .none {
                children.append(Self.dotPath(pixels, color: layer.color, size: layer.size))
            } else {
                for p in pixels {
                    if let m = SVGElement.marker(layer.marker, cx: p.x, cy: p.y, size: layer.size, style: layer.markerStyle) {
                        children.append(m)
                    }
                }
            }
            document.add(.group(children, id: "layer-\(index + 1)", clipPathID: "plot-area"))
        }
        document.add(contentsOf: frame.decorations())
        return document
    }

    /// Many dots as one path of zero-length round-capped segments; duplicates after rounding are dropped.
    static func dotPath(_ points: [SVGPoint], color: String, size: Double) -> SVGElement {
        var seen = Set<Int64>()
        var data = ""
        data.reserveCapacity(points.count * 14)
        for p in points {
            let qx = Int64((p.x * 10).rounded())
            let qy = Int64((p.y * 10).rounded())
            guard seen.insert(qx &* 1_000_003 &+ qy).inserted else { continue }
            data +=
                "M" + SVGFormat.number(Double(qx) / 10, maxDecimals: 1) + " "
                + SVGFormat.number(Double(qy) / 10, maxDecimals: 1) + "h0"
        }
        return .path(data, style: SVGStyle(stroke: color, strokeWidth: size, fill: "none", lineCap: "round"))
    }
}

// MARK: - Category map

/// A grid of rows × columns whose cells each show a category, coloured and labelled.
///
/// `cells[r][c]` is the category of row `r` (drawn top to bottom) and column `c`
/// (left to right). Colours come from the greyscale-safe `ChartPalette.categoryFills`,
/// spread evenly over the categories in `categories` order (or first appearance).
public struct CategoryMap: Sendable, Equatable {
    /// Bold title at the top left.
    public var title: String
    /// Optional grey line under the title.
    public var subtitle: String?
    /// Optional caption, wrapped under the map.
    public var caption: String?
    /// Title of the column axis, e.g. "Search budget (GPU-hours)".
    public var xLabel: String
    /// Title of the row axis, e.g. "Predictor quality (Kendall τ)".
    public var yLabel: String
    /// One label per column.
    public var columnLabels: [String]
    /// One label per row, top row first.
    public var rowLabels: [String]
    /// Category of each cell, `cells[row][column]`.
    public var cells: [[String]]
    /// Optional text per cell replacing the category name (e.g. "verify\n+0.4 pp").
    public var cellText: [[String]]?
    /// Legend and colour order; nil uses order of first appearance (row by row).
    public var categories: [String]?
    /// Fill colours per category in `categories` order; nil uses the palette.
    var colors: [String]?

    /// Creates a category map.
    public init(
        title: String, subtitle: String? = nil, caption: String? = nil, xLabel: String, yLabel: String,
        columnLabels: [String], rowLabels: [String], cells: [[String]], cellText: [[String]]? = nil,
        categories: [String]? = nil, colors: [String]? = nil
    ) {
        self.title = title
        self.subtitle = subtitle
        self.caption = caption
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.columnLabels = columnLabels
        self.rowLabels = rowLabels
        self.cells = cells
        self.cellText = cellText
        self.categories = categories
        self.colors = colors
    }

    /// The categories in legend order.
    var orderedCategories: [String] {
        var result = categories ?? []
        for row in cells {
            for name in row where !result.contains(name) { result.append(name) }
        }
        return result
    }

    /// The SVG document text of this map at the given size in pixels.
    public func render(width: Double = 720, height: Double = 460) -> String {
        document(width: width, height: height).render()
    }

    /// The geometry of the map at one size: where the grid lies and how big its cells are.
    struct Layout {
        var top: Double
        var left: Double
        var right: Double
        var gridBottom: Double
        var cellWidth: Double
        var cellHeight: Double
        var rotateColumns: Bool
        var columnLabelHeight: Double
        var legend: Legend
        var captionLines: [String]
        var heading: (elements: [SVGElement], bottom: Double)
        var rowCount: Int
        var columnCount: Int
        /// The box a cell's text must fit in.
        var textWidth: Double { cellWidth - 8 }
        var textHeight: Double { cellHeight - 4 }
    }

    /// The colour of category `name` (white for none).
    func color(_ name: String) -> String {
        let names = orderedCategories
        guard let index = names.firstIndex(of: name) else { return "#ffffff" }
        if let colors, index < colors.count { return colors[index] }
        return ChartPalette.categoryColors(count: names.count)[index]
    }

    /// The map's geometry at `width` × `height`.
    func layout(width: Double, height: Double) -> Layout {
        let margin = XYFrame.margin
        let tickSize = XYFrame.tickSize
        let rowCount = max(rowLabels.count, cells.count)
        let columnCount = max(columnLabels.count, cells.map(\.count).max() ?? 0)

        let heading = header(title: title, subtitle: subtitle, width: width)
        let top = heading.bottom + 8
        let captionLines = captionLayout(caption, width: width)
        let captionHeight = captionLines.isEmpty ? 0 : Double(captionLines.count) * (XYFrame.captionSize + 3) + 8

        let rowLabelWidth = rowLabels.map { TextMetrics.width($0, size: tickSize) }.max() ?? 0
        let left = margin + (yLabel.isEmpty ? 0 : XYFrame.axisTitleSize + 8) + rowLabelWidth + 8
        let right = width - margin
        let legend = Legend(
            entries: orderedCategories.map { LegendEntry(label: $0, lineColor: nil, fillColor: color($0)) }, title: nil)
        let legendHeight = legend.flowHeight(maxWidth: width - left - margin)

        let cellWidth = (right - left) / Double(max(columnCount, 1))
        let widestColumnLabel = columnLabels.map { TextMetrics.width($0, size: tickSize) }.max() ?? 0
        let rotateColumns = widestColumnLabel > cellWidth - 4
        let columnLabelHeight = rotateColumns ? widestColumnLabel * 0.71 + tickSize : tickSize + 4
        let bottomBlock =
            6 + columnLabelHeight + (xLabel.isEmpty ? 0 : XYFrame.axisTitleSize + 10) + 8
            + legendHeight + captionHeight + margin - 4
        let gridBottom = max(height - bottomBlock, top + 20)
        let cellHeight = (gridBottom - top) / Double(max(rowCount, 1))
        return Layout(
            top: top, left: left, right: right, gridBottom: gridBottom, cellWidth: cellWidth, cellHeight: cellHeight,
            rotateColumns: rotateColumns, columnLabelHeight: columnLabelHeight, legend: legend, captionLines: captionLines,
            heading: heading, rowCount: rowCount, columnCount: columnCount)
    }

    /// The text of cell (`r`, `c`): its `cellText`, else its category.
    func label(_ r: Int, _ c: Int) -> String {
        if let cellText, r < cellText.count, c < cellText[r].count { return cellText[r][c] }
        return r < cells.count && c < cells[r].count ? cells[r][c] : ""
    }

    /// Every cell's text, row by row.
    var allLabels: [String] {
        let rowCount = max(rowLabels.count, cells.count)
        let columnCount = max(columnLabels.count, cells.map(\.count).max() ?? 0)
        return (0..<rowCount).flatMap { r in (0..<columnCount).map { c in label(r, c) } }
    }

    /// The font size of the cells' text at `width` × `height` (one for all cells).
    public func cellFontSize(width: Double, height: Double) -> Double {
        let l = layout(width: width, height: height)
        return Self.uniformCellFontSize(allLabels, width: l.textWidth, height: l.textHeight)
    }

    /// Whether every cell's text fits its cell at font size `fontSize` or larger at `width` ×
    /// `height`, so that none is cut short with "…".
    public func labelsFit(width: Double, height: Double, fontSize: Double = CategoryMap.minCellFontSize) -> Bool {
        let l = layout(width: width, height: height)
        return allLabels.allSatisfy { text in
            text.isEmpty
                || Self.lineOptions(text).contains { Self.fittingSize($0, width: l.textWidth, height: l.textHeight) >= fontSize - 1e-9 }
        }
    }

    /// The smallest size, at least `width` × `height` and grown in steps of 5 %, at which every
    /// cell's text fits at `fontSize` (see ``labelsFit(width:height:fontSize:)``): wider where a
    /// line is too long for its cell however the text is wrapped, else taller. Gives up, at the
    /// size reached, after 60 steps.
    public func fittedSize(width: Double, height: Double, fontSize: Double = 9) -> (width: Double, height: Double) {
        var (w, h) = (width, height)
        for _ in 0..<60 {
            if labelsFit(width: w, height: h, fontSize: fontSize) { break }
            let l = layout(width: w, height: h)
            // A text whose every wrapping is too wide needs wider cells; otherwise taller ones.
            let tooWide = allLabels.contains { text in
                !text.isEmpty
                    && !Self.lineOptions(text).contains { lines in
                        (lines.map { TextMetrics.width($0, size: fontSize) }.max() ?? 0) <= l.textWidth
                    }
            }
            if tooWide { w = (w * 1.05).rounded() } else { h = (h * 1.05).rounded() }
        }
        return (w, h)
    }

    /// The map as an `SVGDocument`.
    public func document(width: Double = 720, height: Double = 460) -> SVGDocument {
        let margin = XYFrame.margin
        let tickSize = XYFrame.tickSize
        let l = layout(width: width, height: height)
        let (top, left, right, gridBottom) = (l.top, l.left, l.right, l.gridBottom)
        let (cellWidth, cellHeight, rowCount, columnCount) = (l.cellWidth, l.cellHeight, l.rowCount, l.columnCount)
        let (rotateColumns, columnLabelHeight, legend, captionLines, heading) =
            (l.rotateColumns, l.columnLabelHeight, l.legend, l.captionLines, l.heading)
        let fontSize = Self.uniformCellFontSize(allLabels, width: l.textWidth, height: l.textHeight)

        var document = SVGDocument(width: width, height: height, title: title)
        var cellElements: [SVGElement] = []
        var textElements: [SVGElement] = []
        for r in 0..<rowCount {
            for c in 0..<columnCount {
                let x = left + Double(c) * cellWidth
                let y = top + Double(r) * cellHeight
                let category = r < cells.count && c < cells[r].count ? cells[r][c] : ""
                let fill = category.isEmpty ? "#ffffff" : color(category)
                cellElements.append(
                    .rect(
                        x: x, y: y, width: cellWidth, height: cellHeight, style: SVGStyle(stroke: "#ffffff", strokeWidth: 1.5, fill: fill)))
                textElements += Self.cellLabel(
                    label(r, c), fontSize: fontSize, centreX: x + cellWidth / 2, centreY: y + cellHeight / 2,
                    width: cellWidth - 8,
                    height: cellHeight - 4, color: ChartPalette.textColor(on: fill))
            }
        }
        document.add(.group(cellElements, id: "cells"))
        document.add(.group(textElements, id: "cell-labels"))

        var axisElements: [SVGElement] = []
        for (r, label) in rowLabels.enumerated() {
            let cy = top + (Double(r) + 0.5) * cellHeight
            axisElements.append(
                .text(
                    label, x: left - 6, y: cy + tickSize * 0.36, style: SVGTextStyle(size: tickSize, anchor: .end, color: ChartPalette.axis)
                ))
        }
        for (c, label) in columnLabels.enumerated() {
            let cx = left + (Double(c) + 0.5) * cellWidth
            if rotateColumns {
                axisElements.append(
                    .text(
                        label, x: cx + tickSize * 0.3, y: gridBottom + 8,
                        style: SVGTextStyle(size: tickSize, anchor: .end, color: ChartPalette.axis, rotation: -45)))
            } else {
                axisElements.append(
                    .text(
                        label, x: cx, y: gridBottom + 6 + tickSize,
                        style: SVGTextStyle(size: tickSize, anchor: .middle, color: ChartPalette.axis)))
            }
        }
        document.add(.group(axisElements, id: "axis-labels"))

        var cursor = gridBottom + 6 + columnLabelHeight
        if !xLabel.isEmpty {
            cursor += XYFrame.axisTitleSize + 4
            document.add(
                .text(
                    xLabel, x: (left + right) / 2, y: cursor,
                    style: SVGTextStyle(size: XYFrame.axisTitleSize, anchor: .middle, color: ChartPalette.axis)))
            cursor += 6
        }
        if !yLabel.isEmpty {
            document.add(
                .text(
                    yLabel, x: margin + XYFrame.axisTitleSize * 0.8, y: (top + gridBottom) / 2,
                    style: SVGTextStyle(size: XYFrame.axisTitleSize, anchor: .middle, color: ChartPalette.axis, rotation: -90)))
        }
        cursor += 8
        document.add(legend.drawFlow(x: left, y: cursor, maxWidth: width - left - margin))

        document.add(contentsOf: heading.elements)
        if !captionLines.isEmpty { document.add(captionElement(captionLines, height: height)) }
        return document
    }

    public static let maxCellFontSize = 12.0
    public static let minCellFontSize = 7.5

    /// The most lines a cell's text is wrapped into.
    static let maxCellLines = 4

    /// The ways to break `line` in two: at a space (dropped), or after a `+`, `/` or `-` that
    /// follows a letter or digit and precedes a letter (kept on the first line: "predictor+" /
    /// "iterate"; never inside a number such as "-0.5").
    static func breaks(_ line: String) -> [[String]] {
        let chars = Array(line)
        var result: [[String]] = []
        for i in chars.indices where i > 0 && i < chars.count - 1 {
            if chars[i] == " " {
                let a = String(chars[..<i]).trimmingCharacters(in: .whitespaces)
                let b = String(chars[(i + 1)...]).trimmingCharacters(in: .whitespaces)
                if !a.isEmpty && !b.isEmpty { result.append([a, b]) }
            } else if "+/-".contains(chars[i]), chars[i - 1].isLetter || chars[i - 1].isNumber, chars[i + 1].isLetter {
                result.append([String(chars[...i]), String(chars[(i + 1)...])])
            }
        }
        return result
    }

    /// Ways to lay out a cell's text, fewest lines first: as given (explicit newlines), then
    /// with its widest line broken in two at the most even place (``breaks(_:)``), again and
    /// again up to ``maxCellLines`` lines or until the widest line has no place to break.
    static func lineOptions(_ text: String) -> [[String]] {
        var current = text.split(separator: "\n").map(String.init)
        var options = [current]
        while !current.isEmpty && current.count < maxCellLines {
            let widest = current.indices.max { TextMetrics.width(current[$0], size: 1) < TextMetrics.width(current[$1], size: 1) }!
            let best = breaks(current[widest]).min { a, b in
                a.map { TextMetrics.width($0, size: 1) }.max()! < b.map { TextMetrics.width($0, size: 1) }.max()!
            }
            guard let best else { break }
            current.replaceSubrange(widest...widest, with: best)
            options.append(current)
        }
        return options
    }

    /// The largest font size at which `lines` fit in a `width` × `height` box.
    static func fittingSize(_ lines: [String], width: Double, height: Double) -> Double {
        let widest = lines.map { TextMetrics.width($0, size: 1) }.max() ?? 0
        let byWidth = widest > 0 ? width / widest : maxCellFontSize
        let byHeight = height / (Double(lines.count) * 1.25)
        return min(maxCellFontSize, byWidth, byHeight)
    }

    /// One font size for all cells: the largest at which every cell fits (one or two lines), within 7.5…12.
    static func uniformCellFontSize(_ texts: [String], width: Double, height: Double) -> Double {
        var size = maxCellFontSize
        for text in texts where !text.isEmpty {
            let best = lineOptions(text).map { fittingSize($0, width: width, height: height) }.max() ?? size
            size = min(size, best)
        }
        return max(minCellFontSize, (size * 2).rounded(.down) / 2)
    }

    /// Text elements for one cell at `fontSize`: one line if it fits, else two, else ellipsised.
    static func cellLabel(
        _ text: String, fontSize: Double, centreX: Double, centreY: Double, width: Double, height: Double, color: String
    ) -> [SVGElement] {
        guard !text.isEmpty else { return [] }
        let options = lineOptions(text)
        var lines = options.first { fittingSize($0, width: width, height: height) >= fontSize - 1e-9 } ?? options[options.count - 1]
        lines = lines.map { line in
            guard TextMetrics.width(line, size: fontSize) > width else { return line }
            var cut = line
            while cut.count > 1 && TextMetrics.width(cut + "…", size: fontSize) > width { cut.removeLast() }
            return cut + "…"
        }
        let lineHeight = fontSize * 1.2
        var y = centreY - Double(lines.count - 1) * lineHeight / 2 + fontSize * 0.36
        var elements: [SVGElement] = []
        for line in lines {
            elements.append(.text(line, x: centreX, y: y, style: SVGTextStyle(size: fontSize, anchor: .middle, color: color)))
            y += lineHeight
        }
        return elements
    }
}
