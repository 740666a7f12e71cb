import KinoraCore
import MetadataProviders

/// The metadata sources configured for the role: the local catalog and library NFO files first
/// (offline, and what the user curated), then TMDb when a key is set.
enum MetadataSources {
    static func make(configuration: KinoraConfiguration, libraryRoots: [String]) throws -> (any MetadataProvider, String?) {
        let catalog = configuration.roleSettings[ConfigurationKey.metadataCatalog.name].flatMap { $0.isEmpty ? nil : $0 }
        let tmdbKey = configuration.roleSettings[ConfigurationKey.metadataTMDbAPIKey.name].flatMap { $0.isEmpty ? nil : $0 }
        var providers: [any MetadataProvider] = [try OfflineCatalogProvider(catalogFile: catalog, nfoRoots: libraryRoots)]
        if let tmdbKey { providers.append(TMDbProvider(apiKey: tmdbKey)) }
        let problem: String? =
            catalog == nil && tmdbKey == nil
            ? "No metadata source is configured, so only folders with NFO files can be looked up: set metadata.tmdb-api-key (a TMDb API key) or metadata.catalog (a local catalog file)."
            : nil
        return (ChainedMetadataProvider(providers), problem)
    }
}
