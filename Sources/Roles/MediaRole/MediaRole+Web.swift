import Hummingbird
import KinoraCore
import KinoraHTTP
import KinoraWeb

/// The web client at `/web/`, where Jellyfin serves jellyfin-web; `/` leads there.
extension MediaRole {
    func addWebRoutes(to router: Router<KinoraRequestContext>) {
        router.get("/") { _, _ in Response.redirect(to: "/web/") }
        router.get("web") { request, _ in webPage(for: request) }
        router.get("web/index.html") { request, _ in webPage(for: request) }
    }

    func webPage(for request: Request) -> Response {
        let navigation = Navigation(configuration: environment.configuration, requestHost: request.requestedHost)
        let html = environment.web.render(
            page: "media", title: "Media", navigation: navigation.links(current: .media),
            homeURL: navigation.homeURL, context: ["version": KinoraVersion.compatibleVersion(of: .media)])
        var response = Response.html(html)
        // The page holds no data (the app fetches it), but a cached copy would outlive an upgrade.
        response.headers[.cacheControl] = "no-cache"
        return response
    }
}
