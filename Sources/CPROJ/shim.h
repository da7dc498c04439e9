#ifndef INCIDENTMAP_CPROJ_SHIM_H
#define INCIDENTMAP_CPROJ_SHIM_H
#include <proj.h>
#include <geodesic.h>
#endif
