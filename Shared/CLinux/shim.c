#include "CGuichetLinux.h"
