import ArgumentParser

@main
struct Kinora: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kinora",
        abstract: "The homelab media stack in one program: requests, indexers, series, movies, subtitles, torrents, media, audiobooks.",
        subcommands: [ServeCommand.self, KeysCommand.self, ConfigCommand.self, BackupCommand.self, MediaCommand.self, ParseCommand.self, TorrentCommand.self]
    )
}
