/// Pod spec defaults (`SetDefaults_PodSpec`, `SetDefaults_Container`, `SetDefaults_Probe`,
/// volume sources), applied to Pods and to the pod templates of workloads alike.
enum PodDefaults {
    /// The octal 0644 file mode Kubernetes gives secret, configMap, downwardAPI and projected volumes.
    static let defaultFileMode = 420
    static let modeSources = ["secret", "configMap", "downwardAPI", "projected"]

    static func applyPodSpec(_ spec: inout JSONObject) {
        spec.setDefaultString("dnsPolicy", "ClusterFirst")
        spec.setDefaultString("restartPolicy", "Always")
        let hostNetwork = spec["hostNetwork"]?.boolValue == true
        for key in PodSpecValidation.containerLists {
            spec.withEach(key) { applyContainer(&$0, hostNetwork: hostNetwork) }
        }
        spec.withEach("ephemeralContainers") { applyContainer(&$0, hostNetwork: false) }
        spec.setDefault("securityContext", .object(JSONObject()))
        spec.setDefault("terminationGracePeriodSeconds", 30)
        spec.setDefaultString("schedulerName", "default-scheduler")
        if case .array? = spec.fastMember("volumes") { spec.withEach("volumes") { applyVolume(&$0) } }
        // v1 keeps the deprecated `serviceAccount` in step with `serviceAccountName`.
        if spec.isUnsetString("serviceAccountName"), let legacy = spec["serviceAccount"]?.stringValue, !legacy.isEmpty {
            spec["serviceAccountName"] = .string(legacy)
        }
        if let name = spec["serviceAccountName"]?.stringValue, !name.isEmpty { spec["serviceAccount"] = .string(name) }
    }

    static func applyContainer(_ c: inout JSONObject, hostNetwork: Bool) {
        if c.isUnsetString("imagePullPolicy") {
            let tag = imageTag(c["image"]?.stringValue ?? "")
            c["imagePullPolicy"] = .string(tag == "latest" ? "Always" : "IfNotPresent")
        }
        c.setDefaultString("terminationMessagePath", "/dev/termination-log")
        c.setDefaultString("terminationMessagePolicy", "File")
        c.withEach("ports") { port in
            port.setDefaultString("protocol", "TCP")
            if hostNetwork, port.isUnset("hostPort") || port["hostPort"]?.intValue == 0, let cp = port["containerPort"]
            {
                port["hostPort"] = cp
            }
        }
        for probe in PodSpecValidation.probeKinds {
            c.withObject(probe, create: false) { applyProbe(&$0) }
        }
        c.withObject("lifecycle", create: false) { lifecycle in
            for hook in PodSpecValidation.hooks {
                lifecycle.withObject(hook, create: false) { h in
                    h.withObject("httpGet", create: false) { applyHTTPGet(&$0) }
                }
            }
        }
        c.withEach("env") { env in
            env.withObject("valueFrom", create: false) { from in
                from.withObject("fieldRef", create: false) { $0.setDefaultString("apiVersion", "v1") }
            }
        }
        if case .object? = c["resources"] {
            c.withObject("resources", create: false) { res in
                res.withObject("limits", create: false) { canonicalizeQuantities(&$0) }
                res.withObject("requests", create: false) { canonicalizeQuantities(&$0) }
            }
        } else {
            c.setDefault("resources", .object(JSONObject()))
        }
    }

    static func applyProbe(_ p: inout JSONObject) {
        p.setDefaultInt("timeoutSeconds", 1, zeroIsUnset: true)
        p.setDefaultInt("periodSeconds", 10, zeroIsUnset: true)
        p.setDefaultInt("successThreshold", 1, zeroIsUnset: true)
        p.setDefaultInt("failureThreshold", 3, zeroIsUnset: true)
        p.withObject("httpGet", create: false) { applyHTTPGet(&$0) }
    }

    static func applyHTTPGet(_ h: inout JSONObject) {
        h.setDefaultString("path", "/")
        h.setDefaultString("scheme", "HTTP")
    }

    static func applyVolume(_ v: inout JSONObject) {
        let hasSource = v.members.contains { !$0.value.isNull && PodSpecValidation.volumeSourceSet.contains($0.key) }
        if !hasSource { v["emptyDir"] = .object(JSONObject()) }
        for key in modeSources {
            v.withObject(key, create: false) { $0.setDefault("defaultMode", .int(defaultFileMode)) }
        }
        v.withObject("downwardAPI", create: false) { d in d.withEach("items") { applyFieldRefItem(&$0) } }
        v.withObject("hostPath", create: false) { $0.setDefault("type", "") }
        v.withObject("projected", create: false) { projected in
            projected.withEach("sources") { source in
                source.withObject("serviceAccountToken", create: false) { $0.setDefault("expirationSeconds", 3600) }
                source.withObject("downwardAPI", create: false) { d in d.withEach("items") { applyFieldRefItem(&$0) } }
            }
        }
    }

    static func applyFieldRefItem(_ item: inout JSONObject) {
        item.withObject("fieldRef", create: false) { $0.setDefaultString("apiVersion", "v1") }
    }

    /// The tag the image reference names: `latest` when it names none and has no digest, "" when
    /// it has only a digest or does not parse (Kubernetes then pulls `IfNotPresent`).
    static func imageTag(_ image: String) -> String {
        var img = image
        return img.withUTF8 { b -> String in
            guard !b.isEmpty else { return "" }
            var end = b.count
            for i in 0..<b.count {
                if b[i] <= 0x20 { return "" }
                if b[i] == 0x40 && end == b.count { end = i }  // '@' starts the digest
            }
            let digest = end < b.count
            var lastSlash = -1
            var firstSlash = -1
            for i in 0..<end where b[i] == 0x2F {
                lastSlash = i
                if firstSlash < 0 { firstSlash = i }
            }
            var colon = -1
            for i in (lastSlash + 1)..<end where b[i] == 0x3A { colon = i }
            let nameEnd = colon >= 0 ? colon : end
            // A registry host may be upper case; the repository path may not.
            var pathStart = 0
            if firstSlash >= 0 {
                let host = UnsafeBufferPointer(rebasing: b[0..<firstSlash])
                if host.contains(0x2E) || host.contains(0x3A) || host.elementsEqual("localhost".utf8) {
                    pathStart = firstSlash + 1
                }
            }
            for i in pathStart..<max(pathStart, nameEnd) where b[i] >= 0x41 && b[i] <= 0x5A { return "" }
            if colon >= 0 {
                return String(decoding: UnsafeBufferPointer(rebasing: b[(colon + 1)..<end]), as: UTF8.self)
            }
            return digest ? "" : "latest"
        }
    }

    /// Rewrites quantities in their canonical form, rounded up to milli precision, as Kubernetes
    /// stores them (`0.5` becomes `500m`, `1.5Gi` becomes `1536Mi`). Unparseable values are kept.
    static func canonicalizeQuantities(_ list: inout JSONObject) {
        for m in list.members {
            let key = m.key
            let text: String
            var isString = false
            switch m.value {
            case .string(let s):
                text = s
                isString = true
            case .number(let n): text = n
            default: continue
            }
            guard let q = try? Quantity(parsing: text) else { continue }
            let (rounded, exact) = q.amount.roundedAwayFromZero(toExponent: -3)
            // Already canonical text at milli precision stays as written.
            if exact && isString && q.preservedText == text { continue }
            let canonical = Quantity(amount: rounded, format: q.format).canonicalString
            if !(isString && canonical == text) { list[key] = .string(canonical) }
        }
    }
}
