import Foundation

/// Entry point of the Northwind Mobility SDK.
public final class MobilityClient: Sendable {
    public let quotes: Quotes
    public let rides: Rides

    public init(baseURL: URL = URL(string: "https://api.northwind.example/rides")!,
                tokenProvider: @escaping @Sendable () async throws -> String) {
        let transport = Transport(baseURL: baseURL, tokenProvider: tokenProvider)
        self.quotes = Quotes(transport: transport)
        self.rides = Rides(transport: transport)
    }
}
