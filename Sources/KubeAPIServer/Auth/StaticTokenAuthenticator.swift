import Foundation
import KubeAPI

/// Authenticates bearer tokens listed in a static token file, kube-apiserver's
/// `--token-auth-file`: CSV lines `token,user,uid[,"group1,group2,..."]`. An unknown token is
/// left to the next authenticator (and so ends as 401 when none knows it).
public struct StaticTokenAuthenticator: Authenticator {
    /// The users by token.
    public let users: [String: UserInfo]

    public init(users: [String: UserInfo]) {
        self.users = users
    }

    /// Parses the file's text. Throws, with Kubernetes' message, for a line of fewer than three
    /// columns; skips lines with an empty token; a later duplicate token wins.
    public init(csv text: String, path: String = "") throws(APIError) {
        var users: [String: UserInfo] = [:]
        for record in try CSVRecords.parse(text) {
            guard record.count >= 3 else {
                throw APIError.badRequest(
                    "token file '\(path)' must have at least 3 columns (token, user name, user uid), found \(record.count)")
            }
            guard !record[0].isEmpty else { continue }
            var user = UserInfo(username: record[1], uid: record[2])
            if record.count >= 4 { user.groups = record[3].split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            users[record[0]] = user
        }
        self.users = users
    }

    /// Reads and parses the token file at `path`.
    public init(path: String) throws(APIError) {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw APIError.badRequest("cannot read token file '\(path)': \(error)")
        }
        try self.init(csv: text, path: path)
    }

    public func authenticate(_ request: AuthenticationRequest) async throws(APIError) -> UserInfo? {
        guard let token = request.bearerToken else { return nil }
        return users[token]
    }
}

/// A small reader of RFC 4180 CSV as Go's encoding/csv reads it: quoted fields may hold
/// commas, doubled quotes and newlines; blank lines are skipped.
enum CSVRecords {
    static func parse(_ text: String) throws(APIError) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var fieldStarted = false
        var chars = Array(text.unicodeScalars)[...]
        func endRecord() {
            if fieldStarted || !record.isEmpty { record.append(field) }
            if !record.isEmpty { records.append(record) }
            record = []
            field = ""
            fieldStarted = false
        }
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" {
                        chars.removeFirst()
                        field.unicodeScalars.append("\"")
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty:
                quoted = true
                fieldStarted = true
            case ",":
                record.append(field)
                field = ""
                fieldStarted = true
            case "\r" where chars.first == "\n":
                break
            case "\n":
                endRecord()
            default:
                field.unicodeScalars.append(c)
                fieldStarted = true
            }
        }
        if quoted { throw APIError.badRequest("token file: extraneous or missing \" in quoted-field") }
        endRecord()
        return records
    }
}
