/// A readable client name from a peer id, for peer lists: Azureus-style ids (`-TR3000-…` →
/// "Transmission 3.00"); anything else is shown as its printable prefix, or empty.
public enum PeerClientName {
    static let azureusClients: [String: String] = [
        "TR": "Transmission", "LT": "libTorrent (Rakshasa)", "lt": "libtorrent (Rasterbar)", "qB": "qBittorrent",
        "DE": "Deluge", "UT": "µTorrent", "UM": "µTorrent Mac", "AZ": "Vuze", "BI": "BiglyBT", "KT": "KTorrent",
        "A2": "aria2", "KN": "Kinora", "BT": "BitTorrent", "FD": "Free Download Manager", "WW": "WebTorrent",
        "RQ": "rqbit", "TL": "Tribler", "PI": "PicoTorrent", "FW": "FrostWire", "XL": "Xunlei",
    ]

    public static func decode(_ peerID: [UInt8]) -> String {
        guard peerID.count == 20 else { return "" }
        if peerID[0] == UInt8(ascii: "-"), peerID[7] == UInt8(ascii: "-"),
           peerID[1...2].allSatisfy({ (0x21...0x7E).contains($0) }) {
            let code = String(decoding: peerID[1...2], as: UTF8.self)
            let version = peerID[3...6].map { byte -> String in
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): String(UnicodeScalar(byte))
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): String(Int(byte - UInt8(ascii: "A")) + 10)
                case UInt8(ascii: "a")...UInt8(ascii: "z"): String(Int(byte - UInt8(ascii: "a")) + 36)
                default: ""
                }
            }
            if let name = azureusClients[code] {
                // Transmission writes 3.00 as "3000"; most others as dotted digits.
                if code == "TR" { return "\(name) \(version[0]).\(version[1])\(version[2])" }
                return "\(name) " + version.prefix(3).joined(separator: ".")
            }
        }
        let printable = peerID.prefix(while: { (0x21...0x7E).contains($0) })
        return printable.count >= 4 ? String(decoding: printable, as: UTF8.self) : ""
    }
}
