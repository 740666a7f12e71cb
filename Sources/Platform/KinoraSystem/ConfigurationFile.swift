import Foundation
import KinoraCore
import Yams

/// Reads `kinora.yaml` into a configuration layer. Nested maps become dotted keys
/// (`ports: {series: 9000}` → `ports.series`), lists become comma-separated text, so the file is
/// validated by the same rules as the environment and the flags.
public enum ConfigurationFile {
    public static func layer(at path: String) throws(ConfigurationError) -> ConfigurationLayer {
        let source = ConfigurationSource.file(path: path)
        guard FileManager.default.fileExists(atPath: path) else { return ConfigurationLayer(source: source) }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadableFile(path: path, reason: "it is not readable UTF-8 text")
        }
        return try layer(parsing: text, source: source)
    }

    public static func layer(parsing text: String, source: ConfigurationSource) throws(ConfigurationError) -> ConfigurationLayer {
        let path = "\(source)"
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw .unreadableFile(path: path, reason: "it is not valid YAML (\(oneLine(error)))")
        }
        var layer = ConfigurationLayer(source: source)
        guard let node else { return layer }  // an empty file
        guard case .mapping(let mapping) = node else {
            throw .unreadableFile(path: path, reason: "the top level must be a mapping of keys to values")
        }
        try flatten(mapping, prefix: "", into: &layer)
        return layer
    }

    private static func flatten(_ mapping: Node.Mapping, prefix: String, into layer: inout ConfigurationLayer) throws(ConfigurationError) {
        for (keyNode, valueNode) in mapping {
            let key = prefix + (keyNode.string ?? "\(keyNode)")
            switch valueNode {
            case .scalar(let scalar):
                layer.values.append((key, scalar.string))
            case .sequence(let sequence):
                layer.values.append((key, sequence.compactMap(\.string).joined(separator: ",")))
            case .mapping(let nested):
                // Only known sections nest; anything else is an unknown key, named in full.
                guard ConfigurationKey.all.contains(where: { $0.name.hasPrefix(key + ".") }) else {
                    throw .unknownKey(key, source: layer.source)
                }
                try flatten(nested, prefix: key + ".", into: &layer)
            case .alias:
                throw .invalidValue(key: key, value: "an alias", allowed: "a plain value", source: layer.source)
            }
        }
    }

    private static func oneLine(_ error: any Error) -> String {
        "\(error)".split(whereSeparator: \.isNewline).first.map(String.init) ?? "syntax error"
    }
}
