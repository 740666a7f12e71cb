extension TorznabCapabilities {
    /// The `capabilities` object of an indexer resource in the indexers role's API (Prowlarr's shape).
    public var resourceValue: ProviderValue {
        func value(of category: Category) -> ProviderValue {
            .object([
                "id": .int(category.id), "name": .string(category.name),
                "subCategories": .array(category.subCategories.map { value(of: $0) }),
            ])
        }
        func params(_ key: String) -> ProviderValue { .array((searching[key]?.supportedParams ?? []).map(ProviderValue.string)) }
        return .object([
            "categories": .array(categories.map { value(of: $0) }),
            "searchParams": params("search"), "tvSearchParams": params("tv-search"), "movieSearchParams": params("movie-search"),
            "supportsRawSearch": false,
        ])
    }

    /// Every category id in a stored `capabilities` object (parents and subcategories), ascending.
    public static func categoryIds(in value: ProviderValue?) -> [Int] {
        guard case .object(let object)? = value, case .array(let categories)? = object["categories"] else { return [] }
        var ids = Set<Int>()
        func collect(_ items: [ProviderValue]) {
            for case .object(let item) in items {
                if let id = item["id"]?.int { ids.insert(id) }
                if case .array(let children)? = item["subCategories"] { collect(children) }
            }
        }
        collect(categories)
        return ids.sorted()
    }
}
