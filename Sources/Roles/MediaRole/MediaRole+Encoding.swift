import Foundation
import Hummingbird
import KinoraHTTP
import KinoraStorage
import MediaCore
import MediaTools

/// Transcoding settings at Jellyfin's `System/Configuration/encoding`: the hardware path ffmpeg
/// encodes with, chosen from what this machine offers, and how many transcodes run at once.
extension MediaRole {
    static let hardwareSetting = "encoding-hardware"
    static let maximumTranscodesSetting = "encoding-maximum-transcodes"

    /// Jellyfin's EncodingOptions, the fields its dashboard and clients read, plus Kinora's own.
    struct EncodingOptionsDto: Codable {
        var EncodingThreadCount = -1
        var TranscodingTempPath: String?
        var EncoderAppPath: String?
        var EncoderAppPathDisplay: String?
        var HardwareAccelerationType = "none"
        var VaapiDevice = ""
        var QsvDevice = ""
        var EnableHardwareEncoding = true
        var HardwareDecodingCodecs: [String] = []
        var KinoraAvailableHardwareAccelerationTypes: [String]?
        var KinoraAvailableDevices: [String]?
        var KinoraMaximumTranscodes: Int?
        var KinoraActiveTranscodes: Int?
    }

    func addEncodingRoutes(to router: Router<KinoraRequestContext>) {
        router.get("System/Configuration/encoding") { request, _ in
            try await requireAdministrator(request)
            return try jellyfinJSON(await encodingOptions())
        }
        router.post("System/Configuration/encoding") { request, context in
            try await requireAdministrator(request)
            let body = try await Self.body(of: request, context: context)
            let type = (body.string("HardwareAccelerationType") ?? "none").lowercased()
            let device = body.string(type == "qsv" ? "QsvDevice" : "VaapiDevice").flatMap { $0.isEmpty ? nil : $0 }
            guard let chosen = hardwareChoice(type: type, device: device) else {
                let offered = (["none"] + hardwareDevices.map(Self.typeName)).joined(separator: ", ")
                throw JellyfinError.badRequest("HardwareAccelerationType \(type) is not available on this machine; choose one of: \(offered)")
            }
            try await environment.database?.saveSetting(Self.hardwareSetting, to: Self.settingValue(of: chosen))
            if let limit = body.int("KinoraMaximumTranscodes") {
                guard (1...64).contains(limit) else { throw JellyfinError.badRequest("KinoraMaximumTranscodes must be between 1 and 64") }
                try await environment.database?.saveSetting(Self.maximumTranscodesSetting, to: String(limit))
                await transcodes.setMaximumJobs(limit)
            }
            return Response(status: .noContent)
        }
    }

    func encodingOptions() async -> EncodingOptionsDto {
        let hardware = await configuredHardware()
        var options = EncodingOptionsDto()
        options.TranscodingTempPath = transcodes.root
        options.EncoderAppPath = toolchain.ffmpeg
        options.EncoderAppPathDisplay = toolchain.ffmpeg
        options.HardwareAccelerationType = Self.typeName(of: hardware)
        switch hardware {
        case .vaapi(let device): options.VaapiDevice = device
        case .qsv(let device): options.QsvDevice = device
        case .none, .nvenc: break
        }
        options.KinoraAvailableHardwareAccelerationTypes = ["none"] + Array(Set(hardwareDevices.map(Self.typeName))).sorted()
        options.KinoraAvailableDevices = hardwareDevices.map(Self.settingValue)
        options.KinoraMaximumTranscodes = await transcodes.maximumJobs
        options.KinoraActiveTranscodes = await transcodes.runningCount
        return options
    }

    /// The hardware path the administrator chose; `.none` until then, or when its device is gone.
    func configuredHardware() async -> HardwareAcceleration {
        guard let value = try? await environment.database?.setting(named: Self.hardwareSetting) else { return .none }
        return hardwareDevices.first { Self.settingValue(of: $0) == value } ?? .none
    }

    func hardwareChoice(type: String, device: String?) -> HardwareAcceleration? {
        if type == "none" { return HardwareAcceleration.none }
        return hardwareDevices.first { candidate in
            guard Self.typeName(of: candidate) == type else { return false }
            switch candidate {
            case .vaapi(let path), .qsv(let path): return device == nil || device == path
            case .nvenc, .none: return true
            }
        }
    }

    static func typeName(of hardware: HardwareAcceleration) -> String {
        switch hardware {
        case .none: "none"
        case .vaapi: "vaapi"
        case .qsv: "qsv"
        case .nvenc: "nvenc"
        }
    }

    static func settingValue(of hardware: HardwareAcceleration) -> String {
        switch hardware {
        case .none: "none"
        case .vaapi(let device): "vaapi:" + device
        case .qsv(let device): "qsv:" + device
        case .nvenc(let index): "nvenc:\(index)"
        }
    }
}
