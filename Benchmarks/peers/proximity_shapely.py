"""Border distance the way a shapely 2 user would do it: project to UTM 37N with pyproj,
an STRtree over the border segments, query_nearest. Prints seconds; writes metres.

usage: proximity_shapely.py POINTS.f64 BORDER.geojson OUT.f64
POINTS.f64 is lon,lat float64 pairs; OUT.f64 receives one float64 distance per point.
"""
import json
import sys
import time

import numpy as np
import pyproj
import shapely

points = np.fromfile(sys.argv[1], dtype=np.float64).reshape(-1, 2)
with open(sys.argv[2]) as f:
    coords = np.array(json.load(f)["features"][0]["geometry"]["coordinates"], dtype=np.float64)

start = time.perf_counter()
utm = pyproj.Transformer.from_crs(4326, 32637, always_xy=True)
bx, by = utm.transform(coords[:, 0], coords[:, 1])
xy = np.column_stack([bx, by])
segments = shapely.linestrings(np.stack([xy[:-1], xy[1:]], axis=1))
tree = shapely.STRtree(segments)
px, py = utm.transform(points[:, 0], points[:, 1])
geoms = shapely.points(px, py)
(_, nearest), distance = tree.query_nearest(geoms, return_distance=True, all_matches=False)
elapsed = time.perf_counter() - start
distance.astype(np.float64).tofile(sys.argv[3])
print(f"{elapsed:.6f}")
