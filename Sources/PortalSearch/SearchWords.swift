/// The words of a text as the search index sees them; the same rules run in the browser
/// (`Themes/default/assets/search.js`), and `Tests/PortalSearchTests/Fixtures/words.json` holds
/// the examples both must agree on. README's "Search" section states the rules:
///
/// - lowercase per code point; words are runs of letters, marks and digits joined by single
///   `-`, `_` or `.` between two such characters;
/// - a word of 2+ parts (cut at joiners and camelCase) is kept whole and as its parts;
/// - parts of fewer than 2 or more than 64 code points and English stop words are dropped;
/// - parts of only `a`–`z` with 4+ letters are stemmed lightly (``SearchWords/stem(_:)``).
public enum SearchWords {
    /// Lucene `EnglishAnalyzer`'s default stop words.
    public static let stopWords = ["a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not",
                                   "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was",
                                   "will", "with"]

    /// The index terms of `text` in order (with repeats), as strings.
    public static func terms(_ text: String) -> [String] {
        var terms: [String] = []
        var scanner = WordScanner()
        scanner.scan(text) { terms.append(String(decoding: $0, as: UTF8.self)) }
        return terms
    }

    /// The stemmed form of one lowercase part (unchanged unless 4+ letters `a`–`z`).
    public static func stem(_ part: String) -> String {
        var bytes = Array(part.utf8)
        Stemmer.stem(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Character classes that matter to the word rules.
enum WordClass: UInt8 {
    case none, upper, lower, digit, otherWord

    static let ascii: [WordClass] = (0..<128).map { byte -> WordClass in
        switch UInt8(byte) {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): .upper
        case UInt8(ascii: "a")...UInt8(ascii: "z"): .lower
        case UInt8(ascii: "0")...UInt8(ascii: "9"): .digit
        default: .none
        }
    }

    init(_ scalar: Unicode.Scalar) {
        if scalar.value < 128 { self = Self.ascii[Int(scalar.value)]; return }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter: self = .upper
        case .lowercaseLetter: self = .lower
        case .decimalNumber: self = .digit
        case .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark, .spacingMark, .enclosingMark, .letterNumber, .otherNumber:
            self = .otherWord
        default: self = .none
        }
    }
}

/// Cuts text into index terms without allocating a string per term: each term's UTF-8 bytes
/// are handed to a closure. Reusable: keep one per thread.
struct WordScanner {
    /// The current joined word, lowercased, joiners included.
    private var lower: [UInt8] = []
    /// Per code point of the word (joiners excluded): where its lowercase bytes start, its
    /// class, and whether a joiner precedes it.
    private var starts: [Int] = []
    private var classes: [WordClass] = []
    private var afterJoiner: [Bool] = []
    private var part: [UInt8] = []

    init() {
        lower.reserveCapacity(256)
        part.reserveCapacity(128)
    }

    /// Calls `emit` with every term of `text` in order.
    mutating func scan(_ text: String, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        var pendingJoiner: UInt8 = 0
        for scalar in text.unicodeScalars {
            let wordClass = WordClass(scalar)
            if wordClass != .none {
                if pendingJoiner != 0 {
                    lower.append(pendingJoiner)
                    afterJoiner.append(true)
                    pendingJoiner = 0
                } else {
                    afterJoiner.append(false)
                }
                starts.append(lower.count)
                classes.append(wordClass)
                if scalar.value < 128 {
                    let byte = UInt8(scalar.value)
                    lower.append(wordClass == .upper ? byte | 0x20 : byte)
                } else {
                    lower.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
                }
                continue
            }
            let isJoiner = scalar == "-" || scalar == "_" || scalar == "."
            if isJoiner, pendingJoiner == 0, !classes.isEmpty {
                pendingJoiner = UInt8(scalar.value)
                continue
            }
            pendingJoiner = 0
            finishWord(emit)
        }
        finishWord(emit)
    }

    private mutating func finishWord(_ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard !classes.isEmpty else { return }
        defer {
            lower.removeAll(keepingCapacity: true)
            starts.removeAll(keepingCapacity: true)
            classes.removeAll(keepingCapacity: true)
            afterJoiner.removeAll(keepingCapacity: true)
        }
        let count = classes.count
        var partStarts: [Int] = [0]
        for index in 1..<max(count, 1) {
            if afterJoiner[index] || isCamelBoundary(index) { partStarts.append(index) }
        }
        if partStarts.count > 1, (2...64).contains(Self.codePoints(lower[...])) {
            lower.withUnsafeBufferPointer(emit)
        }
        for (position, start) in partStarts.enumerated() {
            let end = position + 1 < partStarts.count ? partStarts[position + 1] : count
            let byteEnd = end < count ? starts[end] - (afterJoiner[end] ? 1 : 0) : lower.count
            let bytes = lower[starts[start]..<byteEnd]
            guard (2...64).contains(Self.codePoints(bytes)), !Stemmer.isStopWord(bytes) else { continue }
            part.removeAll(keepingCapacity: true)
            part.append(contentsOf: bytes)
            Stemmer.stem(&part)
            part.withUnsafeBufferPointer(emit)
        }
    }

    /// camelCase: `aB`, `1B` and the `S` of `HTTPServer` start a part.
    private func isCamelBoundary(_ index: Int) -> Bool {
        let previous = classes[index - 1], current = classes[index]
        guard current == .upper else { return false }
        if previous == .lower || previous == .digit { return true }
        return previous == .upper && index + 1 < classes.count && classes[index + 1] == .lower && !afterJoiner[index + 1]
    }

    static func codePoints(_ bytes: ArraySlice<UInt8>) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }
}

/// The light English stemmer of README's "Search" section.
enum Stemmer {
    private static let stopWords: Set<[UInt8]> = Set(SearchWords.stopWords.map { Array($0.utf8) })

    static func isStopWord(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.count <= 5 && stopWords.contains(Array(bytes))
    }

    static func stem(_ word: inout [UInt8]) {
        guard word.count >= 4, word.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else { return }
        // Plurals.
        if word.count > 4, ends(word, "ies") {
            word.removeLast(3)
            word.append(UInt8(ascii: "y"))
        } else if ends(word, "sses") {
            word.removeLast(2)
        } else if ends(word, "s"), !ends(word, "ss"), !ends(word, "us"), !ends(word, "is") {
            word.removeLast()
        }
        // -ing, -ed.
        for suffix in ["ing", "ed"] where ends(word, suffix) {
            let rest = word.count - suffix.utf8.count
            if rest >= 3, word[..<rest].contains(where: isVowel) {
                word.removeLast(suffix.utf8.count)
                if word.count >= 4, word[word.count - 1] == word[word.count - 2], undoubled.contains(word[word.count - 1]) {
                    word.removeLast()
                }
            }
            break
        }
        // Final -e.
        if word.count >= 5, word[word.count - 1] == UInt8(ascii: "e") { word.removeLast() }
    }

    private static let undoubled: Set<UInt8> = Set("bdgkmnprt".utf8)

    private static func isVowel(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "a") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "i")
            || byte == UInt8(ascii: "o") || byte == UInt8(ascii: "u") || byte == UInt8(ascii: "y")
    }

    private static func ends(_ word: [UInt8], _ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard word.count >= count else { return false }
        return suffix.withUTF8Buffer { word[(word.count - count)...].elementsEqual($0) }
    }

    private static func ends(_ word: [UInt8], _ suffix: String) -> Bool {
        word.count >= suffix.utf8.count && word[(word.count - suffix.utf8.count)...].elementsEqual(suffix.utf8)
    }
}
