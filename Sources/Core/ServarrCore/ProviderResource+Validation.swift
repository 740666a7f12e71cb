extension ProviderResource {
    /// The templates of one provider kind, as `GET /api/v3/<kind>/schema` answers them.
    public static func templates(kind: ProviderKind, app: ServarrApp) -> [ProviderResource] {
        switch kind {
        case .indexer: IndexerSchemas.templates(for: app)
        case .downloadClient: DownloadClientSchemas.templates(for: app)
        case .notification: NotificationSchemas.templates(for: app)
        case .importList: []
        }
    }

    public static func template(implementation: String, kind: ProviderKind, app: ServarrApp) -> ProviderResource? {
        templates(kind: kind, app: app).first { $0.implementation.lowercased() == implementation.lowercased() }
    }

    /// Looks up the template for `resource.implementation` and validates against it; an unknown
    /// implementation is an issue on "Implementation".
    public static func validated(_ resource: ProviderResource, kind: ProviderKind, app: ServarrApp)
        -> Result<ProviderResource, ProviderValidationFailure>
    {
        guard let template = template(implementation: resource.implementation, kind: kind, app: app) else {
            return .failure(ProviderValidationFailure(issues: [Self.unknownImplementation(resource.implementation)]))
        }
        return resource.validated(against: template, kind: kind)
    }

    /// Checks a client's resource (POST/PUT body) and normalises it on the template: missing
    /// fields take the template's defaults, unknown fields and keys are dropped, values are
    /// coerced to the template's types, read-only keys (`supports*`, `protocol`) come from the
    /// template. Secrets must already be merged (`merging(secretsFrom:)`) for a PUT.
    public func validated(against template: ProviderResource, kind: ProviderKind)
        -> Result<ProviderResource, ProviderValidationFailure>
    {
        var issues: [ServarrValidationIssue] = []
        guard implementation.lowercased() == template.implementation.lowercased() else {
            return .failure(ProviderValidationFailure(issues: [Self.unknownImplementation(implementation)]))
        }

        var result = template
        result.id = id
        result.name = name?.providerTrimmed()
        result.tags = tags
        result.message = nil
        result.presets = nil
        if (result.name ?? "").isEmpty {
            issues.append(ServarrValidationIssue(propertyName: "Name", errorMessage: "'Name' must not be empty."))
        }

        for index in result.fields.indices {
            let templateField = result.fields[index]
            guard let sentIndex = fieldIndex(named: templateField.name), let sent = fields[sentIndex].value else {
                continue
            }
            switch Self.coerce(sent, like: templateField) {
            case .success(let value): result.fields[index].value = value
            case .failure(let issue): issues.append(issue)
            }
        }

        for (key, defaultValue) in template.extra where !Self.isReadOnlyKey(key) {
            guard let sent = extra[key], !sent.isNull else { continue }
            if let value = Self.coerce(sent, likeValue: defaultValue) {
                result.extra[key] = value
            } else {
                issues.append(ServarrValidationIssue(
                    propertyName: key.prefix(1).uppercased() + key.dropFirst(),
                    errorMessage: "'\(key)' has the wrong type."))
            }
        }

        issues += result.implementationIssues(kind: kind)
        return issues.isEmpty ? .success(result) : .failure(ProviderValidationFailure(issues: issues))
    }

    static func unknownImplementation(_ implementation: String) -> ServarrValidationIssue {
        ServarrValidationIssue(
            propertyName: "Implementation",
            errorMessage: implementation.isEmpty
                ? "'Implementation' must not be empty."
                : "Unknown implementation '\(implementation)'.")
    }

    static func isReadOnlyKey(_ key: String) -> Bool {
        key.hasPrefix("supports") || key == "protocol" || key == "link"
    }

    // MARK: - Coercion

    static func coerce(_ value: ProviderValue, like field: ProviderField) -> Coerced {
        let property = propertyName(forField: field.name)
        let label = field.label ?? property
        if value.isNull { return .success(.null) }
        switch field.type {
        case "checkbox":
            guard let flag = value.bool else { return .failure(issue(property, "'\(label)' must be true or false.")) }
            return .success(.bool(flag))
        case "number":
            if value == .string("") { return .success(.null) }
            if field.isFloat == true {
                guard let number = value.double else { return .failure(issue(property, "'\(label)' must be a number.")) }
                return .success(.double(number))
            }
            guard let number = value.int else { return .failure(issue(property, "'\(label)' must be a whole number.")) }
            return .success(.int(number))
        case "select":
            if case .array = field.value {
                guard let numbers = value.ints else {
                    return .failure(issue(property, "'\(label)' must be a list of whole numbers."))
                }
                return .success(.ints(numbers))
            }
            guard let number = value.int else { return .failure(issue(property, "'\(label)' must be a whole number.")) }
            return .success(.int(number))
        case "tag":
            guard let strings = value.strings else { return .failure(issue(property, "'\(label)' must be a list.")) }
            return .success(.array(strings.map(ProviderValue.string)))
        default:
            if case .int = field.value {
                guard let number = value.int else { return .failure(issue(property, "'\(label)' must be a whole number.")) }
                return .success(.int(number))
            }
            guard let text = value.string else { return .failure(issue(property, "'\(label)' must be text.")) }
            return .success(.string(text))
        }
    }

    enum Coerced {
        case success(ProviderValue)
        case failure(ServarrValidationIssue)
    }

    static func coerce(_ value: ProviderValue, likeValue template: ProviderValue) -> ProviderValue? {
        switch template {
        case .bool: value.bool.map(ProviderValue.bool)
        case .int: value.int.map(ProviderValue.int)
        case .double: value.double.map(ProviderValue.double)
        case .string: value.string.map(ProviderValue.string)
        default: value
        }
    }

    /// `seedCriteria.seedRatio` → `SeedCriteria.SeedRatio`, the originals' property path.
    static func propertyName(forField name: String) -> String {
        name.split(separator: ".", omittingEmptySubsequences: false)
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined(separator: ".")
    }

    static func issue(_ property: String, _ message: String) -> ServarrValidationIssue {
        ServarrValidationIssue(propertyName: property, errorMessage: message)
    }

    // MARK: - Rules per implementation (as the originals' settings validators)

    func implementationIssues(kind: ProviderKind) -> [ServarrValidationIssue] {
        var issues: [ServarrValidationIssue] = []
        if kind == .indexer || kind == .downloadClient, let priority = extraInt("priority"), !(1...50).contains(priority) {
            issues.append(Self.issue("Priority", "'Priority' must be between 1 and 50. You entered \(priority)."))
        }
        switch implementation.lowercased() {
        case "torznab", "newznab": issues += newznabIssues()
        case "transmission": issues += transmissionIssues()
        case "mediabrowser": issues += mediaBrowserIssues()
        default: break
        }
        if configContract == "SonarrSettings" || configContract == "RadarrSettings" { issues += applicationIssues() }
        return issues
    }

    /// An application of the indexers role: both addresses usable, and a key to reach it with.
    private func applicationIssues() -> [ServarrValidationIssue] {
        var issues: [ServarrValidationIssue] = []
        if !Self.isRootURL(string("prowlarrUrl") ?? "") {
            issues.append(Self.issue("ProwlarrUrl", "'Prowlarr Server' must be a valid URL that starts with http(s)://"))
        }
        if !Self.isRootURL(string("baseUrl") ?? "") {
            issues.append(Self.issue("BaseUrl", "'\(implementation) Server' must be a valid URL that starts with http(s)://"))
        }
        if (string("apiKey") ?? "").providerTrimmed().isEmpty {
            issues.append(Self.issue("ApiKey", "'API Key' must not be empty."))
        }
        if let level = extraString("syncLevel"), ApplicationSyncLevel(rawValue: level) == nil {
            issues.append(Self.issue("SyncLevel", "'Sync Level' must be one of disabled, addOnly, fullSync."))
        }
        return issues
    }

    private func newznabIssues() -> [ServarrValidationIssue] {
        var issues: [ServarrValidationIssue] = []
        if !Self.isRootURL(string("baseUrl") ?? "") {
            issues.append(Self.issue("BaseUrl", "Must be valid URL that starts with http(s)://"))
        }
        if let apiPath = string("apiPath"), !Self.isURLPath(apiPath) {
            issues.append(Self.issue("ApiPath", "Must be a valid URL path (ie: '/api')"))
        }
        let categories = ints("categories") ?? []
        let animeCategories = ints("animeCategories") ?? []
        if fieldIndex(named: "animeCategories") != nil {
            if categories.isEmpty && animeCategories.isEmpty {
                issues.append(Self.issue("", "Either 'Categories' or 'Anime Categories' must be provided"))
            }
        } else if fieldIndex(named: "categories") != nil, categories.isEmpty {
            // (The indexers role's own Torznab/Newznab indexers have no categories: their feed's caps list them.)
            issues.append(Self.issue("", "'Categories' must be provided"))
        }
        if let parameters = string("additionalParameters"), !parameters.providerTrimmed().isEmpty,
            !Self.looksLikeQueryParameters(parameters)
        {
            issues.append(Self.issue("AdditionalParameters", "'Additional Parameters' is not in the correct format."))
        }
        if let seeders = int("minimumSeeders"), seeders < 0 {
            issues.append(Self.issue("MinimumSeeders", "'Minimum Seeders' must be greater than or equal to '0'."))
        }
        return issues
    }

    private func transmissionIssues() -> [ServarrValidationIssue] {
        var issues: [ServarrValidationIssue] = []
        let host = string("host")?.providerTrimmed() ?? ""
        if host.isEmpty {
            issues.append(Self.issue("Host", "'Host' must not be empty."))
        } else if !Self.isHost(host) {
            issues.append(Self.issue("Host", "Must be a valid Host without http://"))
        }
        issues += Self.portIssues(int("port"))
        if let urlBase = string("urlBase"), !Self.isURLPath(urlBase) {
            issues.append(Self.issue("UrlBase", "Must be a valid URL path (ie: '/transmission/')"))
        }
        for (categoryField, directoryField) in [("tvCategory", "tvDirectory"), ("movieCategory", "movieDirectory")] {
            guard fieldIndex(named: categoryField) != nil else { continue }
            let category = string(categoryField) ?? ""
            let property = Self.propertyName(forField: categoryField)
            if !Self.isCategory(category) {
                issues.append(Self.issue(property, "Allowed characters a-z and -"))
            }
            if !category.isEmpty, !(string(directoryField) ?? "").providerTrimmed().isEmpty {
                issues.append(Self.issue(property, "Cannot use Category and Directory"))
            }
        }
        return issues
    }

    private func mediaBrowserIssues() -> [ServarrValidationIssue] {
        var issues: [ServarrValidationIssue] = []
        let host = string("host")?.providerTrimmed() ?? ""
        if host.isEmpty {
            issues.append(Self.issue("Host", "'Host' must not be empty."))
        } else if !Self.isHost(host) {
            issues.append(Self.issue("Host", "Must be a valid Host without http://"))
        }
        issues += Self.portIssues(int("port"))
        if (string("apiKey") ?? "").providerTrimmed().isEmpty {
            issues.append(Self.issue("ApiKey", "'API Key' must not be empty."))
        }
        if let urlBase = string("urlBase"), !Self.isURLPath(urlBase) {
            issues.append(Self.issue("UrlBase", "Must be a valid URL path (ie: '/jellyfin')"))
        }
        return issues
    }

    static func portIssues(_ port: Int?) -> [ServarrValidationIssue] {
        guard let port else { return [issue("Port", "'Port' must not be empty.")] }
        guard (1...65535).contains(port) else {
            return [issue("Port", "'Port' must be between 1 and 65535. You entered \(port).")]
        }
        return []
    }

    // MARK: - Shapes

    /// `http://host[:port][/path]` or https, with a non-empty host and no spaces.
    static func isRootURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        let rest: Substring
        if lowered.hasPrefix("http://") {
            rest = text.dropFirst(7)
        } else if lowered.hasPrefix("https://") {
            rest = text.dropFirst(8)
        } else {
            return false
        }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = authority.hasPrefix("[") ? authority.prefix { $0 != "]" } : authority.prefix { $0 != ":" }
        if host.isEmpty || host == "[" { return false }
        if text.contains(where: { $0.isWhitespace }) { return false }
        if let colon = authority.lastIndex(of: ":"), !authority.hasPrefix("[") || authority.contains("]:") {
            let port = authority[authority.index(after: colon)...]
            guard let number = Int(port), (1...65535).contains(number) else { return false }
        }
        return true
    }

    /// Empty, or a path starting with "/" that is not itself a URL.
    static func isURLPath(_ text: String) -> Bool {
        let trimmed = text.providerTrimmed()
        if trimmed.isEmpty { return true }
        return trimmed.hasPrefix("/") && !trimmed.contains("://") && !trimmed.contains(where: { $0.isWhitespace })
    }

    static func isHost(_ text: String) -> Bool {
        !text.contains("://") && !text.contains("/") && !text.contains(where: { $0.isWhitespace })
    }

    /// `^\.?[-a-z]*$`, case-insensitive (Transmission categories become directory names).
    static func isCategory(_ text: String) -> Bool {
        var body = Substring(text)
        if body.hasPrefix(".") { body = body.dropFirst() }
        return body.allSatisfy { $0 == "-" || ($0.isASCII && $0.isLetter) }
    }

    /// At least one `&name=value` pair, as the originals' additional-parameters rule asks.
    static func looksLikeQueryParameters(_ text: String) -> Bool {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) where text.contains("&") {
            if let equals = pair.firstIndex(of: "="), equals != pair.startIndex, pair.index(after: equals) != pair.endIndex {
                return true
            }
        }
        return false
    }
}
