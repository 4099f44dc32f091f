/// Sends server events to every open page, and tells a newly opened page what it must know:
/// the build being served and, if the last build was turned down, its problems.
public actor EventHub {
    private var pages: [Int: AsyncStream<ServerEvent>.Continuation] = [:]
    private var nextPage = 0
    private var closed = false
    /// The id of the site being served.
    public private(set) var buildID: String
    /// The errors that kept the last build from being served; empty when it was served.
    public private(set) var problems: [String] = []

    public init(buildID: String) {
        self.buildID = buildID
    }

    /// The number of pages listening.
    public var pageCount: Int { pages.count }

    /// The events for one page, starting with ``ServerEvent/build(id:)`` and any current
    /// problems, until the page goes away or the hub is closed.
    public func subscribe() -> AsyncStream<ServerEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: ServerEvent.self, bufferingPolicy: .bufferingNewest(16))
        continuation.yield(.build(id: buildID))
        if !problems.isEmpty { continuation.yield(.problems(problems)) }
        guard !closed else {
            continuation.finish()
            return stream
        }
        let page = nextPage
        nextPage += 1
        pages[page] = continuation
        continuation.onTermination = { _ in
            Task { await self.remove(page) }
        }
        return stream
    }

    /// A new site is being served: every page reloads (which also clears problems).
    public func siteReplaced(buildID: String) {
        self.buildID = buildID
        problems = []
        send(.reload(buildID: buildID))
    }

    /// A build was turned down for these errors: every page shows them over the last good site.
    public func buildRejected(problems: [String]) {
        self.problems = problems
        send(.problems(problems))
    }

    /// Ends every stream, and those of pages that connect later, so the server can shut down.
    public func close() {
        closed = true
        for continuation in pages.values { continuation.finish() }
        pages = [:]
    }

    private func send(_ event: ServerEvent) {
        for continuation in pages.values { continuation.yield(event) }
    }

    private func remove(_ page: Int) {
        pages[page] = nil
    }
}
