/// The version `--version` prints and `report.json` records.
public enum IncidentMapVersion {
    public static let string = "0.1.0"
}
