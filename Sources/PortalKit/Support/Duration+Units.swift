package extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// Whole milliseconds, rounded.
    var milliseconds: Int {
        Int((seconds * 1000).rounded())
    }
}
