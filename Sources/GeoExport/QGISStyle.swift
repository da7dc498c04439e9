import GeoCore

/// A layer's `LayerStyle` as QGIS QML and OGC SLD, stored in the GeoPackage
/// `layer_styles` table. Colours match the KML so both outputs look alike.
struct QGISStyle {
    enum Kind { case marker, line, fill }

    let layer: Layer
    let kind: Kind

    /// A categorised renderer on the style's category field when it has categories (with
    /// an "all other values" class in the layer colour), else a single symbol.
    var qml: String {
        let style = layer.style
        var symbols: [String] = []
        var renderer: String
        if let field = style.categoryField, !style.categories.isEmpty {
            var categories: [String] = []
            for (i, category) in style.categories.enumerated() {
                categories.append("<category value=\"\(xml(category.value))\" label=\"\(xml(category.label))\" "
                                  + "symbol=\"\(i)\" render=\"true\"/>")
                symbols.append(symbol(name: "\(i)", color: category.color))
            }
            let other = style.categories.count
            categories.append("<category value=\"\" label=\"Other\" symbol=\"\(other)\" render=\"true\"/>")
            symbols.append(symbol(name: "\(other)", color: style.color))
            renderer = "<renderer-v2 type=\"categorizedSymbol\" attr=\"\(xml(field))\" symbollevels=\"0\" "
                + "enableorderby=\"0\" forceraster=\"0\">\n<categories>\n" + categories.joined(separator: "\n")
                + "\n</categories>\n<symbols>\n" + symbols.joined(separator: "\n") + "\n</symbols>\n"
                + "<source-symbol>" + symbol(name: "0", color: style.color) + "</source-symbol>\n</renderer-v2>"
        } else {
            renderer = "<renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n"
                + "<symbols>\n" + symbol(name: "0", color: style.color) + "\n</symbols>\n</renderer-v2>"
        }
        return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
            + "<qgis version=\"3.28.0\" styleCategories=\"Symbology|Labeling\">\n" + renderer + "\n</qgis>\n"
    }

    private func symbol(name: String, color: String) -> String {
        let rgb = QGISStyle.rgb(color)
        let opaque = "\(rgb),255"
        let line = number(layer.style.lineWidth)
        let type: String
        let body: String
        switch kind {
        case .marker:
            type = "marker"
            body = "<layer class=\"SimpleMarker\" enabled=\"1\" pass=\"0\" locked=\"0\"><Option type=\"Map\">"
                + option("color", opaque) + option("name", "circle") + option("size", "2.6")
                + option("outline_color", "35,35,35,255") + option("outline_width", "0.2") + "</Option></layer>"
        case .line:
            type = "line"
            body = "<layer class=\"SimpleLine\" enabled=\"1\" pass=\"0\" locked=\"0\"><Option type=\"Map\">"
                + option("line_color", opaque) + option("line_width", line) + option("line_width_unit", "Pixel")
                + option("line_style", "solid") + "</Option></layer>"
        case .fill:
            type = "fill"
            let alpha = Int((min(max(layer.style.fillOpacity, 0), 1) * 255).rounded())
            body = "<layer class=\"SimpleFill\" enabled=\"1\" pass=\"0\" locked=\"0\"><Option type=\"Map\">"
                + option("color", "\(rgb),\(alpha)") + option("style", "solid") + option("outline_color", opaque)
                + option("outline_width", line) + option("outline_width_unit", "Pixel")
                + option("outline_style", "solid") + "</Option></layer>"
        }
        return "<symbol name=\"\(name)\" type=\"\(type)\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">"
            + body + "</symbol>"
    }

    private func option(_ name: String, _ value: String) -> String {
        "<Option name=\"\(name)\" type=\"QString\" value=\"\(xml(value))\"/>"
    }

    /// The same classes as an SLD 1.1 document, for clients that read `styleSLD`.
    var sld: String {
        let style = layer.style
        var rules: [String] = []
        if let field = style.categoryField, !style.categories.isEmpty {
            for category in style.categories {
                rules.append("<se:Rule><se:Name>\(xml(category.label))</se:Name><ogc:Filter><ogc:PropertyIsEqualTo>"
                             + "<ogc:PropertyName>\(xml(field))</ogc:PropertyName><ogc:Literal>\(xml(category.value))"
                             + "</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>"
                             + sldSymbolizer(category.color) + "</se:Rule>")
            }
            rules.append("<se:Rule><se:Name>Other</se:Name><se:ElseFilter/>" + sldSymbolizer(style.color) + "</se:Rule>")
        } else {
            rules.append("<se:Rule><se:Name>\(xml(layer.title))</se:Name>" + sldSymbolizer(style.color) + "</se:Rule>")
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<StyledLayerDescriptor version=\"1.1.0\" "
            + "xmlns=\"http://www.opengis.net/sld\" xmlns:se=\"http://www.opengis.net/se\" "
            + "xmlns:ogc=\"http://www.opengis.net/ogc\"><NamedLayer><se:Name>\(xml(layer.name))</se:Name>"
            + "<UserStyle><se:Name>\(xml(layer.name))</se:Name><se:FeatureTypeStyle>" + rules.joined()
            + "</se:FeatureTypeStyle></UserStyle></NamedLayer></StyledLayerDescriptor>\n"
    }

    private func sldSymbolizer(_ color: String) -> String {
        let hex = xml(color)
        let width = number(layer.style.lineWidth)
        switch kind {
        case .marker:
            return "<se:PointSymbolizer><se:Graphic><se:Mark><se:WellKnownName>circle</se:WellKnownName><se:Fill>"
                + "<se:SvgParameter name=\"fill\">\(hex)</se:SvgParameter></se:Fill></se:Mark><se:Size>7</se:Size>"
                + "</se:Graphic></se:PointSymbolizer>"
        case .line:
            return "<se:LineSymbolizer><se:Stroke><se:SvgParameter name=\"stroke\">\(hex)</se:SvgParameter>"
                + "<se:SvgParameter name=\"stroke-width\">\(width)</se:SvgParameter></se:Stroke></se:LineSymbolizer>"
        case .fill:
            return "<se:PolygonSymbolizer><se:Fill><se:SvgParameter name=\"fill\">\(hex)</se:SvgParameter>"
                + "<se:SvgParameter name=\"fill-opacity\">\(number(layer.style.fillOpacity))</se:SvgParameter>"
                + "</se:Fill><se:Stroke><se:SvgParameter name=\"stroke\">\(hex)</se:SvgParameter>"
                + "<se:SvgParameter name=\"stroke-width\">\(width)</se:SvgParameter></se:Stroke></se:PolygonSymbolizer>"
        }
    }

    private func number(_ v: Double) -> String { v.description }

    private func xml(_ text: String) -> String { TextEscaping.html(text) }

    /// `#RRGGBB` as QGIS's `r,g,b`; grey when malformed (the KML writer rejects those first).
    static func rgb(_ hex: String) -> String {
        guard hex.count == 7, hex.first == "#", let v = Int(hex.dropFirst(), radix: 16) else { return "128,128,128" }
        return "\(v >> 16 & 0xFF),\(v >> 8 & 0xFF),\(v & 0xFF)"
    }
}
