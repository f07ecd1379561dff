import KubeAPI
import KubeRuntime

/// A container's environment, made as Kubernetes' `makeEnvironmentVariables` makes it: envFrom
/// sources first (with their prefix; invalid names skipped), then `env` in order, literal values
/// `$(VAR)`-expanded against what came before, `valueFrom` read from the pod, the container's
/// resources, ConfigMaps and Secrets. Missing required sources fail with Kubernetes' messages
/// (`configmap "x" not found`, `couldn't find key k in ConfigMap ns/x`).
public struct ContainerEnv: Sendable {
    /// The variables the container spec defines, in order, names unique.
    public var variables: [(name: String, value: String)] = []
    /// envFrom keys that were skipped as invalid variable names, by source (`configMap ns/x`).
    public var invalidKeys: [(source: String, keys: [String])] = []

    /// The variables as a map (command and args expand against it).
    public var map: [String: String] {
        var m: [String: String] = [:]
        for v in variables { m[v.name] = v.value }
        return m
    }

    private mutating func set(_ name: String, _ value: String) {
        if let i = variables.firstIndex(where: { $0.name == name }) {
            variables[i].value = value
        } else {
            variables.append((name, value))
        }
    }

    /// Resolves `container`'s environment in pod `namespace`. `serviceVariables` (see
    /// `ServiceLinks`) come last, where the spec does not define the same names, and `$(VAR)`
    /// in values may refer to them.
    public static func resolve(
        _ container: Container, namespace: String, values: DownwardAPIValues, source: any ConfigSource,
        serviceVariables: [(name: String, value: String)] = []
    ) async throws -> ContainerEnv {
        var env = ContainerEnv()
        var serviceMap: [String: String] = [:]
        for v in serviceVariables { serviceMap[v.name] = v.value }
        for from in container.envFrom ?? [] {
            let prefix = from.prefix ?? ""
            var data: [String: [UInt8]]?
            var label = ""
            if let ref = from.configMapRef {
                let name = ref.name ?? ""
                label = "configMap \(namespace)/\(name)"
                data = try await source.configMap(namespace: namespace, name: name)
                if data == nil, ref.optional != true { throw missing("configmap", name) }
            } else if let ref = from.secretRef {
                let name = ref.name ?? ""
                label = "secret \(namespace)/\(name)"
                data = try await source.secret(namespace: namespace, name: name)
                if data == nil, ref.optional != true { throw missing("secret", name) }
            }
            var invalid: [String] = []
            for key in (data ?? [:]).keys.sorted() {
                let name = prefix + key
                guard isEnvVarName(name) else {
                    invalid.append(key)
                    continue
                }
                env.set(name, String(decoding: data?[key] ?? [], as: UTF8.self))
            }
            if !invalid.isEmpty { env.invalidKeys.append((label, invalid)) }
        }
        for variable in container.env ?? [] {
            if let value = variable.value, !value.isEmpty {
                env.set(variable.name, ContainerCommand.expand(value, serviceMap.merging(env.map) { $1 }))
                continue
            }
            guard let from = variable.valueFrom else {
                env.set(variable.name, "")
                continue
            }
            if let field = from.fieldRef {
                env.set(variable.name, try values.field(field.fieldPath))
            } else if let field = from.resourceFieldRef {
                env.set(variable.name, try values.resource(field.resource, divisor: field.divisor, container: container))
            } else if let ref = from.configMapKeyRef {
                let data = try await source.configMap(namespace: namespace, name: ref.name ?? "")
                if let value = try keyValue(data, kind: ("configmap", "ConfigMap"), name: ref.name, key: ref.key, optional: ref.optional, namespace: namespace) {
                    env.set(variable.name, value)
                }
            } else if let ref = from.secretKeyRef {
                let data = try await source.secret(namespace: namespace, name: ref.name ?? "")
                if let value = try keyValue(data, kind: ("secret", "Secret"), name: ref.name, key: ref.key, optional: ref.optional, namespace: namespace) {
                    env.set(variable.name, value)
                }
            }
        }
        let defined = Set(env.variables.map(\.name))
        for v in serviceVariables where !defined.contains(v.name) { env.variables.append(v) }
        return env
    }

    /// The value of `key` in a ConfigMap's or Secret's `data`; nil when an optional source or key
    /// is missing; throws Kubernetes' message when a required one is.
    private static func keyValue(
        _ data: [String: [UInt8]]?, kind: (lower: String, title: String), name: String?, key: String, optional: Bool?, namespace: String
    ) throws -> String? {
        let name = name ?? ""
        guard let data else {
            if optional == true { return nil }
            throw missing(kind.lower, name)
        }
        guard let value = data[key] else {
            if optional == true { return nil }
            throw KubeletError(.createContainerConfig, "couldn't find key \(key) in \(kind.title) \(namespace)/\(name)")
        }
        return String(decoding: value, as: UTF8.self)
    }

    private static func missing(_ kind: String, _ name: String) -> KubeletError {
        KubeletError(.createContainerConfig, "\(kind) \"\(name)\" not found")
    }

    /// Kubernetes' `IsEnvVarName`: `[-._a-zA-Z][-._a-zA-Z0-9]*`.
    public static func isEnvVarName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        func letter(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "-" || c == "." || c == "_" }
        guard letter(first) else { return false }
        return name.unicodeScalars.allSatisfy { letter($0) || ($0 >= "0" && $0 <= "9") }
    }

    /// The process environment: `HOSTNAME` (as containerd sets it), then the image's `Env`,
    /// then these variables, a later value replacing an earlier one in its place.
    public func processEnvironment(hostname: String, image: ImageConfig) -> [KubeRuntime.EnvVar] {
        var ordered: [KubeRuntime.EnvVar] = [KubeRuntime.EnvVar("HOSTNAME", hostname)]
        var index: [String: Int] = ["HOSTNAME": 0]
        func put(_ name: String, _ value: String) {
            if let i = index[name] {
                ordered[i].value = value
            } else {
                index[name] = ordered.count
                ordered.append(KubeRuntime.EnvVar(name, value))
            }
        }
        for entry in image.env ?? [] {
            guard let eq = entry.firstIndex(of: "=") else { continue }
            put(String(entry[..<eq]), String(entry[entry.index(after: eq)...]))
        }
        for v in variables { put(v.name, v.value) }
        return ordered
    }
}
