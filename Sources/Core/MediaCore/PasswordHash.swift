import Crypto
import CryptoExtras

/// A stored password: PBKDF2-SHA512 with 210,000 rounds and a 128-bit random salt, written
/// `$PBKDF2-SHA512$iterations=210000$<salt hex>$<hash hex>` as Jellyfin stores its own, so a
/// user database carried across keeps working. Slow on purpose: a stolen database costs an
/// attacker 210,000 hash rounds per guess.
public struct PasswordHash: Sendable, Equatable, CustomStringConvertible {
    public let iterations: Int
    public let salt: [UInt8]
    public let hash: [UInt8]

    public static let defaultIterations = 210_000

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case malformed
        case tooFewIterations(Int)

        public var description: String {
            switch self {
            case .malformed: "the stored password hash is not in the $PBKDF2-SHA512$iterations=N$salt$hash form"
            case .tooFewIterations(let count): "the stored password hash uses \(count) iterations; at least 1000 are required"
            }
        }
    }

    /// Hashes a new password with a fresh salt.
    public static func make(password: String, iterations: Int = defaultIterations) throws -> PasswordHash {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return PasswordHash(iterations: iterations, salt: salt, hash: try derive(password, salt: salt, iterations: iterations))
    }

    public init(parsing text: String) throws(Failure) {
        let parts = text.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0].isEmpty, parts[1] == "PBKDF2-SHA512", parts[2].hasPrefix("iterations="),
            let iterations = Int(parts[2].dropFirst("iterations=".count)),
            let salt = Self.bytes(hex: parts[3]), let hash = Self.bytes(hex: parts[4]), !salt.isEmpty, hash.count == 64
        else { throw .malformed }
        guard iterations >= 1000 else { throw .tooFewIterations(iterations) }
        self.init(iterations: iterations, salt: salt, hash: hash)
    }

    init(iterations: Int, salt: [UInt8], hash: [UInt8]) {
        self.iterations = iterations
        self.salt = salt
        self.hash = hash
    }

    /// Whether `password` is the one hashed, compared in constant time.
    public func verify(_ password: String) -> Bool {
        guard let candidate = try? Self.derive(password, salt: salt, iterations: iterations), candidate.count == hash.count else { return false }
        return zip(candidate, hash).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    public var description: String {
        "$PBKDF2-SHA512$iterations=\(iterations)$\(Hex.lowercase(salt))$\(Hex.lowercase(hash))"
    }

    static func derive(_ password: String, salt: [UInt8], iterations: Int) throws -> [UInt8] {
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Array(password.utf8), salt: salt, using: .sha512, outputByteCount: 64, unsafeUncheckedRounds: iterations)
        return key.withUnsafeBytes { Array($0) }
    }

    static func bytes(hex: Substring) -> [UInt8]? {
        let utf8 = Array(hex.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        for index in stride(from: 0, to: utf8.count, by: 2) {
            guard let value = UInt8(String(decoding: utf8[index...index + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(value)
        }
        return bytes
    }
}
