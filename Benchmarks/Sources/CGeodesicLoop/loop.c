// Filled by the geodesic benchmark.
