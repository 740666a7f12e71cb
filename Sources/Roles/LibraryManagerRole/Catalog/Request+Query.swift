import Hummingbird

extension Request {
    /// A query parameter by name, ignoring case as the originals (ASP.NET) do: Radarr clients send
    /// both `tmdbId` and `tmdbid`.
    func query(_ name: String) -> Substring? {
        if let exact = uri.queryParameters[Substring(name)] { return exact }
        let lowered = name.lowercased()
        return uri.queryParameters.first { $0.key.lowercased() == lowered }?.value
    }
}
