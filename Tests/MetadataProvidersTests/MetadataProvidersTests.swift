import Testing
@testable import MetadataProviders
