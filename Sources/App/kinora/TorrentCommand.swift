// `kinora torrent`: the BitTorrent engine on its own — make a .torrent, look inside one, download or seed.
import ArgumentParser
import BitTorrentCore
import BitTorrentEngine
import Foundation

struct TorrentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "torrent",
        abstract: "Create, inspect, download and seed torrents without the daemon.",
        subcommands: [TorrentCreateCommand.self, TorrentInfoCommand.self, TorrentDownloadCommand.self]
    )
}

/// A problem with what the user gave: one line on stderr, exit status 1.
struct TorrentCommandFailure: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// Runs a subcommand's body, turning any failure into one line on stderr and exit status 1.
func reportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let failure as TorrentCommandFailure {
        FileHandle.standardError.write(Data("kinora: \(failure.message)\n".utf8))
        throw ExitCode.failure
    } catch let failure as TorrentCreator.Failure {
        FileHandle.standardError.write(Data("kinora: \(failure.description)\n".utf8))
        throw ExitCode.failure
    } catch let exit as ExitCode {
        throw exit
    } catch {
        FileHandle.standardError.write(Data("kinora: \(error)\n".utf8))
        throw ExitCode.failure
    }
}

/// A .torrent file or a magnet link, as the user gave it.
enum TorrentInput {
    case metainfo(TorrentMetainfo)
    case magnet(MagnetLink)

    init(_ argument: String) throws(TorrentCommandFailure) {
        if argument.lowercased().hasPrefix("magnet:") {
            do { self = .magnet(try MagnetLink(parsing: argument)) } catch { throw TorrentCommandFailure("\(argument) is not a usable magnet link: \(error)") }
            return
        }
        guard let data = FileManager.default.contents(atPath: argument) else {
            throw TorrentCommandFailure("cannot read \(argument): give a .torrent file or a magnet link")
        }
        do {
            self = .metainfo(try TorrentMetainfo(bytes: Array(data)))
        } catch {
            throw TorrentCommandFailure("\(argument) is not a valid torrent: \(error)")
        }
    }

    var source: TorrentEngine.Source {
        switch self {
        case .metainfo(let metainfo): .metainfo(metainfo)
        case .magnet(let magnet): .magnet(magnet)
        }
    }
}

struct TorrentCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Make a .torrent of a file or a folder.")

    @Argument(help: "The file or folder to share.")
    var path: String

    @Option(name: .customLong("tracker"), help: "Announce URL (repeat for more trackers; each is its own tier).")
    var trackers: [String] = []

    @Option(name: .customLong("piece-length"), help: "Piece length in bytes (a power of two, at least 16384); chosen from the size when omitted.")
    var pieceLength: Int?

    @Flag(name: .customLong("private"), help: "Mark the torrent private (BEP 27: trackers only, no DHT or PEX).")
    var isPrivate = false

    @Option(name: .customLong("comment"), help: "A comment stored in the torrent.")
    var comment: String?

    @Option(name: .shortAndLong, help: "Where to write the .torrent.")
    var output: String

    func run() async throws {
        try await reportingFailures(create)
    }

    private func create() async throws {
        for tracker in trackers where !(tracker.hasPrefix("http://") || tracker.hasPrefix("https://") || tracker.hasPrefix("udp://")) {
            throw TorrentCommandFailure("--tracker \(tracker) is not an http://, https:// or udp:// announce URL")
        }
        let created = try TorrentCreator.create(from: path, trackers: trackers.map { [$0] }, pieceLength: pieceLength, isPrivate: isPrivate, comment: comment)
        guard FileManager.default.createFile(atPath: output, contents: Data(created.bytes)) else {
            throw TorrentCommandFailure("cannot write \(output)")
        }
        let metainfo = created.metainfo
        print("created \(output): \(metainfo.name), \(metainfo.totalLength) bytes, \(metainfo.pieceCount) pieces of \(metainfo.pieceLength) bytes")
        print(metainfo.infoHash.hex)
    }
}

struct TorrentInfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Show what a .torrent file or magnet link holds.")

    @Argument(help: "A .torrent file or a magnet link.")
    var input: String

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() async throws {
        try await reportingFailures(show)
    }

    private func show() async throws {
        switch try TorrentInput(input) {
        case .metainfo(let metainfo):
            if json {
                let document: [String: Any] = [
                    "name": metainfo.name,
                    "infoHash": metainfo.infoHash.hex,
                    "totalSize": metainfo.totalLength,
                    "pieceLength": metainfo.pieceLength,
                    "pieceCount": metainfo.pieceCount,
                    "private": metainfo.isPrivate,
                    "files": metainfo.userFiles.map { ["path": $0.path.description, "length": $0.length] as [String: Any] },
                    "trackers": metainfo.trackers,
                ]
                printJSON(document)
            } else {
                print("name:         \(metainfo.name)")
                print("info hash:    \(metainfo.infoHash.hex)")
                print("size:         \(metainfo.totalLength) bytes in \(metainfo.userFiles.count) file(s)")
                print("pieces:       \(metainfo.pieceCount) × \(metainfo.pieceLength) bytes")
                print("private:      \(metainfo.isPrivate ? "yes" : "no")")
                for tracker in metainfo.trackers { print("tracker:      \(tracker)") }
                for file in metainfo.userFiles { print("file:         \(file.path) (\(file.length) bytes)") }
            }
        case .magnet(let magnet):
            if json {
                let document: [String: Any] = [
                    "name": magnet.displayName as Any? ?? NSNull(),
                    "infoHash": magnet.infoHash.hex,
                    "trackers": magnet.trackers,
                    "peers": magnet.peers.map(\.description),
                ]
                printJSON(document)
            } else {
                print("magnet link (metadata comes from peers)")
                print("name:         \(magnet.displayName ?? "-")")
                print("info hash:    \(magnet.infoHash.hex)")
                for tracker in magnet.trackers { print("tracker:      \(tracker)") }
                for peer in magnet.peers { print("peer:         \(peer)") }
            }
        }
    }

    private func printJSON(_ document: [String: Any]) {
        let data = try! JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
        print(String(decoding: data, as: UTF8.self))
    }
}
