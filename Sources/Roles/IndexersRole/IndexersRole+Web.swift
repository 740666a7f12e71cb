import Hummingbird
import KinoraCore
import KinoraHTTP
import KinoraWeb

/// The web UI where Prowlarr serves its own: one page at `/` and at the deep links the page routes
/// by itself (Assets/indexers.js). As with the series and movies pages, the page does not carry the
/// API key — anyone who can load `/` would otherwise get it; the page asks for it once and keeps it
/// in the browser.
extension IndexersRole {
    /// The page's own paths; anything else stays a 404.
    static let webPaths = ["/", "indexers", "applications", "search"]

    func addWebRoutes(to router: Router<KinoraRequestContext>) {
        for path in Self.webPaths {
            router.get(RouterPath(path)) { request, _ in webPage(for: request) }
        }
    }

    func webPage(for request: Request) -> Response {
        let navigation = Navigation(configuration: environment.configuration, requestHost: request.requestedHost)
        let html = environment.web.render(
            page: "indexers", title: role.title, navigation: navigation.links(current: role),
            homeURL: navigation.homeURL,
            context: ["title": role.title, "replaces": role.replaces])
        var response = Response.html(html)
        // The page holds no data (the script fetches it), but a cached copy would outlive an upgrade.
        response.headers[.cacheControl] = "no-cache"
        return response
    }
}
