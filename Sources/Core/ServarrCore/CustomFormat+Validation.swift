// Custom format validation as the originals answer POST/PUT `/customformat`: a name, at
// least one named condition of a type the app knows, and values each condition can use.

extension CustomFormat {
    /// `others` are the formats already stored, for the unique-name rule.
    public func validate(app: ServarrApp, others: [CustomFormat] = []) -> [ServarrValidationIssue] {
        var issues: [ServarrValidationIssue] = []
        func fail(_ property: String, _ message: String) { issues.append(.init(propertyName: property, errorMessage: message)) }

        if name.trimmingWhitespaceAndNewlines().isEmpty { fail("Name", "'Name' must not be empty.") }
        if others.contains(where: { $0.name.caseInsensitiveEquals(name) && $0.id != id }) { fail("Name", "Must be unique.") }
        if specifications.isEmpty { fail("Specifications", "Must contain at least one Condition") }
        if specifications.contains(where: { $0.name.trimmingWhitespaceAndNewlines().isEmpty }) {
            fail("Specifications", "Condition name(s) cannot be empty or consist of only spaces")
        }
        for spec in specifications {
            for message in spec.problems(app: app) { fail("Specifications", "\(spec.name): \(message)") }
        }
        return issues
    }
}

extension CustomFormatSpecification {
    /// What is wrong with this condition's type and values for `app`.
    func problems(app: ServarrApp) -> [String] {
        guard let kind = CustomFormatSchema.Kind(rawValue: implementation), kind.apps.contains(app) else {
            return ["Unknown condition type '\(implementation)'"]
        }
        var problems: [String] = []
        if kind.isRegex {
            switch value("value") {
            case .string(let pattern)?:
                switch UserRegex.compile(pattern) {
                case .success: break
                case .failure(.empty): problems.append("'Value' must not be empty.")
                case .failure(.tooLong): problems.append("Regular expression is longer than \(UserRegex.maxPatternLength) characters")
                case .failure(.invalid): problems.append("Invalid regular expression '\(pattern)'")
                }
            case nil, .null?: problems.append("'Value' must not be empty.")
            default: problems.append("'Value' must be a regular expression.")
            }
        } else if kind.hasRange {
            let isYear = kind == .year
            let min = value("min")?.doubleValue
            let max = value("max")?.doubleValue
            if min == nil { problems.append("'Min' must be a number.") }
            if max == nil { problems.append("'Max' must be a number.") }
            if let min, let max {
                if min < 0 { problems.append("'Min' must be greater than or equal to '0'.") }
                if isYear ? max < min : max <= min { problems.append("'Max' must be greater than \(isYear ? "or equal to " : "")'Min'.") }
            }
        } else if let raw = value("value") {
            if let number = raw.intValue {
                let options = CustomFormatSchema.selectOptions(kind, app: app) ?? []
                let valid = kind == .language ? number != 0 && options.contains { $0.value == number }
                    : options.contains { $0.value == number }
                if !valid { problems.append("Invalid \(kind.implementationName) condition value: \(number)") }
            } else {
                problems.append("'Value' must be a number.")
            }
        } else {
            problems.append("'Value' must not be empty.")
        }
        return problems
    }
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool { lowercased() == other.lowercased() }
}
