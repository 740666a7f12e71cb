import Foundation
import KinoraCore
import Mustache

/// Server-rendered pages with one layout and one navigation for every role, so Kinora feels like
/// one application whichever role a page comes from.
public struct WebShell: Sendable {
    private let library: MustacheLibrary
    private let assets: [String: Asset]

    /// A static file of the shell (`kinora.css`, `kinora.js`), read once at start.
    public struct Asset: Sendable {
        public let bytes: [UInt8]
        public let contentType: String
    }

    public struct NavigationLink: Sendable, Equatable {
        public let title: String
        public let url: String
        public let isCurrent: Bool

        public init(title: String, url: String, isCurrent: Bool) {
            self.title = title
            self.url = url
            self.isCurrent = isCurrent
        }
    }

    public enum LoadError: Error, CustomStringConvertible {
        case missingResources(String)
        public var description: String {
            "the web templates are missing from \(self.path): reinstall Kinora with its resource bundle"
        }
        var path: String {
            switch self { case .missingResources(let path): path }
        }
    }

    /// Loads the templates bundled with the module.
    public static func load() async throws -> WebShell {
        guard let directory = Bundle.module.url(forResource: "Templates", withExtension: nil)?.path else {
            throw LoadError.missingResources(Bundle.module.bundlePath)
        }
        var assets: [String: Asset] = [:]
        if let assetDirectory = Bundle.module.url(forResource: "Assets", withExtension: nil) {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: assetDirectory.path)) ?? [] {
                guard let data = FileManager.default.contents(atPath: assetDirectory.path + "/" + name) else { continue }
                assets[name] = Asset(bytes: Array(data), contentType: contentType(of: name))
            }
        }
        return WebShell(library: try await MustacheLibrary(directory: directory), assets: assets)
    }

    init(library: MustacheLibrary, assets: [String: Asset]) {
        self.library = library
        self.assets = assets
    }

    public func asset(named name: String) -> Asset? { assets[name] }

    private static func contentType(of name: String) -> String {
        if name.hasSuffix(".css") { return "text/css; charset=utf-8" }
        if name.hasSuffix(".js") { return "text/javascript; charset=utf-8" }
        return "application/octet-stream"
    }

    /// Renders `page` inside the shared layout.
    public func render(page: String, title: String, navigation: [NavigationLink], homeURL: String, context: [String: Any]) -> String {
        let body = library.render(context, withTemplate: page) ?? ""
        let layout: [String: Any] = [
            "title": title,
            "body": body,
            "homeURL": homeURL,
            "version": KinoraVersion.kinora,
            "navigation": navigation.map { ["title": $0.title, "url": $0.url, "isCurrent": $0.isCurrent] },
        ]
        return library.render(layout, withTemplate: "layout") ?? body
    }
}
