// The prefetch hint is an inline function in include/CSkiffPrefetch.h; SwiftPM needs a source file.
#include "CSkiffPrefetch.h"
