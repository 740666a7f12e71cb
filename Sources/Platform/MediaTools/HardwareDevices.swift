import Foundation
import MediaCore

/// The GPUs this machine offers ffmpeg, read from the file system only (no process is started):
/// DRM render nodes with their PCI vendor, and whether NVIDIA's tools are installed.
public enum HardwareDevices {
    public static func detect(
        driDirectory: String = "/dev/dri", sysDirectory: String = "/sys/class/drm",
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> [HardwareAcceleration] {
        let nodes = ((try? FileManager.default.contentsOfDirectory(atPath: driDirectory)) ?? []).filter { $0.hasPrefix("renderD") }
        var vendors: [String: String] = [:]
        for node in nodes {
            if let vendor = try? String(contentsOfFile: "\(sysDirectory)/\(node)/device/vendor", encoding: .utf8) {
                vendors[node] = vendor.trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        let nvidia = path.contains { FileManager.default.isExecutableFile(atPath: "\($0)/nvidia-smi") }
        return HardwareAcceleration.detectableDevices(
            renderNodes: nodes.map { driDirectory + "/" + $0 }, vendorIDs: vendors, nvidiaSMIPresent: nvidia)
    }
}
