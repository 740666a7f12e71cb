import Hummingbird
import KinoraCore
import KinoraHTTP
import KinoraWeb

/// The web UI where Sonarr and Radarr serve theirs: one page at `/` and at every deep link the app
/// routes by itself (`/series/{slug}`, `/movie/{slug}`, `/calendar`, `/settings/...`). Unlike the
/// originals, the page does not carry the API key: anyone who can load `/` would get it. The app asks
/// for the key once and keeps it in the browser.
extension LibraryManagerRole {
    /// The app's own paths (Assets/library.js routes them); anything else stays a 404.
    static let webPaths = [
        "/", "series", "series/{slug}", "movie/{slug}", "movies", "add/new", "add/import", "calendar",
        "wanted/missing", "wanted/cutoff", "settings", "settings/{page}",
    ]

    func addWebRoutes(to router: Router<KinoraRequestContext>) {
        for path in Self.webPaths {
            router.get(RouterPath(path)) { request, _ in webPage(for: request) }
        }
    }

    func webPage(for request: Request) -> Response {
        let navigation = Navigation(configuration: environment.configuration, requestHost: request.requestedHost)
        let html = environment.web.render(
            page: "library", title: role.title, navigation: navigation.links(current: role),
            homeURL: navigation.homeURL,
            context: [
                "face": flavor == .series ? "series" : "movies",
                "title": role.title,
                "replaces": role.replaces,
            ])
        var response = Response.html(html)
        // The page holds no data (the app fetches it), but a cached copy would outlive an upgrade.
        response.headers[.cacheControl] = "no-cache"
        return response
    }
}
