import Foundation
import Hummingbird
import NIOCore

extension Response {
    /// A JSON response. Encoders differ per original (camelCase for the *arrs, PascalCase for
    /// Jellyfin), so the caller may pass its own.
    public static func json(
        _ value: some Encodable, status: HTTPResponse.Status = .ok, encoder: JSONEncoder = .kinoraDefault
    ) throws -> Response {
        let data = try encoder.encode(value)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    public static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }

    public static func text(_ text: String, status: HTTPResponse.Status = .ok, contentType: String = "text/plain; charset=utf-8") -> Response {
        Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

extension JSONEncoder {
    /// Keys as declared, no escaping of `/`, stable key order (byte-identical output for tests).
    public static var kinoraDefault: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }
}
