#ifndef GUICHET_CLIBPQ_SHIM_H
#define GUICHET_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
