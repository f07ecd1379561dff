import KubeRuntime

/// A container's argv and working directory, from its spec and its image config, as Kubernetes
/// and containerd make them: `command` replaces the image's Entrypoint and drops its Cmd, `args`
/// replaces Cmd, and `$(VAR)` references in both expand against the container's environment.
public enum ContainerCommand {
    /// The argv: `command + args` when `command` is given, else `Entrypoint + args` when `args`
    /// is given, else `Entrypoint + Cmd`; `$(VAR)` in command and args expanded with `env`.
    public static func argv(command: [String]?, args: [String]?, image: ImageConfig, env: [String: String]) -> [String] {
        let expand = { (words: [String]) in words.map { Self.expand($0, env) } }
        let command = command.flatMap { $0.isEmpty ? nil : $0 }
        let args = args.flatMap { $0.isEmpty ? nil : $0 }
        if let command { return expand(command) + expand(args ?? []) }
        let entrypoint = image.entrypoint ?? []
        if let args { return entrypoint + expand(args) }
        return entrypoint + (image.cmd ?? [])
    }

    /// Kubernetes' `expansion.Expand`: `$(NAME)` becomes NAME's value when defined and stays as
    /// written otherwise; `$$` is an escaped `$`; an unclosed `$(` or a `$` before anything else
    /// stays as written.
    public static func expand(_ input: String, _ env: [String: String]) -> String {
        let chars = Array(input)
        var out = ""
        var checkpoint = 0
        var cursor = 0
        while cursor < chars.count {
            if chars[cursor] == "$", cursor + 1 < chars.count {
                out += String(chars[checkpoint..<cursor])
                let (read, isVariable, advance) = readVariableName(chars, from: cursor + 1)
                if isVariable {
                    out += env[read] ?? "$(\(read))"
                } else {
                    out += read
                }
                cursor += advance
                checkpoint = cursor + 1
            }
            cursor += 1
        }
        return out + String(chars[min(checkpoint, chars.count)...])
    }

    /// What follows a `$` at `start`: the variable name (and true) for `$(NAME)`, else the text
    /// to keep; and how far the cursor moves past the `$`.
    private static func readVariableName(_ chars: [Character], from start: Int) -> (String, Bool, Int) {
        switch chars[start] {
        case "$":
            return ("$", false, 1)
        case "(":
            var i = start + 1
            while i < chars.count {
                if chars[i] == ")" { return (String(chars[(start + 1)..<i]), true, i - start + 1) }
                i += 1
            }
            return ("$(", false, 1)
        default:
            return ("$" + String(chars[start]), false, 1)
        }
    }

    /// The working directory: the container's, else the image's, else `/`.
    public static func workingDir(container: String?, image: ImageConfig) -> String {
        if let dir = container, !dir.isEmpty { return dir }
        if let dir = image.workingDir, !dir.isEmpty { return dir }
        return "/"
    }

    /// The numeric user from the security context or the image's `User` (`uid` or `uid:gid`);
    /// nil when neither gives a number (names are resolved by the runtime from the image).
    public static func user(runAsUser: Int?, runAsGroup: Int?, image: ImageConfig) -> UserID? {
        var uid: UInt32?
        var gid: UInt32?
        if let user = image.user, !user.isEmpty {
            let parts = user.split(separator: ":", maxSplits: 1).map(String.init)
            uid = UInt32(parts[0])
            if parts.count == 2 { gid = UInt32(parts[1]) }
        }
        if let runAsUser, runAsUser >= 0 { uid = UInt32(runAsUser) }
        if let runAsGroup, runAsGroup >= 0 { gid = UInt32(runAsGroup) }
        guard let uid else { return gid.map { UserID(uid: 0, gid: $0) } }
        return UserID(uid: uid, gid: gid ?? 0)
    }
}
