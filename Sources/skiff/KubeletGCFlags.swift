import ArgumentParser
import KubeAPI
import Kubelet

/// The kubelet's garbage-collection and log-rotation flags, with Kubernetes' names and defaults.
struct KubeletGCFlags: ParsableArguments {
    @Option(name: .customLong("image-gc-high-threshold"), help: "Image filesystem usage (percent) at which image GC runs; 100 turns it off.")
    var imageGCHighThreshold = 85

    @Option(name: .customLong("image-gc-low-threshold"), help: "Image filesystem usage (percent) image GC frees down to.")
    var imageGCLowThreshold = 80

    @Option(name: .customLong("minimum-image-ttl-duration"), help: "Minimum age of an unused image before image GC may remove it (e.g. 2m).")
    var minimumImageTTL = "2m"

    @Option(name: .customLong("image-maximum-gc-age"), help: "Remove an image unused for longer than this, whatever the usage (KubeletConfiguration imageMaximumGCAge; 0s: never).")
    var imageMaximumGCAge = "0s"

    @Option(name: .customLong("minimum-container-ttl-duration"), help: "Minimum age of a dead container before container GC may remove it.")
    var minimumContainerTTL = "0s"

    @Option(name: .customLong("maximum-dead-containers-per-container"), help: "Dead instances kept per container (negative: all).")
    var maxDeadPerContainer = 1

    @Option(name: .customLong("maximum-dead-containers"), help: "Dead containers kept on the node (negative: no limit).")
    var maxDeadContainers = -1

    @Option(name: .customLong("container-log-max-size"), help: "Size at which a container log is rotated (a quantity, e.g. 10Mi).")
    var containerLogMaxSize = "10Mi"

    @Option(name: .customLong("container-log-max-files"), help: "Log files kept per container, the current one included (at least 2).")
    var containerLogMaxFiles = 5

    /// Sets the configuration's GC and rotation fields; rejects values Kubernetes' validation rejects.
    func apply(to configuration: inout KubeletConfiguration) throws {
        guard (0...100).contains(imageGCHighThreshold) else {
            throw ValidationError("invalid configuration: imageGCHighThresholdPercent (--image-gc-high-threshold) \(imageGCHighThreshold) must be between 0 and 100, inclusive")
        }
        guard (0...100).contains(imageGCLowThreshold) else {
            throw ValidationError("invalid configuration: imageGCLowThresholdPercent (--image-gc-low-threshold) \(imageGCLowThreshold) must be between 0 and 100, inclusive")
        }
        guard imageGCLowThreshold < imageGCHighThreshold else {
            throw ValidationError("invalid configuration: imageGCLowThresholdPercent (--image-gc-low-threshold) \(imageGCLowThreshold) must be less than imageGCHighThresholdPercent (--image-gc-high-threshold) \(imageGCHighThreshold)")
        }
        guard let imageAge = AgentFlags.duration(minimumImageTTL) else {
            throw ValidationError("invalid --minimum-image-ttl-duration \(minimumImageTTL): use e.g. 2m")
        }
        guard let imageMaximumAge = AgentFlags.duration(imageMaximumGCAge) else {
            throw ValidationError("invalid --image-maximum-gc-age \(imageMaximumGCAge): use e.g. 0s or 168h")
        }
        if imageMaximumAge > .zero, imageMaximumAge <= imageAge {
            throw ValidationError("invalid configuration: imageMaximumGCAge \(imageMaximumGCAge) must be greater than imageMinimumGCAge \(minimumImageTTL)")
        }
        guard let containerAge = AgentFlags.duration(minimumContainerTTL) else {
            throw ValidationError("invalid --minimum-container-ttl-duration \(minimumContainerTTL): use e.g. 0s or 1m")
        }
        guard containerLogMaxFiles > 1 else {
            throw ValidationError("invalid configuration: containerLogMaxFiles (--container-log-max-files) \(containerLogMaxFiles) must be greater than 1")
        }
        let size: Quantity
        do { size = try Quantity(parsing: containerLogMaxSize) } catch {
            throw ValidationError("failed to parse container log max size \"\(containerLogMaxSize)\": \(error)")
        }
        configuration.imageGCHighThresholdPercent = imageGCHighThreshold
        configuration.imageGCLowThresholdPercent = imageGCLowThreshold
        configuration.imageMinimumGCAge = imageAge
        configuration.imageMaximumGCAge = imageMaximumAge
        configuration.containerGC = ContainerGCPolicy(
            minAge: containerAge, maxPerPodContainer: maxDeadPerContainer, maxContainers: maxDeadContainers)
        configuration.containerLogMaxSize = size.value
        configuration.containerLogMaxFiles = containerLogMaxFiles
    }
}
