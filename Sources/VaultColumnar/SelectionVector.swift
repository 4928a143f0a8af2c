// SelectionVector.swift: a list of chosen row indices.

/// The row indices chosen by a filter, ascending, as `Int32` (tables hold at most `Int32.max` rows).
public struct SelectionVector: Equatable, Sendable {
    /// The chosen rows, ascending.
    public private(set) var indices: [Int32]

    /// Wraps indices that are already ascending and unique (checked in debug builds).
    public init(ascending indices: [Int32]) {
        assert(zip(indices, indices.dropFirst()).allSatisfy { $0 < $1 }, "selection indices must ascend")
        self.indices = indices
    }

    /// Every row of `0..<count` for which `isSelected` returns true.
    public init(count: Int, where isSelected: (Int) throws -> Bool) rethrows {
        var chosen = [Int32]()
        for i in 0..<count where try isSelected(i) { chosen.append(Int32(i)) }
        indices = chosen
    }

    public var count: Int { indices.count }
    public var isEmpty: Bool { indices.isEmpty }
}
