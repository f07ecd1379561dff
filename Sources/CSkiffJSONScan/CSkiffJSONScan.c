// The scanner is an inline function in include/CSkiffJSONScan.h; SwiftPM needs a source file.
#include "CSkiffJSONScan.h"
