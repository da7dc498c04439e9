import IncidentMap
print("incidentmap")
