import Foundation

/// One file of the theme compiled into the binary (see `Plugins/EmbedDefaultTheme`).
enum EmbeddedThemeFile: Sendable {
    case text(String)
    case base64(String)

    var bytes: [UInt8] {
        switch self {
        case .text(let text): Array(text.utf8)
        case .base64(let encoded): Data(base64Encoded: encoded).map { Array($0) } ?? []
        }
    }
}
