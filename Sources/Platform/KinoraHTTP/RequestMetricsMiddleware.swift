import Hummingbird
import KinoraCore
import Prometheus

/// Counts requests and times them per role, for the gateway's `/metrics`.
public struct RequestMetricsMiddleware: RouterMiddleware {
    public typealias Context = KinoraRequestContext

    let role: Role
    let registry: PrometheusCollectorRegistry
    let duration: DurationHistogram

    public init(role: Role, registry: PrometheusCollectorRegistry) {
        self.role = role
        self.registry = registry
        self.duration = registry.makeDurationHistogram(
            name: "kinora_http_request_duration_seconds",
            labels: [("role", role.rawValue)],
            buckets: [.milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(500), .seconds(2), .seconds(10)],
            help: "Time to answer an HTTP request, per role."
        )
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        var status = 500
        defer {
            duration.record(ContinuousClock.now - start)
            registry.makeCounter(
                name: "kinora_http_requests_total",
                labels: [("role", role.rawValue), ("method", request.method.rawValue), ("status", String(status))],
                help: "HTTP requests answered, per role, method and status."
            ).increment()
        }
        do {
            let response = try await next(request, context)
            status = response.status.code
            return response
        } catch let error as any HTTPResponseError {
            status = error.status.code
            throw error
        }
    }
}
