#include "CGeodesicLoop.h"
#include <geodesic.h>

void cgeodesic_inverse_distances(double a, double f,
                                 const double *lon1, const double *lat1,
                                 const double *lon2, const double *lat2,
                                 double *s12, size_t count) {
    struct geod_geodesic g;
    geod_init(&g, a, f);
    for (size_t i = 0; i < count; i++) {
        geod_inverse(&g, lat1[i], lon1[i], lat2[i], lon2[i], &s12[i], NULL, NULL);
    }
}
