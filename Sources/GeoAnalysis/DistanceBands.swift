/// Distance bands from the border, in km: thresholds [5, 10, 30] give "0-5", "5-10",
/// "10-30" and ">30".
public struct DistanceBands: Sendable, Hashable {
    /// Increasing, positive upper limits in km.
    public let thresholds: [Double]
    /// One label per band, `thresholds.count + 1` of them.
    public let labels: [String]

    /// The default bands: 0–5, 5–10, 10–30 and beyond 30 km.
    public static let standard = DistanceBands(thresholds: [5, 10, 30])

    /// Bands split at `thresholds` (km), which must be positive and strictly increasing.
    public init(thresholds: [Double]) {
        precondition(zip(thresholds, thresholds.dropFirst()).allSatisfy { $0 < $1 }
                     && thresholds.allSatisfy { $0 > 0 && $0.isFinite },
                     "band thresholds must be positive and strictly increasing")
        self.thresholds = thresholds
        var labels: [String] = []
        var lower = 0.0
        for t in thresholds {
            labels.append("\(Self.format(lower))-\(Self.format(t))")
            lower = t
        }
        labels.append(">\(Self.format(lower))")
        self.labels = labels
    }

    /// The band index of a distance in km; a distance equal to a threshold belongs to the
    /// band below it (5 km is "0-5").
    public func index(ofKm km: Double) -> Int {
        var i = 0
        while i < thresholds.count, km > thresholds[i] { i += 1 }
        return i
    }

    /// The labels of every band met between `minKm` and `maxKm`, joined by "|" ("5-10|10-30").
    public func range(minKm: Double, maxKm: Double) -> String {
        labels[index(ofKm: minKm)...index(ofKm: maxKm)].joined(separator: "|")
    }

    static func format(_ km: Double) -> String {
        km == km.rounded() && abs(km) < 1e15 ? String(Int(km)) : String(km)
    }
}
