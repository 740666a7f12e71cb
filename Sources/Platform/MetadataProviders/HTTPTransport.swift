import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The one HTTP call metadata sources and the artwork store make: a bounded GET. A protocol so tests
/// can record requests and replay canned answers without a server.
public protocol HTTPTransport: Sendable {
    /// Header names in the answer are lowercased. Throws `MetadataError` (unreachable, or
    /// badResponse for a body over the transport's limit).
    func get(_ url: URL, headers: [String: String]) async throws -> (status: Int, headers: [String: String], body: Data)
}

/// URLSession-backed transport. The body is received chunk by chunk and the request cancelled once
/// it passes `maxBodyBytes`, so a hostile or broken server cannot make us buffer gigabytes.
public struct URLSessionTransport: HTTPTransport {
    public var timeout: TimeInterval
    public var maxBodyBytes: Int

    public init(timeout: TimeInterval = 20, maxBodyBytes: Int = 8 << 20) {
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
    }

    public func get(_ url: URL, headers: [String: String]) async throws -> (status: Int, headers: [String: String], body: Data) {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw MetadataError.invalidInput("\(url.absoluteString) is not an http(s) URL")
        }
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = "GET"
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        let download = BoundedDownload(limit: maxBodyBytes)
        // One session per request: delegates belong to sessions, and metadata requests are few.
        let session = URLSession(configuration: configuration, delegate: download, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let task = session.dataTask(with: request)
        let host = url.host ?? url.absoluteString
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                download.start(task, continuation: continuation)
            }
        } onCancel: {
            task.cancel()
        }
        switch outcome {
        case .success(let status, let answerHeaders, let body):
            return (status, answerHeaders, body)
        case .tooLarge(let status, let count):
            throw MetadataError.badResponse(host: host, status: status,
                                            reason: "the body is over the \(maxBodyBytes)-byte limit (\(count) bytes or more)")
        case .failed(let timedOut, let message):
            try Task.checkCancellation()
            throw MetadataError.unreachable(host: host, underlying: timedOut ? "no answer within \(Int(timeout)) seconds" : message)
        }
    }
}

/// Collects one data task's body up to a limit. URLSession calls the delegate on its own serial
/// queue; the lock covers `start` racing the first callback.
private final class BoundedDownload: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    enum Outcome: Sendable {
        case success(status: Int, headers: [String: String], body: Data)
        case tooLarge(status: Int, byteCount: Int)
        case failed(timedOut: Bool, message: String)
    }

    private let limit: Int
    private let lock = NSLock()
    private var body = Data()
    private var response: HTTPURLResponse?
    private var oversized: Int?
    private var continuation: CheckedContinuation<Outcome, Never>?

    init(limit: Int) {
        self.limit = limit
    }

    func start(_ task: URLSessionDataTask, continuation: CheckedContinuation<Outcome, Never>) {
        lock.withLock { self.continuation = continuation }
        task.resume()
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        let http = response as? HTTPURLResponse
        let declared = response.expectedContentLength
        let refuse = lock.withLock { () -> Bool in
            self.response = http
            if declared > Int64(limit) { oversized = Int(clamping: declared); return true }
            return false
        }
        completionHandler(refuse ? .cancel : .allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let cancel = lock.withLock { () -> Bool in
            guard oversized == nil else { return false }
            if body.count + data.count > limit {
                oversized = body.count + data.count
                body = Data()
                return true
            }
            body.append(data)
            return false
        }
        if cancel { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let (continuation, outcome) = lock.withLock { () -> (CheckedContinuation<Outcome, Never>?, Outcome) in
            let pending = self.continuation
            self.continuation = nil
            let status = response?.statusCode ?? 0
            if let oversized { return (pending, .tooLarge(status: status, byteCount: oversized)) }
            if let error {
                let timedOut = (error as? URLError)?.code == .timedOut
                return (pending, .failed(timedOut: timedOut, message: (error as NSError).localizedDescription))
            }
            guard let response else { return (pending, .failed(timedOut: false, message: "the answer was not HTTP")) }
            var headers: [String: String] = [:]
            for (key, value) in response.allHeaderFields {
                if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
            }
            return (pending, .success(status: status, headers: headers, body: body))
        }
        continuation?.resume(returning: outcome)
    }
}
