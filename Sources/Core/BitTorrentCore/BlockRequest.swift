/// A block of a piece: what `request`, `cancel` and `reject` name, and what a `piece` message carries.
public struct BlockRequest: Sendable, Hashable, CustomStringConvertible {
    public var piece: Int
    public var offset: Int
    public var length: Int

    public init(piece: Int, offset: Int, length: Int) {
        self.piece = piece
        self.offset = offset
        self.length = length
    }

    /// Index of the block within its piece when blocks are `BitTorrentCore.blockLength` apart.
    public var blockIndex: Int { offset / BitTorrentCore.blockLength }

    public var description: String { "piece \(piece) [\(offset), +\(length))" }
}
