import Foundation

/// Which movie a file is, from its folder or file name.
public struct MovieIdentity: Sendable, Hashable {
    public var title: String
    public var year: Int?
    public var providerIds: [MetadataProvider: String]
    /// A version label (`Director's Cut`, `{edition-Extended}`), so versions group under one movie.
    public var edition: String?
    /// For stacked files (`- part1`, `cd2`, `disc2`); nil for single-file movies.
    public var partNumber: Int?

    public init(
        title: String, year: Int? = nil, providerIds: [MetadataProvider: String] = [:],
        edition: String? = nil, partNumber: Int? = nil
    ) {
        self.title = title
        self.year = year
        self.providerIds = providerIds
        self.edition = edition
        self.partNumber = partNumber
    }
}
