extension RuncRuntime {
    /// `runc://<version>` from `runc --version` (what nodes show as containerRuntimeVersion).
    public func version() async throws -> String {
        let output = try await RuncProcess.run(options.runc, ["--version"])
        guard output.status == 0 else { throw RuntimeError(.command, "runc --version: \(output.errorText)") }
        let firstLine = String(decoding: output.stdout, as: UTF8.self).split(separator: "\n").first ?? ""
        // "runc version 1.1.5+ds1" → "1.1.5"
        let version = firstLine.split(separator: " ").last.map { String($0.prefix { $0 != "+" && $0 != "-" }) } ?? ""
        guard !version.isEmpty else { throw RuntimeError(.command, "runc --version printed no version") }
        return "runc://\(version)"
    }
}
