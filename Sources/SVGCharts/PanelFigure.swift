// SPDX-License-Identifier: GPL-3.0-or-later
//
// Multi-panel figures for the report: charts laid out in a grid under one title, with an
// optional shared legend, each panel's ids and clip paths prefixed so they stay unique.

import Foundation

/// A grid of chart documents under one title, with an optional legend shared by all panels.
public struct PanelFigure: Sendable {
    public var title: String
    public var subtitle: String?
    public var caption: String?
    /// Panels row by row; `nil` leaves a cell empty.
    public var rows: [[SVGDocument?]]
    public var legend: Legend?

    public init(title: String, subtitle: String? = nil, caption: String? = nil, rows: [[SVGDocument?]], legend: Legend? = nil) {
        (self.title, self.subtitle, self.caption, self.rows, self.legend) = (title, subtitle, caption, rows, legend)
    }

    /// The composite document; width is the widest row, panels keep their own sizes.
    public func document() -> SVGDocument {
        let rowWidths = rows.map { $0.reduce(0) { $0 + ($1?.width ?? 0) } }
        let columnCount = rows.map(\.count).max() ?? 0
        var columnWidths = [Double](repeating: 0, count: columnCount)
        for row in rows {
            for (c, panel) in row.enumerated() { columnWidths[c] = max(columnWidths[c], panel?.width ?? 0) }
        }
        let width = max(columnWidths.reduce(0, +), rowWidths.max() ?? 0, 300)
        let head = header(title: title, subtitle: subtitle, width: width)
        var y = head.bottom + 4
        var elements: [SVGElement] = head.elements
        if let legend, !legend.isEmpty {
            let maxWidth = width - 2 * XYFrame.margin
            elements.append(legend.drawFlow(x: XYFrame.margin, y: y, maxWidth: maxWidth))
            y += legend.flowHeight(maxWidth: maxWidth) + 2
        }
        var clips: [SVGClipRect] = []
        var index = 0
        for row in rows {
            var x = 0.0
            var rowHeight = 0.0
            for (c, panel) in row.enumerated() {
                defer { x += columnWidths[c] }
                guard let panel else { continue }
                index += 1
                let prefix = "p\(index)-"
                for clip in panel.clipRects {
                    var renamed = clip
                    renamed.id = prefix + clip.id
                    clips.append(renamed)
                }
                elements.append(
                    SVGElement(
                        name: "g",
                        attributes: [
                            .init("id", "panel-\(index)"),
                            .init("transform", "translate(\(SVGElement.n(x)) \(SVGElement.n(y)))")
                        ],
                        children: panel.elements.map { Self.prefixed($0, prefix) }))
                rowHeight = max(rowHeight, panel.height)
            }
            y += rowHeight
        }
        let captionLines = captionLayout(caption, width: width)
        let captionHeight = captionLines.isEmpty ? 0 : Double(captionLines.count) * (XYFrame.captionSize + 3) + 6
        let height = y + captionHeight
        if !captionLines.isEmpty { elements.append(captionElement(captionLines, height: height)) }
        var document = SVGDocument(width: width, height: height, title: title)
        document.clipRects = clips
        document.elements = elements
        return document
    }

    /// `element` with its (and its children's) ids and clip-path references prefixed.
    static func prefixed(_ element: SVGElement, _ prefix: String) -> SVGElement {
        var copy = element
        copy.attributes = element.attributes.map { attribute in
            switch attribute.name {
            case "id": return SVGAttribute("id", prefix + attribute.value)
            case "clip-path" where attribute.value.hasPrefix("url(#"):
                return SVGAttribute("clip-path", "url(#" + prefix + attribute.value.dropFirst(5))
            default: return attribute
            }
        }
        copy.children = element.children.map { prefixed($0, prefix) }
        return copy
    }
}

extension Legend {
    /// Legend entries for line-chart series as `LineChart` draws them (line, marker, band swatch),
    /// followed by one entry per distinct band label.
    public static func forSeries(_ series: [Series], showMarkers: Bool = true) -> Legend {
        var entries: [LegendEntry] = []
        var bandLabels: [(String, Double)] = []
        for (i, s) in series.enumerated() {
            let style = s.style ?? ChartPalette.seriesStyle(i)
            var opacities: [Double] = []
            for (slot, band) in [s.band, s.secondBand].enumerated() {
                guard let band else { continue }
                let opacity = band.opacity ?? (slot == 0 ? LineChart.defaultBandOpacity : LineChart.defaultSecondBandOpacity)
                opacities.append(opacity)
                if let label = band.label, !bandLabels.contains(where: { $0.0 == label }) { bandLabels.append((label, opacity)) }
            }
            entries.append(
                LegendEntry(
                    label: s.name, lineColor: style.color, lineDash: style.dash, lineWidth: style.lineWidth,
                    marker: showMarkers ? style.marker : .none, markerStyle: style.markerStyle, markerSize: style.markerSize,
                    fillColor: opacities.isEmpty ? nil : style.color, fillOpacities: opacities))
        }
        for (label, opacity) in bandLabels {
            entries.append(LegendEntry(label: label, lineColor: nil, fillColor: "#333333", fillOpacities: [opacity]))
        }
        return Legend(entries: entries, title: nil)
    }
}
