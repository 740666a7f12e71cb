import Testing
@testable import ServarrCore

@Test func appsAreNamedAsTheOriginals() {
    #expect(ServarrApp.allCases.map(\.rawValue) == ["sonarr", "radarr"])
}
