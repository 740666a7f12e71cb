import BitTorrentCore
import NIOCore
import NIOHTTP1
import NIOPosix

/// Announces to `http://` trackers (BEP 3): one HTTP/1.1 GET per announce on a fresh connection, which
/// trackers expect (they answer once and close). https is refused with a clear error until we have TLS.
public struct HTTPTrackerClient: TrackerClient {
    /// Covers resolving, connecting and the whole reply, redirects each starting afresh.
    public var timeout: Duration
    /// A reply is a small dictionary; anything bigger is a broken or hostile tracker.
    public var maximumBodySize: Int
    public var maximumRedirects: Int
    private let group: any EventLoopGroup

    public init(
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        timeout: Duration = .seconds(30),
        maximumBodySize: Int = 4 << 20,
        maximumRedirects: Int = 3
    ) {
        self.group = group
        self.timeout = timeout
        self.maximumBodySize = maximumBodySize
        self.maximumRedirects = maximumRedirects
    }

    public func announce(_ announce: TrackerAnnounce, to url: String) async throws(TrackerError) -> TrackerResponse {
        var target = try TrackerURL(parsing: announce.url(announceURL: url))
        guard target.scheme == .http else { throw .unsupportedScheme(target.scheme.rawValue) }
        var redirects = 0
        while true {
            let reply = try await get(target)
            switch reply.status {
            case 200:
                return try TrackerResponse(httpBody: reply.body)
            case 301, 302, 303, 307, 308:
                guard let location = reply.location else { throw .httpStatus(reply.status) }
                guard redirects < maximumRedirects else { throw .tooManyRedirects(limit: maximumRedirects) }
                redirects += 1
                target = try Self.redirectTarget(location, from: target)
            default:
                throw .httpStatus(reply.status)
            }
        }
    }

    /// Where a `Location` header points, relative to the URL that answered with it.
    static func redirectTarget(_ location: String, from current: TrackerURL) throws(TrackerError) -> TrackerURL {
        let absolute: String
        if location.contains("://") {
            absolute = location
        } else if location.hasPrefix("//") {
            absolute = "http:" + location
        } else if location.hasPrefix("/") {
            absolute = "http://" + current.hostHeader + location
        } else {
            let path = current.pathAndQuery.prefix(while: { $0 != "?" })
            let directory = path[...(path.lastIndex(of: "/") ?? path.startIndex)]
            absolute = "http://" + current.hostHeader + directory + location
        }
        let target = try TrackerURL(parsing: absolute)
        guard target.scheme == .http else { throw .unsupportedScheme(target.scheme.rawValue) }
        return target
    }

    /// One GET: the status, the redirect location, and the body when the status is 200.
    private func get(_ target: TrackerURL) async throws(TrackerError) -> HTTPTrackerReply {
        let eventLoop = group.next()
        let promise = eventLoop.makePromise(of: HTTPTrackerReply.self)
        let timeout = TimeAmount(self.timeout)
        let timer = eventLoop.scheduleTask(in: timeout) { promise.fail(TrackerError.timedOut) }
        let maximumBodySize = maximumBodySize
        // NIO resolves the host name off the event loop and tries each address (happy eyeballs).
        let connected = ClientBootstrap(group: eventLoop)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(
                        HTTPTrackerReplyHandler(target: target, maximumBodySize: maximumBodySize, promise: promise)
                    )
                }
            }
            .connect(host: target.host, port: Int(target.port))
        connected.whenComplete { result in
            switch result {
            case .success(let channel):
                promise.futureResult.whenComplete { _ in channel.close(promise: nil) }
            case .failure(let error):
                promise.fail(error)
            }
        }
        promise.futureResult.whenComplete { _ in timer.cancel() }
        do {
            return try await promise.futureResult.get()
        } catch {
            throw .reaching(target.host, port: target.port, failedWith: error)
        }
    }
}

struct HTTPTrackerReply: Sendable {
    var status: Int
    var location: String?
    var body: [UInt8]
}

/// Sends the GET once connected and gathers the reply. NIOHTTP1 has already undone Content-Length,
/// chunked or close-delimited framing; this only enforces the size limit.
private final class HTTPTrackerReplyHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    private let target: TrackerURL
    private let maximumBodySize: Int
    private let promise: EventLoopPromise<HTTPTrackerReply>
    /// Set once a 200 head arrives; the body follows.
    private var okReply: HTTPTrackerReply?
    private var body: [UInt8] = []
    private var finished = false

    init(target: TrackerURL, maximumBodySize: Int, promise: EventLoopPromise<HTTPTrackerReply>) {
        self.target = target
        self.maximumBodySize = maximumBodySize
        self.promise = promise
    }

    func channelActive(context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: target.hostHeader)
        headers.add(name: "User-Agent", value: "Kinora")
        headers.add(name: "Accept-Encoding", value: "identity")
        headers.add(name: "Connection", value: "close")
        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: target.pathAndQuery, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !finished else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            guard head.status.code >= 200 else { return }  // 1xx: the real head follows
            let status = Int(head.status.code)
            let reply = HTTPTrackerReply(status: status, location: head.headers.first(name: "location"), body: [])
            guard status == 200 else { return finish(.success(reply), context: context) }  // the body does not matter
            if let length = head.headers.first(name: "content-length").flatMap(Int.init), length > maximumBodySize {
                return finish(.failure(TrackerError.responseTooLarge(limit: maximumBodySize)), context: context)
            }
            okReply = reply
        case .body(let chunk):
            guard okReply != nil else { return }
            guard body.count + chunk.readableBytes <= maximumBodySize else {
                return finish(.failure(TrackerError.responseTooLarge(limit: maximumBodySize)), context: context)
            }
            body += chunk.readableBytesView
        case .end:
            guard var reply = okReply else { return }
            reply.body = body
            finish(.success(reply), context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        finish(.failure(error), context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(.failure(TrackerError.network("the tracker closed the connection before its reply was complete")), context: context)
        context.fireChannelInactive()
    }

    private func finish(_ result: Result<HTTPTrackerReply, any Error>, context: ChannelHandlerContext) {
        guard !finished else { return }
        finished = true
        promise.completeWith(result)
        context.close(promise: nil)
    }
}
