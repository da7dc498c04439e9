import GeoCore

/// The shared `Style`s and `StyleMap`s of one layer: one normal/highlight pair for the
/// layer's own colour and one per category, each category with its own colour and (for
/// points) its own Google Earth shape icon.
struct KMLStyleSheet {
    /// Google Earth's built-in shape icons, white so `IconStyle/color` tints them.
    static let icons = [
        "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png",
        "http://maps.google.com/mapfiles/kml/shapes/triangle.png",
        "http://maps.google.com/mapfiles/kml/shapes/star.png",
        "http://maps.google.com/mapfiles/kml/shapes/placemark_square.png",
        "http://maps.google.com/mapfiles/kml/shapes/donut.png",
        "http://maps.google.com/mapfiles/kml/shapes/target.png",
    ]

    struct Entry {
        /// The StyleMap id placemarks refer to; the two Styles add `-n` and `-h`.
        var id: String
        /// `aabbggrr` at full opacity.
        var lineColor: String
        /// `aabbggrr` with the layer's fill opacity.
        var fillColor: String
        var icon: String
    }

    let layerKey: String
    let base: Entry
    /// One entry per `layer.style.categories`, same order.
    let categories: [Entry]
    /// Category value to index in `categories`.
    let categoryIndex: [String: Int]
    /// Index of the category field among the layer's fields.
    let categoryFieldIndex: Int?

    init(layer: Layer, layerKey: String) throws {
        self.layerKey = layerKey
        let style = layer.style
        let alpha = UInt8((min(max(style.fillOpacity, 0), 1) * 255).rounded())
        func entry(_ id: String, _ color: String, _ icon: String) throws -> Entry {
            guard let line = KMLStyleSheet.kmlColor(color, alpha: 255),
                  let fill = KMLStyleSheet.kmlColor(color, alpha: alpha) else {
                throw ExportError.invalidLayer(layer: layer.name, reason: "colour \(color) is not #RRGGBB")
            }
            return Entry(id: id, lineColor: line, fillColor: fill, icon: icon)
        }
        base = try entry(layerKey, style.color, KMLStyleSheet.icons[0])
        var entries: [Entry] = []
        var index: [String: Int] = [:]
        for (i, category) in style.categories.enumerated() {
            entries.append(try entry("\(layerKey)-c\(i + 1)", category.color,
                                     KMLStyleSheet.icons[(i + 1) % KMLStyleSheet.icons.count]))
            if index[category.value] == nil { index[category.value] = i }
        }
        categories = entries
        categoryIndex = index
        categoryFieldIndex = style.categoryField.flatMap { layer.fieldIndex($0) }
    }

    /// The category index of a feature, or nil when it falls in none.
    func category(of feature: Feature) -> Int? {
        guard let field = categoryFieldIndex else { return nil }
        return category(ofValue: feature.values[field])
    }

    /// The category index of a value of the category field, or nil when it falls in none.
    func category(ofValue value: PropertyValue) -> Int? {
        value.textValue.flatMap { categoryIndex[$0] }
    }

    /// The StyleMap id for a feature.
    func styleID(for feature: Feature) -> String {
        styleID(ofCategory: category(of: feature))
    }

    /// The StyleMap id for category `category` (an index in `categories`), or the base one.
    func styleID(ofCategory category: Int?) -> String {
        category.map { categories[$0].id } ?? base.id
    }

    /// Appends every Style and StyleMap of the layer.
    func append<Sink: ByteSink & ~Copyable>(geometryKinds kinds: Set<String>, lineWidth: Double, to out: inout Sink) {
        for entry in [base] + categories {
            appendStyle(entry, suffix: "n", highlight: false, kinds: kinds, lineWidth: lineWidth, to: &out)
            appendStyle(entry, suffix: "h", highlight: true, kinds: kinds, lineWidth: lineWidth, to: &out)
            out.append(contentsOf: "<StyleMap id=\"".utf8)
            out.append(contentsOf: entry.id.utf8)
            out.append(contentsOf: "\"><Pair><key>normal</key><styleUrl>#".utf8)
            out.append(contentsOf: entry.id.utf8)
            out.append(contentsOf: "-n</styleUrl></Pair><Pair><key>highlight</key><styleUrl>#".utf8)
            out.append(contentsOf: entry.id.utf8)
            out.append(contentsOf: "-h</styleUrl></Pair></StyleMap>\n".utf8)
        }
    }

    private func appendStyle<Sink: ByteSink & ~Copyable>(_ entry: Entry, suffix: String, highlight: Bool,
                                                         kinds: Set<String>, lineWidth: Double, to out: inout Sink) {
        // Schema order inside Style: IconStyle, LabelStyle, LineStyle, PolyStyle.
        out.append(contentsOf: "<Style id=\"\(entry.id)-\(suffix)\">".utf8)
        if kinds.contains("point") {
            let scale = highlight ? "1.3" : "1.0"
            out.append(contentsOf: "<IconStyle><color>\(entry.lineColor)</color><scale>\(scale)</scale>".utf8)
            out.append(contentsOf: "<Icon><href>\(entry.icon)</href></Icon></IconStyle>".utf8)
            // Labels of thousands of points would hide the map; show them on hover only.
            out.append(contentsOf: "<LabelStyle><scale>\(highlight ? "1.0" : "0.0")</scale></LabelStyle>".utf8)
        }
        if kinds.contains("line") || kinds.contains("polygon") {
            let width = highlight ? lineWidth * 2 : lineWidth
            out.append(contentsOf: "<LineStyle><color>\(entry.lineColor)</color><width>".utf8)
            NumberText.appendFixed6(width, to: &out)
            out.append(contentsOf: "</width></LineStyle>".utf8)
        }
        if kinds.contains("polygon") {
            out.append(contentsOf: "<PolyStyle><color>\(entry.fillColor)</color><fill>1</fill>".utf8)
            out.append(contentsOf: "<outline>1</outline></PolyStyle>".utf8)
        }
        out.append(contentsOf: "</Style>\n".utf8)
    }

    /// `#RRGGBB` as KML's `aabbggrr`; nil when malformed.
    static func kmlColor(_ hex: String, alpha: UInt8) -> String? {
        let digits = Array(hex.utf8)
        guard digits.count == 7, digits[0] == UInt8(ascii: "#"),
              digits[1...].allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 102) })
        else { return nil }
        let rgb = String(decoding: digits[1...], as: UTF8.self).lowercased()
        let r = rgb.prefix(2), g = rgb.dropFirst(2).prefix(2), b = rgb.suffix(2)
        let a = String(alpha, radix: 16)
        return (a.count == 1 ? "0" + a : a) + b + g + r
    }

    /// `text` made into an XML NCName (an `id`): letters, digits, `_`, `-`, `.`; a leading
    /// digit, `-` or `.` gets a `_` in front.
    static func ncName(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            let ok = (s.value < 128 && (isASCIIAlphanumeric(s) || s == "_" || s == "-" || s == "."))
            scalars.append(ok ? s : "_")
        }
        var name = String(scalars)
        if name.isEmpty || !(name.unicodeScalars.first!.properties.isAlphabetic || name.first == "_") {
            name = "_" + name
        }
        return name
    }
}

private func isASCIIAlphanumeric(_ s: Unicode.Scalar) -> Bool {
    (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9")
}
