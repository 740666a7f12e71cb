import Foundation
import Testing
@testable import ServarrCore

// TRaSH-guides-shaped files, written here (not copied): `fields` are objects, plus the
// trash_* keys the import ignores.
let trashX265HD = #"""
{
  "trash_id": "47435ece6b99a0b477caf360e79ba0bb",
  "trash_scores": { "default": -10000 },
  "trash_description": "x265 for HD releases",
  "name": "x265 (HD)",
  "includeCustomFormatWhenRenaming": false,
  "specifications": [
    { "name": "x265", "implementation": "ReleaseTitleSpecification", "negate": false, "required": true,
      "fields": { "value": "[xh][ ._-]?265|\\bHEVC(\\b|\\d)" } },
    { "name": "Not 2160p", "implementation": "ResolutionSpecification", "negate": true, "required": true,
      "fields": { "value": 2160 } }
  ]
}
"""#

let trashSize = #"""
{ "name": "Small", "specifications": [
    { "name": "Size", "implementation": "SizeSpecification", "negate": false, "required": true, "fields": { "min": 1, "max": 10 } } ] }
"""#

// The API shape Sonarr returns from GET /customformat.
let apiShape = #"""
{ "id": 3, "name": "BluRay", "includeCustomFormatWhenRenaming": true,
  "specifications": [
    { "name": "Bluray", "implementation": "SourceSpecification", "implementationName": "Source",
      "infoLink": "https://wiki.servarr.com/sonarr/settings#custom-formats-2", "negate": false, "required": false,
      "fields": [ { "order": 0, "name": "value", "label": "Source", "value": 6, "type": "select", "advanced": false,
                    "selectOptions": [ { "value": 6, "name": "Bluray", "order": 6 } ], "privacy": "normal", "isFloat": false } ] } ] }
"""#

struct CustomFormatImportTests {
    @Test func importsTheTrashShape() throws {
        let format = try CustomFormat.imported(from: Data(trashX265HD.utf8))
        #expect(format.name == "x265 (HD)")
        #expect(format.defaultScore == -10000)
        #expect(format.id == nil)
        #expect(format.specifications.map(\.implementation) == ["ReleaseTitleSpecification", "ResolutionSpecification"])
        #expect(format.specifications[0].value("value") == .string(#"[xh][ ._-]?265|\bHEVC(\b|\d)"#))
        #expect(format.specifications[0].fields.first?.label == "Regular Expression")
        #expect(format.specifications[0].implementationName == "Release Title")
        #expect(format.specifications[1].value("value") == .int(2160))
        #expect(format.specifications[1].negate && format.specifications[1].required)
        #expect(format.validate(app: .sonarr).isEmpty)
    }

    @Test func importsTheApiShape() throws {
        let format = try CustomFormat.imported(from: Data(apiShape.utf8))
        #expect(format.id == 3 && format.includeCustomFormatWhenRenaming)
        #expect(format.specifications[0].value("value")?.intValue == 6)
        #expect(format.specifications[0].fields[0].selectOptions?.first?.name == "Bluray")
        #expect(format.defaultScore == nil)
        #expect(format.validate(app: .sonarr).isEmpty)
    }

    @Test(arguments: [trashX265HD, trashSize, apiShape])
    func importExportImportIsIdentity(json: String) throws {
        let first = try CustomFormat.imported(from: Data(json.utf8))
        let exported = first.exported()
        var second = try CustomFormat.imported(from: exported)
        second.id = first.id  // the export shape carries no id
        if json == apiShape {
            // Export keeps values, not the API's display metadata.
            #expect(second.specifications[0].value("value") == first.specifications[0].value("value"))
        } else {
            #expect(second == first)
        }
        // Export writes fields as an object.
        let object = try #require(try JSONSerialization.jsonObject(with: exported) as? [String: Any])
        let specs = try #require(object["specifications"] as? [[String: Any]])
        #expect(specs.allSatisfy { $0["fields"] is [String: Any] })
        #expect(object["id"] == nil)
    }

    @Test func apiEncodingHasFieldArraysAndNoTrashKeys() throws {
        let format = try CustomFormat.imported(from: Data(trashX265HD.utf8))
        let data = try JSONEncoder().encode(format)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["trash_scores"] == nil && object["trash_id"] == nil)
        let specs = try #require(object["specifications"] as? [[String: Any]])
        #expect(specs.allSatisfy { $0["fields"] is [[String: Any]] })
        #expect(try JSONDecoder().decode(CustomFormat.self, from: data) == { var f = format; f.defaultScore = nil; return f }())
    }

    @Test func sizeFieldsKeepSchemaOrder() throws {
        let format = try CustomFormat.imported(from: Data(trashSize.utf8))
        #expect(format.specifications[0].fields.map(\.name) == ["min", "max"])
        #expect(format.specifications[0].fields.map(\.unit) == ["GB", "GB"])
    }

    static let badJSON = ["{", #"{"name": "x", "specifications": [{"name": "a"}]}"#, #"{"specifications": 5}"#, "[]"]

    @Test(arguments: badJSON)
    func malformedJSONThrowsInsteadOfCrashing(json: String) {
        #expect(throws: (any Error).self) { try CustomFormat.imported(from: Data(json.utf8)) }
    }

    @Test func valueDecodesWhateverJSONHolds() throws {
        let json = #"[1, 2.5, "x", true, [1, "a"], null]"#
        let values = try JSONDecoder().decode([CustomFormatValue].self, from: Data(json.utf8))
        #expect(values == [.int(1), .double(2.5), .string("x"), .bool(true), .array([.int(1), .string("a")]), .null])
        #expect(try JSONDecoder().decode([CustomFormatValue].self, from: try JSONEncoder().encode(values)) == values)
        #expect(CustomFormatValue.string("6").intValue == 6)
        #expect(CustomFormatValue.double(6).intValue == 6)
        #expect(CustomFormatValue.double(6.5).intValue == nil)
    }
}

struct CustomFormatSchemaTests {
    @Test func sonarrSchema() {
        let names = CustomFormat.schema(for: .sonarr).map(\.implementation)
        #expect(names == ["ReleaseTitleSpecification", "LanguageSpecification", "IndexerFlagSpecification", "SourceSpecification",
                          "ResolutionSpecification", "SizeSpecification", "ReleaseGroupSpecification", "ReleaseTypeSpecification"])
    }

    @Test func radarrSchema() {
        let names = Set(CustomFormat.schema(for: .radarr).map(\.implementation))
        #expect(names.isSuperset(of: ["ReleaseTitleSpecification", "EditionSpecification", "QualityModifierSpecification",
                                      "SourceSpecification", "ResolutionSpecification", "SizeSpecification", "LanguageSpecification",
                                      "ReleaseGroupSpecification", "IndexerFlagSpecification"]))
        #expect(!names.contains("ReleaseTypeSpecification"))
    }

    @Test func selectOptionsCarryTheOriginalsEnumValues() throws {
        let sonarrSource = try #require(CustomFormat.schema(for: .sonarr).first { $0.implementation == "SourceSpecification" })
        let options = try #require(sonarrSource.fields.first?.selectOptions)
        #expect(options.first { $0.name == "Bluray" }?.value == 6)
        #expect(options.first { $0.name == "BlurayRaw" }?.value == 7)
        let radarrSource = try #require(CustomFormat.schema(for: .radarr).first { $0.implementation == "SourceSpecification" })
        #expect(radarrSource.fields.first?.selectOptions?.first { $0.name == "BLURAY" }?.value == 9)
        let modifier = try #require(CustomFormat.schema(for: .radarr).first { $0.implementation == "QualityModifierSpecification" })
        #expect(modifier.fields.first?.selectOptions?.first { $0.name == "REMUX" }?.value == 5)
        let language = try #require(CustomFormat.schema(for: .radarr).first { $0.implementation == "LanguageSpecification" })
        #expect(language.fields.map(\.name) == ["value", "exceptLanguage"])
        #expect(language.fields[0].selectOptions?.contains { $0.value == -2 && $0.name == "Original" } == true)
        let size = try #require(CustomFormat.schema(for: .sonarr).first { $0.implementation == "SizeSpecification" })
        #expect(size.fields.map(\.type) == ["number", "number"])
    }

    @Test func withSchemaFillsMetadataAndKeepsValues() throws {
        let format = try CustomFormat.imported(from: Data(trashX265HD.utf8)).withSchema(for: .sonarr)
        #expect(format.specifications[1].fields[0].selectOptions?.isEmpty == false)
        #expect(format.specifications[1].value("value") == .int(2160))
        #expect(format.specifications[0].infoLink?.contains("sonarr") == true)
        #expect(format.validate(app: .sonarr).isEmpty)
    }
}

struct CustomFormatValidationTests {
    static func single(_ implementation: String, _ values: [String: CustomFormatValue], name: String = "c") -> CustomFormat {
        CustomFormat(name: "F", specifications: [CustomFormatSpecification(name: name, implementation: implementation, values: values)])
    }

    static let cases: [(String, CustomFormat, ServarrApp, String?)] = [
        ("valid title", single("ReleaseTitleSpecification", ["value": .string(#"\b(x265)\b"#)]), .sonarr, nil),
        ("lookbehind", single("ReleaseTitleSpecification", ["value": .string(#"(?<=\b[12]\d{3}\b).*\b(DV|DoVi)\b"#)]), .radarr, nil),
        ("bad regex", single("ReleaseTitleSpecification", ["value": .string("(unclosed")]), .sonarr, "Invalid regular expression"),
        ("empty regex", single("ReleaseGroupSpecification", ["value": .string("")]), .sonarr, "must not be empty"),
        ("huge regex", single("ReleaseTitleSpecification", ["value": .string(String(repeating: "a", count: 1001))]), .sonarr, "longer than"),
        ("missing value", single("SourceSpecification", [:]), .sonarr, "must not be empty"),
        ("string as source", single("SourceSpecification", ["value": .string("bluray")]), .sonarr, "must be a number"),
        ("source out of range", single("SourceSpecification", ["value": .int(9)]), .sonarr, "Invalid Source condition value: 9"),
        ("radarr source 9", single("SourceSpecification", ["value": .int(9)]), .radarr, nil),
        ("bad resolution", single("ResolutionSpecification", ["value": .int(1081)]), .sonarr, "Invalid Resolution"),
        ("unknown language", single("LanguageSpecification", ["value": .int(999)]), .sonarr, "Invalid Language"),
        ("size min >= max", single("SizeSpecification", ["min": .int(10), "max": .int(10)]), .sonarr, "'Max' must be greater"),
        ("size negative", single("SizeSpecification", ["min": .int(-1), "max": .int(10)]), .radarr, "'Min' must be greater"),
        ("size fine", single("SizeSpecification", ["min": .double(0.5), "max": .int(10)]), .radarr, nil),
        ("edition on sonarr", single("EditionSpecification", ["value": .string("IMAX")]), .sonarr, "Unknown condition type"),
        ("unknown type", single("TitleSpecificationX", ["value": .string("a")]), .radarr, "Unknown condition type"),
        ("unnamed condition", single("ReleaseTitleSpecification", ["value": .string("a")], name: " "), .sonarr, "Condition name"),
        ("no conditions", CustomFormat(name: "F", specifications: []), .sonarr, "at least one Condition"),
        ("no name", CustomFormat(name: "", specifications: []), .sonarr, "'Name' must not be empty."),
    ]

    @Test(arguments: cases)
    func validation(label: String, format: CustomFormat, app: ServarrApp, message: String?) {
        let issues = format.validate(app: app)
        if let message {
            #expect(issues.contains { $0.errorMessage.contains(message) }, "\(label): \(issues)")
        } else {
            #expect(issues.isEmpty, "\(label): \(issues)")
        }
    }

    @Test func namesMustBeUnique() {
        let a = CustomFormat(id: 1, name: "HDR", specifications: [CustomFormatSpecification(name: "a", implementation: "ReleaseTitleSpecification", values: ["value": .string("HDR")])])
        var b = a
        b.id = 2
        b.name = "hdr"
        #expect(b.validate(app: .sonarr, others: [a]).map(\.errorMessage) == ["Must be unique."])
        #expect(a.validate(app: .sonarr, others: [a]).isEmpty)
    }
}
