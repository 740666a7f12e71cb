import Crypto

extension DHT {
    /// Write tokens (BEP 5): a get_peers reply carries a token that the same requester must bring back in
    /// its announce_peer. A token is 8 bytes of SHA-1 over the requester's IP and a secret; the secret
    /// changes every 5 minutes and the previous one is still accepted, so a token lives 5 to 10 minutes
    /// and is worthless from any other address.
    public struct TokenSecrets: Sendable {
        public static let tokenLength = 8
        public let rotationInterval: Duration
        private var current: [UInt8]
        private var previous: [UInt8]
        private var rotatedAt: ContinuousClock.Instant

        public init(now: ContinuousClock.Instant, rotationInterval: Duration = DHT.tokenRotationInterval, using generator: inout some RandomNumberGenerator) {
            self.rotationInterval = rotationInterval
            self.current = Self.secret(using: &generator)
            self.previous = Self.secret(using: &generator)
            self.rotatedAt = now
        }

        /// Moves to a new secret when the interval has passed; after two intervals, the old ones are both gone.
        public mutating func rotateIfDue(now: ContinuousClock.Instant, using generator: inout some RandomNumberGenerator) {
            let elapsed = rotatedAt.duration(to: now)
            guard elapsed >= rotationInterval else { return }
            previous = elapsed >= rotationInterval * 2 ? Self.secret(using: &generator) : current
            current = Self.secret(using: &generator)
            rotatedAt = now
        }

        /// The token for a requester's IP (the host alone: the port may change between the two queries).
        public func token(for host: String) -> [UInt8] {
            Self.token(host: host, secret: current)
        }

        public func isValid(_ token: [UInt8], for host: String) -> Bool {
            guard token.count == Self.tokenLength else { return false }
            // Both are computed and compared in full, so the timing says nothing about which matched.
            let matchesCurrent = Self.equal(token, Self.token(host: host, secret: current))
            let matchesPrevious = Self.equal(token, Self.token(host: host, secret: previous))
            return matchesCurrent || matchesPrevious
        }

        private static func token(host: String, secret: [UInt8]) -> [UInt8] {
            var hasher = Insecure.SHA1()
            hasher.update(data: Array(host.utf8))
            hasher.update(data: secret)
            return Array(hasher.finalize().prefix(tokenLength))
        }

        private static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
            guard a.count == b.count else { return false }
            return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
        }

        private static func secret(using generator: inout some RandomNumberGenerator) -> [UInt8] {
            (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        }
    }
}
