#ifndef INCIDENTMAP_CGEOS_SHIM_H
#define INCIDENTMAP_CGEOS_SHIM_H
// Only the reentrant API: every call takes the context of the worker that owns it.
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
#endif
