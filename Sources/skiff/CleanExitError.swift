/// A failure that ends a command with its message alone (ArgumentParser prints it and exits 1):
/// a benchmark that went wrong, or an address a server cannot listen on.
struct CleanExitError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
