extension DHT {
    /// A 160-bit node id or lookup target. Ordered as a big-endian number, so that for a target `t`,
    /// `t.distance(to: a) < t.distance(to: b)` reads "a is closer to t than b" (Kademlia's XOR metric).
    public struct NodeID: Sendable, Hashable, Comparable, CustomStringConvertible {
        public static let byteCount = 20
        public static let bitCount = 160

        // Big-endian words: bits 0–63, 64–127, 128–159.
        private var high: UInt64
        private var middle: UInt64
        private var low: UInt32

        private init(high: UInt64, middle: UInt64, low: UInt32) {
            self.high = high
            self.middle = middle
            self.low = low
        }

        /// Nil unless exactly 20 bytes.
        public init?(bytes: some Collection<UInt8>) {
            guard bytes.count == Self.byteCount else { return nil }
            var high: UInt64 = 0
            var middle: UInt64 = 0
            var low: UInt32 = 0
            for (index, byte) in bytes.enumerated() {
                switch index {
                case 0..<8: high = high << 8 | UInt64(byte)
                case 8..<16: middle = middle << 8 | UInt64(byte)
                default: low = low << 8 | UInt32(byte)
                }
            }
            self.init(high: high, middle: middle, low: low)
        }

        /// An infohash as a lookup target: the DHT stores peers at the nodes closest to it.
        public init(_ infoHash: InfoHash) {
            self.init(bytes: infoHash.bytes)!
        }

        public static let zero = NodeID(high: 0, middle: 0, low: 0)

        public var bytes: [UInt8] {
            var output: [UInt8] = []
            output.reserveCapacity(Self.byteCount)
            for shift in stride(from: 56, through: 0, by: -8) { output.append(UInt8(truncatingIfNeeded: high >> UInt64(shift))) }
            for shift in stride(from: 56, through: 0, by: -8) { output.append(UInt8(truncatingIfNeeded: middle >> UInt64(shift))) }
            for shift in stride(from: 24, through: 0, by: -8) { output.append(UInt8(truncatingIfNeeded: low >> UInt32(shift))) }
            return output
        }

        public static func random(using generator: inout some RandomNumberGenerator) -> NodeID {
            NodeID(high: generator.next(), middle: generator.next(), low: UInt32(truncatingIfNeeded: generator.next() as UInt64))
        }

        /// The XOR distance, itself a 160-bit number.
        public func distance(to other: NodeID) -> NodeID {
            NodeID(high: high ^ other.high, middle: middle ^ other.middle, low: low ^ other.low)
        }

        /// Leading bits this id shares with `other`: 160 when equal. Bucket `i` of a routing table holds
        /// the nodes sharing exactly `i` leading bits with our own id.
        public func commonPrefixLength(with other: NodeID) -> Int {
            let distance = self.distance(to: other)
            if distance.high != 0 { return distance.high.leadingZeroBitCount }
            if distance.middle != 0 { return 64 + distance.middle.leadingZeroBitCount }
            return 128 + distance.low.leadingZeroBitCount  // 32 leading zeros of 0 make 160
        }

        /// Bit `index` counted from the most significant, 0..<160.
        public func bit(_ index: Int) -> Bool {
            precondition((0..<Self.bitCount).contains(index), "a node id has 160 bits")
            switch index {
            case 0..<64: return high >> UInt64(63 - index) & 1 == 1
            case 64..<128: return middle >> UInt64(127 - index) & 1 == 1
            default: return low >> UInt32(159 - index) & 1 == 1
            }
        }

        /// A random id that keeps this id's first `prefixLength` bits; with `flippingNextBit`, the bit
        /// after them is this id's flipped (a target inside the bucket that shares exactly that prefix).
        public func randomized(keepingPrefix prefixLength: Int, flippingNextBit: Bool = false, using generator: inout some RandomNumberGenerator) -> NodeID {
            precondition((0...Self.bitCount).contains(prefixLength), "a prefix of 0 to 160 bits")
            let random = NodeID.random(using: &generator)
            let mask = NodeID.prefixMask(prefixLength)
            var result = NodeID(
                high: high & mask.high | random.high & ~mask.high,
                middle: middle & mask.middle | random.middle & ~mask.middle,
                low: low & mask.low | random.low & ~mask.low
            )
            if flippingNextBit, prefixLength < Self.bitCount, result.bit(prefixLength) == bit(prefixLength) {
                result = result.distance(to: NodeID.prefixMask(prefixLength + 1).distance(to: mask))  // flip one bit
            }
            return result
        }

        /// The first `length` bits set.
        private static func prefixMask(_ length: Int) -> NodeID {
            func ones<T: FixedWidthInteger & UnsignedInteger>(_ count: Int, of _: T.Type) -> T {
                let count = max(0, min(T.bitWidth, count))
                return count == 0 ? 0 : T.max << T(T.bitWidth - count)
            }
            return NodeID(high: ones(length, of: UInt64.self), middle: ones(length - 64, of: UInt64.self), low: ones(length - 128, of: UInt32.self))
        }

        public static func < (lhs: NodeID, rhs: NodeID) -> Bool {
            (lhs.high, lhs.middle, lhs.low) < (rhs.high, rhs.middle, rhs.low)
        }

        public var hex: String { bytes.lowercaseHex }

        /// From 40 hexadecimal digits (as the state store keeps it).
        public init?(hex: some StringProtocol) {
            guard let infoHash = InfoHash(hex: hex) else { return nil }
            self.init(infoHash)
        }

        public var description: String { hex }
    }
}
