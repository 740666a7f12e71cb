/// Whether peer connections are encrypted (MSE/PE), as Transmission's `encryption` setting names it.
///
/// | policy | outgoing | incoming plaintext | incoming MSE selects |
/// |---|---|---|---|
/// | tolerated | plaintext; MSE (offering both) if refused | accepted | plaintext when offered, else RC4 |
/// | preferred | MSE offering both; plaintext if refused | accepted | RC4 when offered, else plaintext |
/// | required | MSE offering RC4 only, no retry | refused | RC4 only |
///
/// "Refused": the connection closed (or the MSE handshake failed) before the peer's BitTorrent handshake
/// arrived: a peer that insists on the other kind. One retry in the other kind follows, as libtorrent,
/// Transmission and aria2 do.
public enum EncryptionPolicy: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Plaintext first; encrypted peers are accepted. Kinora's default.
    case tolerated
    /// Encrypted first; plaintext peers are accepted.
    case preferred
    /// Encrypted (RC4) only.
    case required

    public var description: String { rawValue }

    /// The kind of handshake an outgoing connection opens with.
    public enum Handshake: Sendable, Hashable {
        case plaintext
        case encrypted
    }

    /// The first handshake to try when dialling.
    public var firstHandshake: Handshake {
        self == .tolerated ? .plaintext : .encrypted
    }

    /// The handshake to retry with after `handshake` was refused, if any.
    public func retry(after handshake: Handshake) -> Handshake? {
        switch (self, handshake) {
        case (.tolerated, .plaintext): .encrypted
        case (.preferred, .encrypted): .plaintext
        default: nil
        }
    }

    /// `crypto_provide` of an outgoing MSE handshake.
    public var provide: MSE.CryptoMethods {
        self == .required ? .rc4 : [.plaintext, .rc4]
    }

    /// Whether an incoming plaintext BitTorrent handshake is accepted.
    public var acceptsPlaintextHandshake: Bool { self != .required }

    /// `crypto_select` for what an incoming MSE handshake provides: exactly one method, or nil when
    /// nothing offered is acceptable.
    public func select(from provided: MSE.CryptoMethods) -> MSE.CryptoMethods? {
        let order: [MSE.CryptoMethods] = switch self {
        case .tolerated: [.plaintext, .rc4]
        case .preferred: [.rc4, .plaintext]
        case .required: [.rc4]
        }
        return order.first { provided.contains($0) }
    }
}
