// The IncidentMap target; see DESIGN.md for its place in the layers.
