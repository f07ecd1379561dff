extension String {
    /// The text a C function wrote into `buffer`, up to its first NUL (all of it when there is
    /// none), with invalid UTF-8 repaired.
    public init(cBuffer buffer: [CChar]) {
        self.init(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
