/* rules_retention.h - the walk shared by substring-retention and
 * subslice-retention (rules_retention.c). */
#ifndef DRIP_RULES_RETENTION_H
#define DRIP_RULES_RETENTION_H

#include "rule.h"

/* Reports short slices of parameters (or of call results) stored in
 * package-level variables or map elements; strings or other slices. */
void retention_run(Pass *p, bool strings);

#endif
