/// The SQL of the GeoPackage 1.3 core tables and of the R-tree spatial index extension.
enum GeoPackageSchema {
    /// `PRAGMA application_id` value: the ASCII bytes "GPKG".
    static let applicationID: Int32 = 0x4750_4B47
    /// `PRAGMA user_version` value for GeoPackage 1.3.0.
    static let userVersion = 10300

    /// EPSG:4326 as GDAL 3.6 writes it into `gpkg_spatial_ref_sys` (the GeoPackage spec's own row).
    static let wgs84WKT = """
        GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],\
        AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,\
        AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]
        """

    static let coreTables = [
        """
        CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
          organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
          description TEXT)
        """,
        """
        CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
          identifier TEXT UNIQUE, description TEXT DEFAULT '',
          last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
          min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
          CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))
        """,
        """
        CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
          geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
          CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
          CONSTRAINT uk_gc_table_name UNIQUE (table_name),
          CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
          CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))
        """,
        """
        CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL,
          definition TEXT NOT NULL, scope TEXT NOT NULL,
          CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))
        """,
        // QGIS's own layer_styles table, so QGIS applies the style when the layer is opened.
        """
        CREATE TABLE layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256),
          f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30),
          styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30),
          update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))
        """,
    ]

    static func spatialReferenceRows() -> [(name: String, id: Int, org: String, orgID: Int, definition: String,
                                            description: String)] {
        [
            ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
            ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
            ("WGS 84 geodetic", 4326, "EPSG", 4326, wgs84WKT,
             "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"),
        ]
    }

    /// `name` as an SQL identifier in double quotes.
    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The R-tree virtual table and the six triggers of GeoPackage 1.3 Annex F.3 (the text
    /// GDAL 3.6 writes), for table `t` with primary key `fid` and geometry column `geom`.
    static func rtreeStatements(table t: String) -> [String] {
        let r = quoted("rtree_\(t)_geom")
        let qt = quoted(t)
        let rn = "rtree_\(t)_geom"
        let values = #"VALUES (NEW."fid",ST_MinX(NEW."geom"), ST_MaxX(NEW."geom"),ST_MinY(NEW."geom"), ST_MaxY(NEW."geom"))"#
        return [
            "CREATE VIRTUAL TABLE \(r) USING rtree(id, minx, maxx, miny, maxy)",
            """
            CREATE TRIGGER \(quoted(rn + "_insert")) AFTER INSERT ON \(qt) WHEN (new."geom" NOT NULL AND \
            NOT ST_IsEmpty(NEW."geom")) BEGIN INSERT OR REPLACE INTO \(r) \(values); END
            """,
            """
            CREATE TRIGGER \(quoted(rn + "_update1")) AFTER UPDATE OF "geom" ON \(qt) WHEN OLD."fid" = NEW."fid" \
            AND (NEW."geom" NOTNULL AND NOT ST_IsEmpty(NEW."geom")) BEGIN INSERT OR REPLACE INTO \(r) \(values); END
            """,
            """
            CREATE TRIGGER \(quoted(rn + "_update2")) AFTER UPDATE OF "geom" ON \(qt) WHEN OLD."fid" = NEW."fid" \
            AND (NEW."geom" ISNULL OR ST_IsEmpty(NEW."geom")) BEGIN DELETE FROM \(r) WHERE id = OLD."fid"; END
            """,
            """
            CREATE TRIGGER \(quoted(rn + "_update3")) AFTER UPDATE ON \(qt) WHEN OLD."fid" != NEW."fid" AND \
            (NEW."geom" NOTNULL AND NOT ST_IsEmpty(NEW."geom")) BEGIN DELETE FROM \(r) WHERE id = OLD."fid"; \
            INSERT OR REPLACE INTO \(r) \(values); END
            """,
            """
            CREATE TRIGGER \(quoted(rn + "_update4")) AFTER UPDATE ON \(qt) WHEN OLD."fid" != NEW."fid" AND \
            (NEW."geom" ISNULL OR ST_IsEmpty(NEW."geom")) BEGIN DELETE FROM \(r) WHERE id IN (OLD."fid", NEW."fid"); END
            """,
            """
            CREATE TRIGGER \(quoted(rn + "_delete")) AFTER DELETE ON \(qt) WHEN old."geom" NOT NULL BEGIN \
            DELETE FROM \(r) WHERE id = OLD."fid"; END
            """,
        ]
    }
}
