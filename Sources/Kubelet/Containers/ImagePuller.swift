import Foundation
import KubeAPI
import KubeRuntime

/// Why a container is waiting (its `state.waiting`), as the kubelet reports it.
public struct ContainerWaiting: Sendable, Hashable {
    /// CamelCase reason: ErrImagePull, ImagePullBackOff, CrashLoopBackOff, ...
    public var reason: String
    /// Kubernetes' message for it.
    public var message: String

    /// A waiting state with `reason` and `message`.
    public init(_ reason: String, _ message: String) {
        self.reason = reason
        self.message = message
    }
}

/// What making sure of an image came to: the image, or why the container waits.
enum ImageOutcome: Sendable {
    case ready(ImageRecord)
    case waiting(ContainerWaiting)
}

/// Something to tell the pod's Events: type (`Normal`/`Warning`), reason and message.
typealias EventSink = @Sendable (_ type: String, _ reason: String, _ message: String) -> Void

/// Makes sure a container's image is on the node, following its `imagePullPolicy`, with
/// Kubernetes' events (Pulling, Pulled, Failed, BackOff, ErrImageNeverPull, InspectFailed) and
/// waiting reasons (ErrImagePull, then ImagePullBackOff while a failed pull backs off).
actor ImagePuller {
    let images: any ImageService
    private var backoff: RestartBackoff

    init(images: any ImageService, initialBackoff: Duration, maxBackoff: Duration) {
        self.images = images
        backoff = RestartBackoff(initial: initialBackoff, max: maxBackoff)
    }

    /// The policy that applies: the container's, else `Always` for `:latest` or untagged images
    /// and `IfNotPresent` for others (Kubernetes' defaulting).
    static func pullPolicy(_ container: Container) -> String {
        if let policy = container.imagePullPolicy, !policy.isEmpty { return policy }
        return defaultPullPolicy(container.image ?? "")
    }

    /// `Always` for `:latest` or untagged references, `IfNotPresent` otherwise (digests included).
    static func defaultPullPolicy(_ image: String) -> String {
        if image.contains("@") { return "IfNotPresent" }
        let lastComponent = image.split(separator: "/").last.map(String.init) ?? image
        guard let colon = lastComponent.lastIndex(of: ":") else { return "Always" }
        return lastComponent[lastComponent.index(after: colon)...] == "latest" ? "Always" : "IfNotPresent"
    }

    /// The container's image, pulled when the policy says so, or why the container must wait.
    func ensure(_ container: Container, podUID: String, event: EventSink) async -> ImageOutcome {
        let image = container.image ?? ""
        let policy = Self.pullPolicy(container)
        let present: ImageRecord?
        do {
            present = try await images.image(image)
        } catch let error as RuntimeError where error.code == .invalidImageName {
            return .waiting(invalid(image, error, event))
        } catch {
            present = nil
        }
        if let present, policy != "Always" {
            event("Normal", "Pulled", "Container image \"\(image)\" already present on machine")
            return .ready(present)
        }
        if policy == "Never" {
            let message = "Container image \"\(image)\" is not present with pull policy of Never"
            event("Warning", "ErrImageNeverPull", message)
            return .waiting(ContainerWaiting("ErrImageNeverPull", message))
        }
        let key = "\(podUID)/\(image)"
        let now = Date()
        if let last = lastFailure[key], backoff.isInBackOff(key, since: last, now: now) {
            event("Normal", "BackOff", "Back-off pulling image \"\(image)\"")
            event("Warning", "Failed", "Error: ImagePullBackOff")
            return .waiting(ContainerWaiting("ImagePullBackOff", "Back-off pulling image \"\(image)\""))
        }
        event("Normal", "Pulling", "Pulling image \"\(image)\"")
        let started = ContinuousClock.now
        do {
            let record = try await images.pullImage(image)
            let took = PodNames.goDuration(ContinuousClock.now - started)
            event(
                "Normal", "Pulled",
                "Successfully pulled image \"\(image)\" in \(took) (\(took) including waiting). Image size: \(record.size) bytes.")
            backoff.reset(key)
            lastFailure[key] = nil
            return .ready(record)
        } catch let error as RuntimeError where error.code == .invalidImageName {
            return .waiting(invalid(image, error, event))
        } catch {
            let message = (error as? RuntimeError)?.description ?? "\(error)"
            backoff.next(key, now: Date())
            lastFailure[key] = Date()
            event("Warning", "Failed", "Failed to pull image \"\(image)\": \(message)")
            event("Warning", "Failed", "Error: ErrImagePull")
            return .waiting(ContainerWaiting("ErrImagePull", message))
        }
    }

    /// When each key's last pull failed.
    private var lastFailure: [String: Date] = [:]

    /// When the image backoff of `image` for pod `podUID` ends, if it is backing off.
    func backoffEnd(podUID: String, image: String) -> Date? {
        let key = "\(podUID)/\(image)"
        guard let last = lastFailure[key] else { return nil }
        return backoff.end(key, since: last)
    }

    private func invalid(_ image: String, _ error: RuntimeError, _ event: EventSink) -> ContainerWaiting {
        let message = "Failed to apply default image tag \"\(image)\": \(error.message)"
        event("Warning", "InspectFailed", message)
        event("Warning", "Failed", "Error: InvalidImageName")
        return ContainerWaiting("InvalidImageName", message)
    }

    /// Forgets the backoffs of pod `podUID`.
    func forget(podUID: String) {
        backoff.reset(prefix: "\(podUID)/")
        lastFailure = lastFailure.filter { !$0.key.hasPrefix("\(podUID)/") }
    }
}
