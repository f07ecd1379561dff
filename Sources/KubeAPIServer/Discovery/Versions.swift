import KubeAPI

/// What `/version` reports. Skiff speaks the Kubernetes 1.37 API.
enum Versions {
    static let serverVersion: JSONValue = [
        "major": "1", "minor": "37", "emulationMajor": "1", "emulationMinor": "37", "minCompatibilityMajor": "1",
        "minCompatibilityMinor": "36", "gitVersion": "v1.37.0+skiff", "gitCommit": "", "gitTreeState": "clean",
        "buildDate": "2026-11-25T00:00:00Z", "goVersion": "swift6.3", "compiler": "swift", "platform": "linux/amd64",
    ]
}
