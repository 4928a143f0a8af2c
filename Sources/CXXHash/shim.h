/* CXXHash: the C header of this system library, imported by exactly one Swift file. */
#include <xxhash.h>
