// Platform.swift: the few C library calls of this module (libm), in one place.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `x` to the power `y` (libm `pow`).
@inline(__always)
func powDouble(_ x: Double, _ y: Double) -> Double { pow(x, y) }
