#ifndef GUICHET_CHTTPPARSER_SHIM_H
#define GUICHET_CHTTPPARSER_SHIM_H
#include <http_parser.h>
#endif
