import NIOCore

extension MSE {
    /// The RC4 stream cipher (ARC4): encryption and decryption are the same XOR with the keystream.
    /// MSE keys it with a 20-byte SHA-1 and discards the first 1024 keystream bytes (`MSE.cipher(key:)`).
    public struct RC4: Sendable, Hashable {
        private var state: [UInt8]
        private var i: UInt8 = 0
        private var j: UInt8 = 0

        /// The key schedule; `key` must hold 1 to 256 bytes.
        public init(key: some Collection<UInt8>) {
            let key = Array(key)
            precondition(!key.isEmpty && key.count <= 256, "an RC4 key is 1 to 256 bytes")
            var state = [UInt8](repeating: 0, count: 256)
            for index in 0..<256 { state[index] = UInt8(index) }
            var j: UInt8 = 0
            for index in 0..<256 {
                j = j &+ state[index] &+ key[index % key.count]
                state.swapAt(index, Int(j))
            }
            self.state = state
        }

        /// XORs the keystream into `bytes`, in place.
        public mutating func process(_ bytes: UnsafeMutableRawBufferPointer) {
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            let data = base.assumingMemoryBound(to: UInt8.self)
            let count = bytes.count
            let (i, j) = state.withUnsafeMutableBufferPointer { table -> (UInt8, UInt8) in
                let s = table.baseAddress!
                var i = self.i
                var j = self.j
                for index in 0..<count {
                    i &+= 1
                    let si = s[Int(i)]
                    j &+= si
                    let sj = s[Int(j)]
                    s[Int(i)] = sj
                    s[Int(j)] = si
                    data[index] ^= s[Int(si &+ sj)]
                }
                return (i, j)
            }
            self.i = i
            self.j = j
        }

        public mutating func process(_ bytes: inout [UInt8]) {
            bytes.withUnsafeMutableBytes { process($0) }
        }

        /// A processed copy of `bytes`.
        public mutating func processed(_ bytes: some Sequence<UInt8>) -> [UInt8] {
            var copy = Array(bytes)
            process(&copy)
            return copy
        }

        /// Processes the readable bytes of `buffer` in place (a shared buffer is copied first, as any
        /// write to a `ByteBuffer` is).
        public mutating func process(_ buffer: inout ByteBuffer) {
            buffer.withUnsafeMutableReadableBytes { process($0) }
        }

        /// Advances the keystream by `count` bytes.
        public mutating func discard(_ count: Int) {
            var scratch = [UInt8](repeating: 0, count: min(count, 4096))
            var left = count
            while left > 0 {
                let chunk = min(left, scratch.count)
                scratch.withUnsafeMutableBytes { process(UnsafeMutableRawBufferPointer(rebasing: $0[0..<chunk])) }
                left -= chunk
            }
        }
    }

    /// RC4 as MSE uses it: keyed with `key`, the first 1024 keystream bytes discarded.
    public static func cipher(key: [UInt8]) -> RC4 {
        var rc4 = RC4(key: key)
        rc4.discard(discardedKeystream)
        return rc4
    }
}
