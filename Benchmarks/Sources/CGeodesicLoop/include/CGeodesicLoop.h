#ifndef INCIDENTMAP_CGEODESICLOOP_H
#define INCIDENTMAP_CGEODESICLOOP_H
#include <stddef.h>

/// The baseline for geodesic-bench: distances in metres from (lon1[i], lat1[i]) to
/// (lon2[i], lat2[i]) on the ellipsoid (a, f), written to s12[i], in a plain C loop over
/// geod_inverse, as a C program using PROJ directly would do it.
void cgeodesic_inverse_distances(double a, double f,
                                 const double *lon1, const double *lat1,
                                 const double *lon2, const double *lat2,
                                 double *s12, size_t count);

#endif
