/// Probes, lifecycle hooks and tolerations of a pod spec.
extension PodSpecValidation {
    static let schemes = ["HTTP", "HTTPS"]
    static let taintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"]
    static let hooks = ["postStart", "preStop"]
    static let probeHandlers = ["exec", "httpGet", "tcpSocket", "grpc"]
    static let hookHandlers = ["exec", "httpGet", "tcpSocket", "sleep"]
    static let probeKinds = ["livenessProbe", "readinessProbe", "startupProbe"]
    static let probeCounters = [
        "initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold",
    ]

    /// Liveness, readiness and startup probes of one container.
    static func validateProbes(_ c: JSONObject, _ path: String, _ grace: Int64?, into list: inout CauseList) {
        for key in probeKinds {
            guard let probe = list.object(c, key, path) else { continue }
            let p = path + "." + key
            validateHandler(probe, p, grace, allowSleep: false, into: &list)
            for field in probeCounters {
                if let v = list.int(probe, field, p), v < 0 {
                    list.add(FieldError.invalid(p + "." + field, int: v, "must be greater than or equal to 0"))
                }
            }
            let probeGrace = list.int(probe, "terminationGracePeriodSeconds", p)
            if let g = probeGrace, g <= 0 {
                list.add(FieldError.invalid(p + ".terminationGracePeriodSeconds", int: g, "must be greater than 0"))
            }
            if key == "readinessProbe" {
                if let g = probeGrace {
                    list.add(
                        FieldError.invalid(
                            p + ".terminationGracePeriodSeconds", int: g, "must not be set for readinessProbes"))
                }
            } else {
                let success = probe["successThreshold"]?.intValue ?? 0
                if success != 1 { list.add(FieldError.invalid(p + ".successThreshold", int: success, "must be 1")) }
            }
        }
    }

    /// `postStart` and `preStop` hooks.
    static func validateLifecycle(_ lifecycle: JSONObject, _ path: String, _ grace: Int64?, into list: inout CauseList)
    {
        for key in hooks {
            if let hook = list.object(lifecycle, key, path) {
                validateHandler(hook, path + "." + key, grace, allowSleep: true, into: &list)
            }
        }
    }

    /// Exactly one handler (exec, httpGet, tcpSocket, grpc or sleep) with valid settings.
    static func validateHandler(
        _ h: JSONObject, _ path: String, _ grace: Int64?, allowSleep: Bool, into list: inout CauseList
    ) {
        var count = 0
        for key in allowSleep ? hookHandlers : probeHandlers {
            guard CauseList.member(h, key) != nil else { continue }
            let p = path + "." + key
            if count > 0 {
                list.add(FieldError.forbidden(p, "may not specify more than 1 handler type"))
                continue
            }
            count += 1
            guard let action = list.object(h, key, path) else { continue }
            switch key {
            case "exec":
                if list.checkStringArray(action, "command", p) == 0 { list.add(FieldError.required(p + ".command")) }
            case "httpGet":
                if (list.string(action, "path", p) ?? "").isEmpty { list.add(FieldError.required(p + ".path")) }
                validatePortNumOrName(list.intOrString(action, "port", p) ?? .int(0), p + ".port", into: &list)
                let scheme = list.string(action, "scheme", p) ?? ""
                if !schemes.contains(scheme) {
                    list.add(FieldError.notSupported(p + ".scheme", string: scheme, schemes))
                }
                for (i, header) in (list.array(action, "httpHeaders", p) ?? []).enumerated() {
                    guard let hd = list.element(header, FieldPath.index(p + ".httpHeaders", i)) else { continue }
                    let name = hd["name"]?.stringValue ?? ""
                    list.invalid(p + ".httpHeaders", string: name, NameValidation.isHTTPHeaderName(name))
                }
            case "tcpSocket":
                validatePortNumOrName(list.intOrString(action, "port", p) ?? .int(0), p + ".port", into: &list)
            case "grpc":
                validatePortNumOrName(.int(list.int(action, "port", p) ?? 0), p + ".port", into: &list)
            default:
                let seconds = list.int(action, "seconds", p) ?? 0
                if let grace, seconds < 0 || seconds > grace {
                    list.add(
                        FieldError.invalid(
                            p, int: seconds,
                            "must be non-negative and less than terminationGracePeriodSeconds (\(grace))"))
                }
            }
        }
        if count == 0 { list.add(FieldError.required(path, "must specify a handler type")) }
    }

    /// A port given as a number (1-65535) or an IANA service name.
    static func validatePortNumOrName(_ port: IntOrString, _ path: String, into list: inout CauseList) {
        switch port {
        case .int(let n):
            if n < 1 || n > 65535 {
                list.add(FieldError.invalid(path, int: n, NameValidation.inclusiveRangeError(1, 65535)))
            }
        case .string(let s):
            list.invalid(path, string: s, NameValidation.isValidPortName(s))
        }
    }

    /// Tolerations (`ValidateTolerations`).
    static func validateTolerations(_ tolerations: [JSONValue], _ path: String, into list: inout CauseList) {
        for (i, entry) in tolerations.enumerated() {
            let p = FieldPath.index(path, i)
            guard let t = list.element(entry, p) else { continue }
            let key = list.string(t, "key", p) ?? ""
            let op = list.string(t, "operator", p) ?? ""
            let value = list.string(t, "value", p) ?? ""
            let effect = list.string(t, "effect", p) ?? ""
            let seconds = list.int(t, "tolerationSeconds", p)
            if !key.isEmpty { list.invalid(p + ".key", string: key, NameValidation.isQualifiedName(key)) }
            if key.isEmpty && op != "Exists" {
                list.add(
                    FieldError.invalid(
                        p + ".operator", string: op,
                        "operator must be Exists when `key` is empty, which means \"match all values and all keys\""))
            }
            if seconds != nil && effect != "NoExecute" {
                list.add(
                    FieldError.invalid(
                        p + ".effect", string: effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"))
            }
            switch op {
            case "Equal", "":
                let errs = NameValidation.isValidLabelValue(value)
                if !errs.isEmpty {
                    list.add(FieldError.invalid(p + ".operator", string: value, errs.joined(separator: ";")))
                }
            case "Exists":
                if !value.isEmpty {
                    list.add(
                        FieldError.invalid(
                            p + ".operator", string: value, "value must be empty when `operator` is 'Exists'"))
                }
            default:
                list.add(FieldError.notSupported(p + ".operator", string: op, ["Equal", "Exists"]))
            }
            if !effect.isEmpty && !taintEffects.contains(effect) {
                list.add(FieldError.notSupported(p + ".effect", string: effect, taintEffects))
            }
        }
    }

    /// Node taints (`validateNodeTaints`): valid keys, values and effects, unique by key and effect.
    static func validateTaints(_ taints: [JSONValue], _ path: String, into list: inout CauseList) {
        var seen: Set<String> = []
        for (i, entry) in taints.enumerated() {
            let p = FieldPath.index(path, i)
            guard let t = list.element(entry, p) else { continue }
            let key = list.string(t, "key", p) ?? ""
            let value = list.string(t, "value", p) ?? ""
            let effect = list.string(t, "effect", p) ?? ""
            list.invalid(p + ".key", string: key, NameValidation.isQualifiedName(key))
            let errs = NameValidation.isValidLabelValue(value)
            if !errs.isEmpty { list.add(FieldError.invalid(p + ".value", string: value, errs.joined(separator: ";"))) }
            if effect.isEmpty {
                list.add(FieldError.required(p + ".effect"))
            } else if !taintEffects.contains(effect) {
                list.add(FieldError.notSupported(p + ".effect", string: effect, taintEffects))
            }
            let id = effect + "\u{0}" + key
            if seen.contains(id) {
                list.add(FieldError.duplicate(p, entry, "taints must be unique by key and effect pair"))
                continue
            }
            seen.insert(id)
        }
    }
}
