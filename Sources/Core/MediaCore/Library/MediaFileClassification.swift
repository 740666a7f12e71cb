import Foundation

/// The scanner's verdict on one file.
public enum MediaFileClassification: Sendable, Hashable {
    /// A file the library indexes.
    case media(MediaFileKind)
    /// A video that is bonus material of the item it sits under (trailer, featurette...).
    case extra(ExtraKind)
    /// A file the scanner must not index, with the reason for logs and tests.
    case ignored(IgnoreReason)

    /// Why a file was skipped; kept distinct so "why is my file missing?" has an answer.
    public enum IgnoreReason: String, Sendable, Hashable, CaseIterable {
        case hidden
        case systemFolder
        case incompleteDownload
        case sample
        case unsupportedExtension
        /// Non-video files inside an extras folder (we index extras as videos only).
        case insideExtrasFolder
        case emptyPath
    }
}
