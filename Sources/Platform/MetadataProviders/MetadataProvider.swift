/// MetadataProviders: where series and movie facts come from (TMDb, an offline catalog, NFO files).
/// Filled in by issue 6.
public enum MetadataProviders {}
