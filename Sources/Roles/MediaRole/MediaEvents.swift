import Foundation

/// What the server tells connected clients over `/socket`, in Jellyfin's message shapes. Each
/// connection subscribes; a slow client loses old messages (a bounded buffer), never blocks others.
actor MediaEvents {
    enum Message: Sendable, Equatable {
        case libraryChanged(libraryIds: [String])
        case userDataChanged(userId: String, itemIds: [String])

        /// The JSON text frame, `{"MessageType": …, "Data": …}`.
        var json: String {
            let body: [String: Any] = switch self {
            case .libraryChanged(let libraries):
                [
                    "MessageType": "LibraryChanged",
                    "Data": [
                        "CollectionFolders": libraries, "FoldersAddedTo": [String](), "FoldersRemovedFrom": [String](),
                        "ItemsAdded": [String](), "ItemsRemoved": [String](), "ItemsUpdated": [String](), "IsEmpty": false,
                    ] as [String: Any],
                ]
            case .userDataChanged(let user, let items):
                [
                    "MessageType": "UserDataChanged",
                    "Data": ["UserId": user, "UserDataList": items.map { ["ItemId": $0, "Key": $0] }] as [String: Any],
                ]
            }
            let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data("{}".utf8)
            return String(decoding: data, as: UTF8.self)
        }
    }

    private var subscribers: [UUID: AsyncStream<Message>.Continuation] = [:]

    func subscribe() -> (id: UUID, messages: AsyncStream<Message>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: Message.self, bufferingPolicy: .bufferingNewest(32))
        subscribers[id] = continuation
        return (id, stream)
    }

    func unsubscribe(_ id: UUID) {
        subscribers.removeValue(forKey: id)?.finish()
    }

    func publish(_ message: Message) {
        for continuation in subscribers.values { continuation.yield(message) }
    }

    var subscriberCount: Int { subscribers.count }
}
