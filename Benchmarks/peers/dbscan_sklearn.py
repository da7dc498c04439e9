"""DBSCAN the way a scikit-learn user would do it: haversine metric on a ball tree.
Prints seconds, the number of clusters and the peak RSS in MB.

usage: dbscan_sklearn.py POINTS.f64 EPS_KM MIN_POINTS
"""
import resource
import sys
import time

import numpy as np
from sklearn.cluster import DBSCAN

points = np.fromfile(sys.argv[1], dtype=np.float64).reshape(-1, 2)
eps_km, min_points = float(sys.argv[2]), int(sys.argv[3])
start = time.perf_counter()
latlon = np.radians(points[:, ::-1])
labels = DBSCAN(eps=eps_km / 6371.0088, min_samples=min_points, metric="haversine",
                algorithm="ball_tree").fit(latlon).labels_
elapsed = time.perf_counter() - start
clusters = len(set(labels.tolist()) - {-1})
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{elapsed:.6f} {clusters} {peak_mb:.0f}")
