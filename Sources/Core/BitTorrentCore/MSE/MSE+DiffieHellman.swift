extension MSE {
    /// One side's Diffie-Hellman key pair over the spec's 768-bit prime P with generator 2.
    public struct KeyPair: Sendable, Hashable {
        /// The secret exponent, big-endian (160 bits by the spec's recommendation).
        public let privateKey: [UInt8]
        /// 2^privateKey mod P: 96 bytes big-endian, what goes on the wire.
        public let publicKey: [UInt8]

        /// A key pair from a given exponent (1 to 96 bytes, not zero).
        public init(privateKey: [UInt8]) {
            precondition(!privateKey.isEmpty && privateKey.count <= MSE.keyLength, "a private key is 1 to 96 bytes")
            precondition(privateKey.contains { $0 != 0 }, "a private key is not zero")
            self.privateKey = privateKey
            self.publicKey = ModularArithmetic.shared.power(ModularArithmetic.generator, privateKey).bigEndianBytes
        }

        /// A fresh key pair with a 160-bit private key.
        public init(using generator: inout some RandomNumberGenerator) {
            var key = [UInt8](repeating: 0, count: 20)
            repeat {
                for index in key.indices { key[index] = UInt8.random(in: 0...255, using: &generator) }
            } while !key.contains { $0 != 0 }
            self.init(privateKey: key)
        }

        /// S = peer^private mod P, 96 bytes big-endian; nil when the peer's value is not a valid public
        /// key (0, 1, P - 1 or not below P, or not 96 bytes): a peer must not force a trivial secret.
        public func sharedSecret(with peerPublicKey: some Collection<UInt8>) -> [UInt8]? {
            guard peerPublicKey.count == MSE.keyLength else { return nil }
            let y = UInt768(bigEndian: Array(peerPublicKey))
            let arithmetic = ModularArithmetic.shared
            guard y > UInt768.one, y < arithmetic.modulusMinusOne else { return nil }
            return arithmetic.power(y, privateKey).bigEndianBytes
        }
    }

    /// P, 768 bits, as the spec gives it.
    public static let prime: [UInt8] = hexBytes(
        "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
            + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A63A36210000000000090563"
    )

    static func hexBytes(_ hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        precondition(digits.count % 2 == 0)
        func value(_ digit: UInt8) -> UInt8 {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
            default: preconditionFailure("not a hex digit")
            }
        }
        return stride(from: 0, to: digits.count, by: 2).map { value(digits[$0]) << 4 | value(digits[$0 + 1]) }
    }
}

/// A 768-bit unsigned integer: 12 little-endian 64-bit limbs. Just what modular exponentiation needs.
struct UInt768: Sendable, Hashable, Comparable {
    static let limbCount = 12
    var limbs: [UInt64]

    init(limbs: [UInt64]) {
        precondition(limbs.count == Self.limbCount)
        self.limbs = limbs
    }

    static let zero = UInt768(limbs: [UInt64](repeating: 0, count: limbCount))
    static let one: UInt768 = {
        var value = zero
        value.limbs[0] = 1
        return value
    }()

    /// From at most 96 big-endian bytes.
    init(bigEndian bytes: [UInt8]) {
        precondition(bytes.count <= MSE.keyLength)
        var limbs = [UInt64](repeating: 0, count: Self.limbCount)
        for (position, byte) in bytes.reversed().enumerated() {
            limbs[position / 8] |= UInt64(byte) << (UInt64(position % 8) * 8)
        }
        self.limbs = limbs
    }

    /// 96 bytes, big-endian.
    var bigEndianBytes: [UInt8] {
        var bytes = [UInt8](repeating: 0, count: MSE.keyLength)
        for position in 0..<MSE.keyLength {
            bytes[MSE.keyLength - 1 - position] = UInt8(truncatingIfNeeded: limbs[position / 8] >> (UInt64(position % 8) * 8))
        }
        return bytes
    }

    static func < (lhs: UInt768, rhs: UInt768) -> Bool {
        for index in (0..<limbCount).reversed() where lhs.limbs[index] != rhs.limbs[index] {
            return lhs.limbs[index] < rhs.limbs[index]
        }
        return false
    }

    /// self - other modulo 2^768 (exact when self ≥ other).
    func subtracting(_ other: UInt768) -> UInt768 {
        var result = self
        var borrow = false
        for index in 0..<Self.limbCount {
            let (first, overflow1) = result.limbs[index].subtractingReportingOverflow(other.limbs[index])
            let (second, overflow2) = first.subtractingReportingOverflow(borrow ? 1 : 0)
            result.limbs[index] = second
            borrow = overflow1 || overflow2
        }
        return result
    }
}

/// Montgomery arithmetic modulo the MSE prime (odd, as Montgomery needs): a·b·R⁻¹ mod P with R = 2^768,
/// and left-to-right square-and-multiply on top. Not constant-time: MSE is obfuscation, not secrecy.
struct ModularArithmetic: Sendable {
    static let shared = ModularArithmetic(modulus: UInt768(bigEndian: MSE.prime))
    static let generator: UInt768 = {
        var value = UInt768.zero
        value.limbs[0] = 2
        return value
    }()

    let modulus: UInt768
    let modulusMinusOne: UInt768
    /// -P⁻¹ mod 2^64.
    private let inverse: UInt64
    /// R² mod P, to enter the Montgomery domain.
    private let rSquared: UInt768

    init(modulus: UInt768) {
        precondition(modulus.limbs[0] & 1 == 1, "Montgomery arithmetic needs an odd modulus")
        self.modulus = modulus
        self.modulusMinusOne = modulus.subtracting(.one)
        // Newton's iteration doubles the correct low bits each step: 1 → 2 → … → 64.
        var inverse: UInt64 = 1
        for _ in 0..<6 { inverse = inverse &* (2 &- modulus.limbs[0] &* inverse) }
        self.inverse = 0 &- inverse
        // R² mod P by doubling 1 a total of 2 × 768 times, reducing each time.
        var value = UInt768.one
        for _ in 0..<(2 * 768) {
            var carry: UInt64 = 0
            for index in 0..<UInt768.limbCount {
                let limb = value.limbs[index]
                value.limbs[index] = limb << 1 | carry
                carry = limb >> 63
            }
            if carry == 1 || !(value < modulus) { value = Self.subtractWrapping(value, modulus) }
        }
        self.rSquared = value
    }

    /// value - modulus mod 2^768 (the doubling above may have overflowed by one bit).
    private static func subtractWrapping(_ value: UInt768, _ modulus: UInt768) -> UInt768 {
        value.subtracting(modulus)
    }

    /// base^exponent mod P, the exponent big-endian.
    func power(_ base: UInt768, _ exponent: [UInt8]) -> UInt768 {
        let montgomeryBase = multiply(base, rSquared)
        var result = multiply(.one, rSquared)  // 1 in the Montgomery domain
        var started = false
        for byte in exponent {
            for bit in (0..<8).reversed() {
                if started { result = multiply(result, result) }
                if byte >> UInt8(bit) & 1 == 1 {
                    result = started ? multiply(result, montgomeryBase) : montgomeryBase
                    started = true
                }
            }
        }
        return multiply(result, .one)  // leave the Montgomery domain
    }

    /// a·b·R⁻¹ mod P (coarsely integrated operand scanning).
    func multiply(_ a: UInt768, _ b: UInt768) -> UInt768 {
        let n = UInt768.limbCount
        var t = [UInt64](repeating: 0, count: n + 2)
        a.limbs.withUnsafeBufferPointer { a in
            b.limbs.withUnsafeBufferPointer { b in
                modulus.limbs.withUnsafeBufferPointer { m in
                    t.withUnsafeMutableBufferPointer { t in
                        for i in 0..<n {
                            var carry: UInt64 = 0
                            let bi = b[i]
                            for j in 0..<n {
                                (carry, t[j]) = Self.multiplyAdd(a[j], bi, t[j], carry)
                            }
                            let (sum, overflow) = t[n].addingReportingOverflow(carry)
                            t[n] = sum
                            t[n + 1] = overflow ? 1 : 0

                            let factor = t[0] &* inverse
                            (carry, _) = Self.multiplyAdd(factor, m[0], t[0], 0)
                            for j in 1..<n {
                                (carry, t[j - 1]) = Self.multiplyAdd(factor, m[j], t[j], carry)
                            }
                            let (top, topOverflow) = t[n].addingReportingOverflow(carry)
                            t[n - 1] = top
                            t[n] = t[n + 1] + (topOverflow ? 1 : 0)
                        }
                    }
                }
            }
        }
        var result = UInt768(limbs: Array(t[0..<n]))
        if t[n] != 0 || !(result < modulus) { result = Self.subtractWrapping(result, modulus) }
        return result
    }

    /// a·b + c + d as (high, low); cannot overflow 128 bits.
    @inline(__always)
    private static func multiplyAdd(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> (UInt64, UInt64) {
        var (high, low) = a.multipliedFullWidth(by: b)
        var overflow: Bool
        (low, overflow) = low.addingReportingOverflow(c)
        if overflow { high &+= 1 }
        (low, overflow) = low.addingReportingOverflow(d)
        if overflow { high &+= 1 }
        return (high, low)
    }
}
