/// Which GPU path ffmpeg encodes with. Decoding uses the same device when it can and falls back
/// to software (frames are downloaded, so any codec the GPU cannot decode still works).
public enum HardwareAcceleration: Sendable, Hashable {
    case none
    /// VA-API on a DRM render node, e.g. `/dev/dri/renderD128` (Intel, AMD).
    case vaapi(device: String)
    /// Intel Quick Sync on Linux, derived from a VA-API render node.
    case qsv(device: String)
    /// NVIDIA NVENC on the CUDA device with this index.
    case nvenc(deviceIndex: Int)

    /// The H.264 encoder this path uses.
    public var h264Encoder: String {
        switch self {
        case .none: "libx264"
        case .vaapi: "h264_vaapi"
        case .qsv: "h264_qsv"
        case .nvenc: "h264_nvenc"
        }
    }

    /// Arguments before `-i`: device initialisation and hardware decoding.
    public var inputArguments: [String] {
        switch self {
        case .none: []
        case .vaapi(let device):
            ["-init_hw_device", "vaapi=va:\(device)", "-filter_hw_device", "va", "-hwaccel", "vaapi", "-hwaccel_device", "va"]
        case .qsv(let device):
            [
                "-init_hw_device", "vaapi=va:\(device)", "-init_hw_device", "qsv=qs@va", "-filter_hw_device", "qs",
                "-hwaccel", "vaapi", "-hwaccel_device", "va",
            ]
        case .nvenc(let index):
            ["-init_hw_device", "cuda=cu:\(index)", "-filter_hw_device", "cu", "-hwaccel", "cuda", "-hwaccel_device", "cu"]
        }
    }

    /// Candidates to offer or probe, from facts the caller gathered: render node names
    /// (`renderD128` or full paths), their PCI vendor IDs when known (`0x8086` Intel, `0x1002`
    /// AMD, `0x10de` NVIDIA, from `/sys/class/drm/<node>/device/vendor`), and whether
    /// `nvidia-smi` is present with how many GPUs it lists. Quick Sync is offered only for Intel or
    /// unknown vendors, VA-API for everything but NVIDIA nodes.
    public static func detectableDevices(
        renderNodes: [String], vendorIDs: [String: String] = [:], nvidiaSMIPresent: Bool, nvidiaGPUCount: Int = 1
    ) -> [HardwareAcceleration] {
        var result: [HardwareAcceleration] = []
        let nodes = renderNodes.map { $0.hasPrefix("/") ? $0 : "/dev/dri/" + $0 }
            .filter { $0.split(separator: "/").last.map { $0.hasPrefix("renderD") } ?? false }
            .sorted { (renderNumber($0) ?? Int.max, $0) < (renderNumber($1) ?? Int.max, $1) }
        var seen = Set<String>()
        for path in nodes where seen.insert(path).inserted {
            let name = String(path.split(separator: "/").last ?? "")
            let vendor = (vendorIDs[name] ?? vendorIDs[path])?.lowercased()
            if vendor == "0x10de" { continue }
            result.append(.vaapi(device: path))
            if vendor == nil || vendor == "0x8086" { result.append(.qsv(device: path)) }
        }
        if nvidiaSMIPresent {
            for index in 0..<max(nvidiaGPUCount, 0) { result.append(.nvenc(deviceIndex: index)) }
        }
        return result
    }

    static func renderNumber(_ path: String) -> Int? {
        guard let name = path.split(separator: "/").last, name.hasPrefix("renderD") else { return nil }
        return Int(name.dropFirst("renderD".count))
    }
}
