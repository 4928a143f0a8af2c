/* CXXHash: the C header of this system library, imported by exactly one Swift file
 * (Sources/VaultChecksum/XXHash.swift). The static-linking section exposes XXH64_state_t so a
 * streaming state can live in a Swift value. */
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>
