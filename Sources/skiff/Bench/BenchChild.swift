import Foundation

/// Another `skiff` subcommand run as a child process by a benchmark (scheduler, simulator), with
/// its output in `logPath`.
final class BenchChild: Sendable {
    let process: Process
    let logPath: String

    /// Starts `skiff <arguments>`; output goes to `logPath`.
    init(_ arguments: [String], logPath: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        p.arguments = arguments
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = FileHandle(forWritingAtPath: logPath)
        p.standardOutput = log ?? FileHandle.nullDevice
        p.standardError = log ?? FileHandle.nullDevice
        try p.run()
        process = p
        self.logPath = logPath
    }

    /// Whether the process is still running.
    var isRunning: Bool { process.isRunning }
    /// Resident memory now, MiB.
    func residentMiB() -> Double { BenchServer.memoryMiB(pid: process.processIdentifier, field: "VmRSS") }
    /// Peak resident memory, MiB.
    func peakMiB() -> Double { BenchServer.memoryMiB(pid: process.processIdentifier, field: "VmHWM") }
    /// CPU seconds used so far.
    func cpuSeconds() -> Double { BenchServer.cpuSeconds(pid: String(process.processIdentifier)) }

    /// Stops the process.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}
