// SPDX-License-Identifier: GPL-3.0-or-later
//
// A minimal, deterministic SVG builder. Elements keep their attributes in
// insertion order and numbers are printed by `SVGFormat`, so the same input
// always yields a byte-identical document, independent of locale and clock.

/// Locale-free number and text formatting used by every SVG writer.
public enum SVGFormat {
    /// Powers of ten that are exact in `Double` (10^0 … 10^15).
    static let powersOfTen: [Double] = (0...15).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Prints `value` with at most `maxDecimals` decimals, trimming trailing zeros down to `minDecimals`.
    ///
    /// Never prints `-0`; non-finite values print as `0`. When `grouping` is true the
    /// integer part gets a comma every three digits (`259,200`). When `unicodeMinus`
    /// is true negative numbers use U+2212 (typographic minus) instead of `-`.
    public static func number(
        _ value: Double, maxDecimals: Int = 2, minDecimals: Int = 0, grouping: Bool = false, unicodeMinus: Bool = false
    ) -> String {
        guard value.isFinite else { return "0" }
        let decimals = min(max(maxDecimals, 0), 15)
        let scale = powersOfTen[decimals]
        let scaled = (value * scale).rounded(.toNearestOrAwayFromZero)
        let minus = unicodeMinus ? "\u{2212}" : "-"
        guard abs(scaled) < 9.0e15 else {
            // Too large for the fixed-point path: print the integer part only.
            let whole = value.rounded(.toNearestOrAwayFromZero)
            if abs(whole) < 9.0e18 {
                let integer = Int64(whole)
                let digits = String(integer.magnitude)
                return (integer < 0 ? minus : "") + (grouping ? group(digits) : digits)
            }
            return value.description
        }
        let total = Int64(scaled)
        let keep = min(max(minDecimals, 0), decimals)
        if total == 0 { return keep > 0 ? "0." + String(repeating: "0", count: keep) : "0" }
        let magnitude = total.magnitude
        let unit = UInt64(scale)
        let integerPart = magnitude / unit
        let fractionPart = magnitude % unit
        var text = String(integerPart)
        if grouping { text = group(text) }
        if decimals > 0 && (fractionPart != 0 || keep > 0) {
            var fraction = String(fractionPart)
            if fraction.count < decimals {
                fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
            }
            while fraction.count > keep && fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return (total < 0 ? minus : "") + text
    }

    /// Inserts a comma every three digits from the right of a string of digits.
    static func group(_ digits: String) -> String {
        var result: [Character] = []
        for (index, character) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return String(result.reversed())
    }

    /// Escapes `& < > " '` for XML text and attribute values and drops characters XML 1.0 forbids.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// A point in SVG user units (pixels, y grows downwards).
struct SVGPoint: Sendable, Equatable {
    /// Horizontal coordinate.
    public var x: Double
    /// Vertical coordinate (downwards).
    public var y: Double

    /// Creates a point.
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// Stroke and fill settings shared by all shapes; `nil` fields are omitted from the output.
public struct SVGStyle: Sendable, Equatable {
    /// Stroke colour (`#rrggbb` or `none`).
    var stroke: String?
    /// Stroke width in user units.
    var strokeWidth: Double?
    /// Fill colour (`#rrggbb` or `none`).
    var fill: String?
    /// Fill opacity 0…1.
    var fillOpacity: Double?
    /// Stroke opacity 0…1.
    var strokeOpacity: Double?
    /// Dash pattern as on/off lengths; empty or `nil` means solid.
    public var dash: [Double]?
    /// Line cap (`butt`, `round`, `square`).
    var lineCap: String?
    /// Line join (`miter`, `round`, `bevel`).
    var lineJoin: String?

    /// Creates a style; every field defaults to "not written".
    public init(
        stroke: String? = nil, strokeWidth: Double? = nil, fill: String? = nil,
        fillOpacity: Double? = nil, strokeOpacity: Double? = nil, dash: [Double]? = nil,
        lineCap: String? = nil, lineJoin: String? = nil
    ) {
        self.stroke = stroke
        self.strokeWidth = strokeWidth
        self.fill = fill
        self.fillOpacity = fillOpacity
        self.strokeOpacity = strokeOpacity
        self.dash = dash
        self.lineCap = lineCap
        self.lineJoin = lineJoin
    }

    /// A stroked line without fill.
    static func stroke(_ color: String, width: Double = 1, dash: [Double]? = nil) -> SVGStyle {
        SVGStyle(stroke: color, strokeWidth: width, fill: "none", dash: dash)
    }

    /// A filled shape without stroke.
    static func fill(_ color: String, opacity: Double? = nil) -> SVGStyle {
        SVGStyle(stroke: "none", fill: color, fillOpacity: opacity)
    }

    /// The attributes this style writes, in a fixed order.
    var attributes: [SVGAttribute] {
        var result: [SVGAttribute] = []
        if let fill { result.append(.init("fill", fill)) }
        if let fillOpacity { result.append(.init("fill-opacity", SVGFormat.number(fillOpacity, maxDecimals: 3))) }
        if let stroke { result.append(.init("stroke", stroke)) }
        if let strokeWidth { result.append(.init("stroke-width", SVGFormat.number(strokeWidth, maxDecimals: 2))) }
        if let strokeOpacity {
            result.append(.init("stroke-opacity", SVGFormat.number(strokeOpacity, maxDecimals: 3)))
        }
        if let dash, !dash.isEmpty {
            result.append(.init("stroke-dasharray", dash.map { SVGFormat.number($0, maxDecimals: 2) }.joined(separator: " ")))
        }
        if let lineCap { result.append(.init("stroke-linecap", lineCap)) }
        if let lineJoin { result.append(.init("stroke-linejoin", lineJoin)) }
        return result
    }
}

/// One `name="value"` pair; the value is escaped when rendered.
public struct SVGAttribute: Sendable, Equatable {
    /// Attribute name.
    public var name: String
    /// Unescaped attribute value.
    public var value: String

    /// Creates an attribute.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// Horizontal alignment of a text element relative to its anchor point.
public enum TextAnchor: String, Sendable, Equatable {
    /// The anchor is the left end of the text.
    case start
    /// The anchor is the centre of the text.
    case middle
    /// The anchor is the right end of the text.
    case end
}

/// Font settings for a text element.
public struct SVGTextStyle: Sendable, Equatable {
    /// Font size in user units.
    public var size: Double
    /// Horizontal alignment.
    var anchor: TextAnchor
    /// Text colour.
    public var color: String
    /// Bold text when true.
    public var bold: Bool
    /// Italic text when true.
    var italic: Bool
    /// Rotation in degrees around the anchor point (e.g. -90 for a y-axis title).
    var rotation: Double

    /// Creates a text style.
    public init(
        size: Double = 12, anchor: TextAnchor = .start, color: String = "#222222",
        bold: Bool = false, italic: Bool = false, rotation: Double = 0
    ) {
        self.size = size
        self.anchor = anchor
        self.color = color
        self.bold = bold
        self.italic = italic
        self.rotation = rotation
    }
}

/// Marker shapes that stay distinguishable when printed in greyscale.
public enum MarkerShape: String, Sendable, Equatable, CaseIterable {
    /// A disc.
    case circle
    /// An axis-aligned square.
    case square
    /// An upward triangle.
    case triangle
    /// A square rotated by 45°.
    case diamond
    /// An upright "+" cross (stroke only).
    case cross
    /// A diagonal "×" cross (stroke only).
    case xCross
    /// No marker.
    case none
}

/// One SVG element with ordered attributes, optional text content and children.
public struct SVGElement: Sendable, Equatable {
    /// Tag name, e.g. `line` or `g`.
    public var name: String
    /// Attributes in output order.
    var attributes: [SVGAttribute]
    /// Text content (escaped when rendered).
    public var text: String?
    /// Child elements.
    var children: [SVGElement]

    /// Creates an element from its parts.
    public init(name: String, attributes: [SVGAttribute] = [], text: String? = nil, children: [SVGElement] = []) {
        self.name = name
        self.attributes = attributes
        self.text = text
        self.children = children
    }

    static func n(_ value: Double) -> String { SVGFormat.number(value, maxDecimals: 2) }

    static func pointList(_ points: [SVGPoint]) -> String {
        points.map { n($0.x) + "," + n($0.y) }.joined(separator: " ")
    }

    /// A straight line segment.
    public static func line(x1: Double, y1: Double, x2: Double, y2: Double, style: SVGStyle) -> SVGElement {
        SVGElement(
            name: "line",
            attributes: [.init("x1", n(x1)), .init("y1", n(y1)), .init("x2", n(x2)), .init("y2", n(y2))]
                + style.attributes)
    }

    /// An open polyline through `points`.
    static func polyline(_ points: [SVGPoint], style: SVGStyle) -> SVGElement {
        SVGElement(name: "polyline", attributes: [.init("points", pointList(points))] + style.attributes)
    }

    /// A closed polygon (used for confidence bands).
    static func polygon(_ points: [SVGPoint], style: SVGStyle) -> SVGElement {
        SVGElement(name: "polygon", attributes: [.init("points", pointList(points))] + style.attributes)
    }

    /// A path with the given path data.
    public static func path(_ data: String, style: SVGStyle) -> SVGElement {
        SVGElement(name: "path", attributes: [.init("d", data)] + style.attributes)
    }

    /// A rectangle, optionally with rounded corners.
    static func rect(
        x: Double, y: Double, width: Double, height: Double, style: SVGStyle, cornerRadius: Double = 0
    ) -> SVGElement {
        var attributes: [SVGAttribute] = [
            .init("x", n(x)), .init("y", n(y)), .init("width", n(max(width, 0))), .init("height", n(max(height, 0)))
        ]
        if cornerRadius > 0 { attributes.append(.init("rx", n(cornerRadius))) }
        return SVGElement(name: "rect", attributes: attributes + style.attributes)
    }

    /// A circle.
    public static func circle(cx: Double, cy: Double, r: Double, style: SVGStyle) -> SVGElement {
        SVGElement(name: "circle", attributes: [.init("cx", n(cx)), .init("cy", n(cy)), .init("r", n(r))] + style.attributes)
    }

    /// A data marker of the given shape centred on (`cx`, `cy`); `size` is the nominal diameter.
    public static func marker(_ shape: MarkerShape, cx: Double, cy: Double, size: Double, style: SVGStyle) -> SVGElement? {
        let h = size / 2
        switch shape {
        case .none:
            return nil
        case .circle:
            return circle(cx: cx, cy: cy, r: h, style: style)
        case .square:
            let s = size * 0.88
            return rect(x: cx - s / 2, y: cy - s / 2, width: s, height: s, style: style)
        case .triangle:
            let r = size * 0.62
            return polygon(
                [SVGPoint(cx, cy - r), SVGPoint(cx + r * 0.866, cy + r * 0.5), SVGPoint(cx - r * 0.866, cy + r * 0.5)],
                style: style)
        case .diamond:
            let r = size * 0.64
            return polygon(
                [SVGPoint(cx, cy - r), SVGPoint(cx + r, cy), SVGPoint(cx, cy + r), SVGPoint(cx - r, cy)], style: style)
        case .cross, .xCross:
            let r = h * 1.05
            var lineStyle = style
            lineStyle.fill = "none"
            if lineStyle.stroke == nil || lineStyle.stroke == "none" || lineStyle.stroke == "#ffffff" {
                lineStyle.stroke = style.fill ?? "#000000"
            }
            lineStyle.strokeWidth = max(style.strokeWidth ?? 1.5, 1.5)
            let d: String
            if shape == .cross {
                d = "M\(n(cx - r)) \(n(cy))H\(n(cx + r))M\(n(cx)) \(n(cy - r))V\(n(cy + r))"
            } else {
                let q = r * 0.8
                d = "M\(n(cx - q)) \(n(cy - q))L\(n(cx + q)) \(n(cy + q))M\(n(cx - q)) \(n(cy + q))L\(n(cx + q)) \(n(cy - q))"
            }
            return path(d, style: lineStyle)
        }
    }

    /// A single line of text anchored at (`x`, `y`) (the baseline).
    public static func text(_ content: String, x: Double, y: Double, style: SVGTextStyle = SVGTextStyle()) -> SVGElement {
        var attributes: [SVGAttribute] = [
            .init("x", n(x)), .init("y", n(y)), .init("font-size", n(style.size))
        ]
        if style.anchor != .start { attributes.append(.init("text-anchor", style.anchor.rawValue)) }
        attributes.append(.init("fill", style.color))
        if style.bold { attributes.append(.init("font-weight", "bold")) }
        if style.italic { attributes.append(.init("font-style", "italic")) }
        if style.rotation != 0 {
            attributes.append(.init("transform", "rotate(\(n(style.rotation)) \(n(x)) \(n(y)))"))
        }
        return SVGElement(name: "text", attributes: attributes, text: content)
    }

    /// A group of elements, optionally clipped to a clip path defined in the document.
    static func group(_ children: [SVGElement], id: String? = nil, clipPathID: String? = nil, style: SVGStyle? = nil) -> SVGElement {
        var attributes: [SVGAttribute] = []
        if let id { attributes.append(.init("id", id)) }
        if let clipPathID { attributes.append(.init("clip-path", "url(#\(clipPathID))")) }
        if let style { attributes += style.attributes }
        return SVGElement(name: "g", attributes: attributes, children: children)
    }

    /// Appends this element's XML to `output` at the given indentation depth.
    func write(into output: inout String, depth: Int) {
        let indent = String(repeating: "  ", count: depth)
        output += indent + "<" + name
        for attribute in attributes {
            output += " " + attribute.name + "=\"" + SVGFormat.escape(attribute.value) + "\""
        }
        if children.isEmpty && text == nil {
            output += "/>\n"
            return
        }
        output += ">"
        if let text { output += SVGFormat.escape(text) }
        if !children.isEmpty {
            output += "\n"
            for child in children { child.write(into: &output, depth: depth + 1) }
            output += indent
        }
        output += "</" + name + ">\n"
    }
}

/// A rectangular clip path with an id, referenced by groups.
struct SVGClipRect: Sendable, Equatable {
    /// The id used in `url(#id)`.
    var id: String
    /// Left edge.
    public var x: Double
    /// Top edge.
    public var y: Double
    /// Width.
    public var width: Double
    /// Height.
    public var height: Double

    /// Creates a clip rectangle.
    public init(id: String, x: Double, y: Double, width: Double, height: Double) {
        self.id = id
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// A whole SVG image: size, optional title, clip paths and top-level elements.
public struct SVGDocument: Sendable, Equatable {
    /// Width in pixels.
    public var width: Double
    /// Height in pixels.
    public var height: Double
    /// Accessible title written as `<title>` (not drawn).
    public var title: String?
    /// Background colour painted under everything.
    public var background: String
    /// Rectangular clip paths, written into `<defs>` in this order.
    var clipRects: [SVGClipRect] = []
    /// Top-level elements in paint order.
    var elements: [SVGElement] = []

    /// Creates an empty document with a white background.
    public init(width: Double, height: Double, title: String? = nil, background: String = "#ffffff") {
        self.width = width
        self.height = height
        self.title = title
        self.background = background
    }

    /// Appends one element.
    public mutating func add(_ element: SVGElement) {
        elements.append(element)
    }

    /// Appends an optional element (convenient with `SVGElement.marker`).
    public mutating func add(_ element: SVGElement?) {
        if let element { elements.append(element) }
    }

    /// Appends several elements.
    public mutating func add(contentsOf newElements: [SVGElement]) {
        elements.append(contentsOf: newElements)
    }

    /// Defines a rectangular clip path usable by `SVGElement.group(_:clipPathID:)`.
    mutating func addClipRect(id: String, x: Double, y: Double, width: Double, height: Double) {
        clipRects.append(SVGClipRect(id: id, x: x, y: y, width: width, height: height))
    }

    /// The complete SVG text: XML declaration, `<svg>` root with size and viewBox, white background.
    public func render() -> String {
        let n = SVGElement.n
        var output = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
        output += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\""
        output += " width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\""
        output += " font-family=\"sans-serif\">\n"
        if let title { output += "  <title>" + SVGFormat.escape(title) + "</title>\n" }
        if !clipRects.isEmpty {
            output += "  <defs>\n"
            for clip in clipRects {
                output += "    <clipPath id=\"\(SVGFormat.escape(clip.id))\">"
                output += "<rect x=\"\(n(clip.x))\" y=\"\(n(clip.y))\" width=\"\(n(clip.width))\" height=\"\(n(clip.height))\"/>"
                output += "</clipPath>\n"
            }
            output += "  </defs>\n"
        }
        output += "  <rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"\(SVGFormat.escape(background))\"/>\n"
        for element in elements { element.write(into: &output, depth: 1) }
        output += "</svg>\n"
        return output
    }
}
