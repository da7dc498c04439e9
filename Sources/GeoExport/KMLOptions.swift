import GeoCore

/// A KML `TimeSpan`: the days a feature is shown by Google Earth's time slider.
public struct KMLTimeSpan: Sendable, Hashable {
    /// First day, `YYYY-MM-DD`.
    public var begin: String
    /// Day after the last day, `YYYY-MM-DD` (a KML date is the start of that day, so a
    /// one-day span from 2024-03-01 ends at 2024-03-02).
    public var end: String

    public init(begin: String, end: String) {
        self.begin = begin
        self.end = end
    }

    /// A span of `days` whole days (at least one) starting on `date` (`YYYY-MM-DD`);
    /// nil when `date` is not a real day.
    public init?(date: String, days: Int) {
        guard let start = CalendarDate(iso: date) else { return nil }
        begin = start.description
        end = start.adding(days: max(1, days)).description
    }
}

/// How `KMLWriter` gives each placemark its `TimeSpan`.
public enum KMLTimeSpanRule: Sendable {
    /// No time spans.
    case none
    /// Reads the date field name from the layer metadata key `KMLWriter.timeFieldKey` and
    /// the span-in-days field from `KMLWriter.spanDaysFieldKey`; layers without the first
    /// key get no time spans. The default.
    case fromLayerMetadata
    /// The same date and span-in-days fields for every layer that has them; a missing or
    /// null span is one day.
    case fields(date: String, spanDays: String?)
    /// The caller decides per feature.
    case custom(@Sendable (Layer, Feature) -> KMLTimeSpan?)
    /// The caller looks at each layer once (to find its fields) and returns how to find a
    /// feature's first day (`YYYY-MM-DD`) and length in days (nil: no span). Spans are
    /// built once per distinct day and length, as for `fields`.
    case perLayer(@Sendable (Layer) -> @Sendable (Feature) -> (date: String, days: Int)?)
}

/// What goes into each placemark's `description` balloon.
public enum KMLDescription: Sendable {
    /// No description (Google Earth still lists the `ExtendedData`).
    case none
    /// An HTML table of every field and its value, escaped; unknown values read "unknown".
    case fieldTable
    /// HTML from the caller, written in CDATA; nil gives no description for that feature.
    /// Escape the values put into it with `TextEscaping.html(_:)`.
    case custom(@Sendable (Layer, Feature) -> String?)
    /// The caller looks at each layer once (to find its fields) and returns the template
    /// that fills a feature's balloon; a balloon left empty gives no description.
    case perLayer(@Sendable (Layer) -> @Sendable (Feature, inout BalloonHTML) -> Void)
}

/// Options of `KMLWriter`.
public struct KMLOptions: Sendable {
    /// The Document's name, shown at the top of Google Earth's Places panel.
    public var documentName: String
    public var timeSpans: KMLTimeSpanRule
    public var description: KMLDescription
    /// Also writes each non-null value of a `.kml` as an untyped `<Data>` element beside the
    /// typed `SchemaData`, for readers that ignore schemas. A KMZ always gets `<Data>` only:
    /// GDAL 3.6's LIBKML reader cannot resolve the schema inside a KMZ and then drops both
    /// `SchemaData` and any `<Data>` beside it (checked with ogrinfo), so every attribute
    /// would be lost to QGIS.
    public var writesUntypedData: Bool
    /// Puts a point layer's placemarks into one sub-folder per category of its style. A KMZ
    /// never gets them: GDAL 3.6's LIBKML reader drops every attribute of the first
    /// sub-folder of a layer inside a KMZ (checked with ogrinfo), so the KMZ stays flat.
    public var categorySubfolders: Bool

    public init(documentName: String = "incidentmap", timeSpans: KMLTimeSpanRule = .fromLayerMetadata,
                description: KMLDescription = .fieldTable, writesUntypedData: Bool = false,
                categorySubfolders: Bool = true) {
        self.documentName = documentName
        self.timeSpans = timeSpans
        self.description = description
        self.writesUntypedData = writesUntypedData
        self.categorySubfolders = categorySubfolders
    }
}
