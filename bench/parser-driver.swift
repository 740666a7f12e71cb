// Driver for bench/parser-instructions: the loop of `kinora parse --jsonl`
// (ParseCommand.streamJSONL) over the ReleaseParser module alone. Valgrind cannot read the full
// kinora binary's debug info, and this builds in a minute instead of a package release build.
// Not part of the package (Package.swift lists its targets' paths). usage: driver [auto|episode|movie]
import Glibc
import ReleaseParser

let args = CommandLine.arguments
let mode = ParseMode(rawValue: args.count > 1 ? args[1] : "auto") ?? .auto
let chunkSize = 1 << 18
var input = [UInt8](repeating: 0, count: chunkSize)
var pending: [UInt8] = []
var out: [UInt8] = []
out.reserveCapacity(chunkSize + 8192)

func writeAll(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { buf in
        var offset = 0
        while offset < buf.count {
            let w = write(1, buf.baseAddress! + offset, buf.count - offset)
            if w < 0 { if errno == EINTR { continue }; return }
            offset += w
        }
    }
}
func emit(_ lineBytes: ArraySlice<UInt8>) {
    var slice = lineBytes
    if slice.last == 13 { slice = slice.dropLast() }
    let name = String(decoding: slice, as: UTF8.self)
    ReleaseJSON.append(ReleaseParser.parse(name, as: mode), to: &out)
    out.append(10)
    if out.count >= chunkSize { writeAll(out); out.removeAll(keepingCapacity: true) }
}
while true {
    let n = input.withUnsafeMutableBytes { read(0, $0.baseAddress, chunkSize) }
    if n < 0 && errno == EINTR { continue }
    if n <= 0 { break }
    var start = 0
    var i = 0
    while i < n {
        if input[i] == 10 {
            if pending.isEmpty { emit(input[start..<i]) } else {
                pending.append(contentsOf: input[start..<i]); emit(pending[...]); pending.removeAll(keepingCapacity: true)
            }
            start = i + 1
        }
        i += 1
    }
    if start < n { pending.append(contentsOf: input[start..<n]) }
}
if !pending.isEmpty { emit(pending[...]) }
if !out.isEmpty { writeAll(out) }
