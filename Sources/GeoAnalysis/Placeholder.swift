// The GeoAnalysis target; see DESIGN.md for its place in the layers.
