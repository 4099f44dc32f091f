#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        let count = bytes.withUnsafeMutableBufferPointer { Stemmer.stem($0.baseAddress!, count: $0.count) }
        return String(decoding: bytes[..<count], as: UTF8.self)
    }
}

/// Character classes that matter to the word rules.
enum WordClass: UInt8 {
    case none, upper, lower, digit, otherWord

    @inline(__always)
    static func ascii(_ byte: UInt8) -> WordClass {
        if byte &- UInt8(ascii: "a") < 26 { return .lower }
        if byte &- UInt8(ascii: "A") < 26 { return .upper }
        if byte &- UInt8(ascii: "0") < 10 { return .digit }
        return .none
    }

    /// ASCII bytes by what the word rules see in them: 0 for anything else
    /// (``lowerOrDigit``, ``upperByte``, ``joinerByte``).
    nonisolated(unsafe) static let asciiTable: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        table.initialize(repeating: 0, count: 256)
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(byte)] = lowerOrDigit }
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(byte)] = lowerOrDigit }
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(byte)] = upperByte }
        for byte in [UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: ".")] { table[Int(byte)] = joinerByte }
        return UnsafePointer(table)
    }()
    static let lowerOrDigit: UInt8 = 1, upperByte: UInt8 = 2, joinerByte: UInt8 = 3

    init(_ scalar: Unicode.Scalar) {
        if scalar.value < 128 { self = Self.ascii(UInt8(scalar.value)); return }
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
/// are handed to a closure. Works on the UTF-8 bytes (ASCII without decoding), finds the
/// camelCase cuts as it goes, and keeps its buffers in raw memory it reuses (the hot loop of
/// indexing). Reusable: keep one per thread.
struct WordScanner {
    /// The current joined word, lowercased, joiners included.
    private var lower: Buffer<UInt8>
    /// Its parts as byte ranges of `lower`: start, end, start, end, …
    private var parts: Buffer<Int>
    /// ``Stemmer``'s stop word table, held here so the hot loop does not check that it is made.
    private let stopWordSlots = Stemmer.stopWordSlots
    /// ``WordClass/asciiTable``, held here for the same reason.
    private let classes = WordClass.asciiTable
    /// The last two code points' classes and where the last one starts in `lower`.
    private var previous = WordClass.none, beforePrevious = WordClass.none
    private var previousStart = 0
    /// A joiner seen after the last code point, not yet known to be followed by one.
    private var pendingJoiner: UInt8 = 0
    /// Whether the current word has a code point past ASCII (then lengths are counted in code points).
    private var hasNonASCII = false

    /// Whether plain words (most words of prose) skip the code point by code point path;
    /// tests turn it off to check that both paths give the same terms.
    private let takesPlainWords: Bool

    init(takesPlainWords: Bool = true) {
        lower = Buffer(capacity: 256)
        parts = Buffer(capacity: 64)
        self.takesPlainWords = takesPlainWords
    }

    /// Calls `emit` with every term of `text` in order.
    mutating func scan(_ text: String, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        text.withUTF8InPlace { scan(bytes: $0, emit) }
    }

    private mutating func scan(bytes: UnsafeBufferPointer<UInt8>, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if previous == .none, pendingJoiner == 0, lower.count == 0, byte < 0x80, takesPlainWords {
                // Between words: ASCII that starts no word changes nothing, and a plain word is taken whole.
                let byteClass = classes[Int(byte)]
                if byteClass == 0 || byteClass == WordClass.joinerByte {
                    index += 1
                    continue
                }
                if let end = plainWordEnd(bytes, from: index) {
                    emitPlainWord(bytes, from: index, to: end, emit)
                    index = end
                    continue
                }
            }
            if byte < 0x80 {
                index += 1
                let wordClass = WordClass.ascii(byte)
                if wordClass != .none {
                    startCodePoint(wordClass)
                    lower.append(wordClass == .upper ? byte | 0x20 : byte)
                    beforePrevious = previous
                    previous = wordClass
                    if wordClass == .lower || wordClass == .digit { index = appendLowercaseRun(bytes, from: index) }
                } else if (byte == 0x2D || byte == 0x5F || byte == 0x2E), pendingJoiner == 0, previous != .none {
                    pendingJoiner = byte
                } else if previous != .none || pendingJoiner != 0 {
                    finishWord(emit)
                }
                continue
            }
            let (scalar, length) = Self.decode(bytes, at: index)
            index += length
            let wordClass = WordClass(scalar)
            if wordClass == .none {
                finishWord(emit)
            } else {
                startCodePoint(wordClass)
                hasNonASCII = true
                for byte in scalar.properties.lowercaseMapping.utf8 { lower.append(byte) }
                beforePrevious = previous
                previous = wordClass
            }
        }
        finishWord(emit)
    }

    /// Where the plain word starting at `start` ends, if it is one: an optional capital, then
    /// `a`–`z` and digits up to a byte that ends the word (the text's end, an ASCII byte that is
    /// no letter or digit, or a joiner not followed by a word character). Such a word is one part
    /// and needs none of the scanner's state; nil for anything else (no word here, a joined or
    /// camelCase word, non-ASCII), which the code point by code point path takes.
    @inline(__always)
    private func plainWordEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let count = bytes.count
        var end = start
        let first = classes[Int(bytes[start])]
        guard first == WordClass.lowerOrDigit || first == WordClass.upperByte else { return nil }
        end += 1
        // Eight bytes at a time while they are there: the run's end is the first byte that is not
        // `a`–`z` or a digit (most words end within the first eight, without a branch per byte).
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        while end + 8 <= count {
            let others = ~Self.lowerOrDigitBytes(raw.loadUnaligned(fromByteOffset: end, as: UInt64.self)) & Self.highBits
            if others != 0 {
                end += (UInt64(littleEndian: others)).trailingZeroBitCount / 8
                break
            }
            end += 8
        }
        while end < count, classes[Int(bytes[end])] == WordClass.lowerOrDigit { end += 1 }
        guard end < count else { return end }
        let next = bytes[end]
        if next >= 0x80 { return nil }
        switch classes[Int(next)] {
        case WordClass.lowerOrDigit, WordClass.upperByte: return nil  // camelCase or `ABC`
        case WordClass.joinerByte:
            // A joiner joins only a word character that follows it.
            guard end + 1 < count else { return end }
            let after = bytes[end + 1]
            return after >= 0x80 || classes[Int(after)] == WordClass.lowerOrDigit || classes[Int(after)] == WordClass.upperByte ? nil : end
        default: return end
        }
    }

    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Bit 7 of each of the eight bytes of `word` set where the byte is `a`–`z` or `0`–`9`. Each
    /// comparison adds a constant to the byte's low seven bits and reads bit 7, so no carry
    /// crosses into the next byte; bytes from 0x80 up never match.
    @inline(__always)
    static func lowerOrDigitBytes(_ word: UInt64) -> UInt64 {
        let ascii = ~word & highBits
        let low = word & ~highBits
        let atLeastA = low &+ 0x1F1F_1F1F_1F1F_1F1F  // ≥ 0x61
        let pastZ = low &+ 0x0505_0505_0505_0505  // ≥ 0x7B
        let atLeast0 = low &+ 0x5050_5050_5050_5050  // ≥ 0x30
        let past9 = low &+ 0x4646_4646_4646_4646  // ≥ 0x3A
        return ascii & ((atLeastA & ~pastZ) | (atLeast0 & ~past9))
    }

    /// Emits the plain word `bytes[start..<end]` (``plainWordEnd(_:from:)``) as the general path
    /// would: lowercased, unless too short, too long or a stop word, stemmed. Read in place when
    /// neither lowercasing nor stemming changes it.
    @inline(__always)
    private mutating func emitPlainWord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
                                        _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        let length = end - start
        guard length >= 2, length <= 64 else { return }
        let base = bytes.baseAddress! + start
        let capital = base[0] &- UInt8(ascii: "A") < 26
        if !capital {
            let word = UnsafeBufferPointer(start: base, count: length)
            guard !Stemmer.isStopWord(word[...], slots: stopWordSlots) else { return }
            if !Stemmer.mayChange(count: length, last: base[length - 1]) { emit(word); return }
        }
        lower.count = 0
        lower.reserve(length)
        lower.pointer.update(from: base, count: length)
        lower.count = length
        if capital { lower.pointer[0] |= 0x20 }
        let word = lower.contents
        if capital, Stemmer.isStopWord(word[...], slots: stopWordSlots) {
            lower.count = 0
            return
        }
        let stemmed = Stemmer.mayChange(count: length, last: word[length - 1]) ? Stemmer.stem(lower.pointer, count: length) : length
        emit(UnsafeBufferPointer(start: lower.pointer, count: stemmed))
        lower.count = 0
    }

    /// After a lowercase letter or digit, a run of them cuts no part: it is copied whole, and
    /// the state left as the code point by code point path would leave it. Returns the run's end.
    @inline(__always)
    private mutating func appendLowercaseRun(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var end = start
        while end < bytes.count, bytes[end] &- UInt8(ascii: "a") < 26 || bytes[end] &- UInt8(ascii: "0") < 10 { end += 1 }
        guard end > start else { return start }
        lower.reserve(end - start)
        for index in start..<end { lower.appendReserved(bytes[index]) }
        beforePrevious = end - start >= 2 ? WordClass.ascii(bytes[end - 2]) : previous
        previous = WordClass.ascii(bytes[end - 1])
        previousStart = lower.count - 1
        return end
    }

    /// Cuts a part before the next code point at a joiner or camelCase.
    @inline(__always)
    private mutating func startCodePoint(_ wordClass: WordClass) {
        if previous == .none {
            if lower.count == 0 { parts.append(0) }
        } else if pendingJoiner != 0 {
            parts.append(lower.count)
            lower.append(pendingJoiner)
            parts.append(lower.count)
            pendingJoiner = 0
            previous = .none  // camelCase rules do not look across a joiner
        } else if wordClass == .upper, previous == .lower || previous == .digit {
            parts.append(lower.count)
            parts.append(lower.count)
        } else if wordClass == .lower, previous == .upper, beforePrevious == .upper {
            // `HTTPServer`: the `S` before this `e` starts a part.
            parts.append(previousStart)
            parts.append(previousStart)
        }
        previousStart = lower.count
    }

    private mutating func finishWord(_ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        pendingJoiner = 0
        previous = .none
        beforePrevious = .none
        guard parts.count > 0 else { return }
        parts.append(lower.count)
        let word = lower.contents
        let ascii = !hasNonASCII
        if parts.count > 2, (2...64).contains(ascii ? word.count : Self.codePoints(word[...])) { emit(word) }
        for pair in stride(from: 0, to: parts.count, by: 2) {
            let bytes = word[parts[pair]..<parts[pair + 1]]
            guard (2...64).contains(ascii ? bytes.count : Self.codePoints(bytes)), !Stemmer.isStopWord(bytes, slots: stopWordSlots) else { continue }
            // Stemmed in place: the whole word was emitted already, and stemming a part
            // changes no byte outside it. Most parts are ruled out before the call.
            let part = lower.pointer + parts[pair]
            let stemmable = Stemmer.mayChange(count: bytes.count, last: part[bytes.count - 1])
            emit(UnsafeBufferPointer(start: part, count: stemmable ? Stemmer.stem(part, count: bytes.count) : bytes.count))
        }
        lower.count = 0
        parts.count = 0
        hasNonASCII = false
    }

    @inline(__always)
    static func codePoints(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// The code point at `index` (U+FFFD for a malformed sequence) and its length in bytes.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[index]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard length > 1, index + length <= bytes.count else { return ("\u{FFFD}", 1) }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return ("\u{FFFD}", offset) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}

/// A growable run of raw memory, owned by a class so a struct can hold it; appends make no
/// uniqueness checks (it is never shared between scanners).
struct Buffer<Element> {
    private let owner: Owner
    private(set) var pointer: UnsafeMutablePointer<Element>
    private var capacity: Int
    var count = 0

    private final class Owner {
        var pointer: UnsafeMutablePointer<Element>
        init(_ pointer: UnsafeMutablePointer<Element>) { self.pointer = pointer }
        deinit { pointer.deallocate() }
    }

    init(capacity: Int) {
        self.capacity = capacity
        pointer = .allocate(capacity: capacity)
        owner = Owner(pointer)
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow() }
        (pointer + count).initialize(to: element)
        count += 1
    }

    subscript(index: Int) -> Element {
        get { pointer[index] }
        nonmutating set { pointer[index] = newValue }
    }

    /// Makes room for `more` elements, for ``appendReserved(_:)``.
    mutating func reserve(_ more: Int) {
        while count + more > capacity { grow() }
    }

    /// Appends without checking for room (``reserve(_:)`` made it).
    @inline(__always)
    mutating func appendReserved(_ element: Element) {
        (pointer + count).initialize(to: element)
        count += 1
    }

    /// Appends `count` copies of `element`.
    mutating func append(repeating element: Element, count added: Int) {
        while count + added > capacity { grow() }
        (pointer + count).initialize(repeating: element, count: added)
        count += added
    }

    var contents: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: pointer, count: count) }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: pointer, count: count)
        pointer.deallocate()
        pointer = larger
        owner.pointer = larger
        capacity *= 2
    }
}

/// The light English stemmer of README's "Search" section.
enum Stemmer {
    /// Stop words (at most 5 bytes) packed into integers in a 256-slot table (no collisions
    /// among them), so checking a part is one multiplication and one comparison.
    static let stopWordSlots: [UInt64] = {
        var slots = [UInt64](repeating: 0, count: 256)
        for word in SearchWords.stopWords {
            let key = packed(word.utf8)
            precondition(slots[slot(key)] == 0, "stop word slots collide")
            slots[slot(key)] = key
        }
        return slots
    }()

    @inline(__always)
    private static func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 56) }

    private static func packed<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Whether `bytes` is a stop word (`slots` is ``stopWordSlots``).
    static func isStopWord(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, slots: [UInt64]) -> Bool {
        guard bytes.count <= 5 else { return false }
        let key = packed(bytes)
        return slots.withUnsafeBufferPointer { $0[slot(key)] == key }
    }

    /// Whether stemming a part of `count` bytes ending in `last` may change it: every rule
    /// needs 4+ bytes ending in `s`, `g`, `d` or `e` (most words do not).
    @inline(__always)
    static func mayChange(count: Int, last: UInt8) -> Bool {
        guard count >= 4 else { return false }
        switch last {
        case UInt8(ascii: "s"), UInt8(ascii: "g"), UInt8(ascii: "d"), UInt8(ascii: "e"): return true
        default: return false
        }
    }

    /// Stems the `count` bytes at `word` in place; returns the new length.
    static func stem(_ word: UnsafeMutablePointer<UInt8>, count start: Int) -> Int {
        var count = start
        guard count >= 4, mayChange(count: count, last: word[count - 1]) else { return count }
        for index in 0..<count where word[index] &- UInt8(ascii: "a") >= 26 { return count }
        func ends(_ suffix: StaticString) -> Bool {
            let length = suffix.utf8CodeUnitCount
            guard count >= length else { return false }
            let start = suffix.utf8Start
            for offset in 0..<length where word[count - length + offset] != start[offset] { return false }
            return true
        }
        // Plurals.
        if count > 4, ends("ies") {
            count -= 2
            word[count - 1] = UInt8(ascii: "y")
        } else if ends("sses") {
            count -= 2
        } else if ends("s"), !ends("ss"), !ends("us"), !ends("is") {
            count -= 1
        }
        // -ing, -ed.
        let suffix = ends("ing") ? 3 : ends("ed") ? 2 : 0
        if suffix > 0, count - suffix >= 3, (0..<(count - suffix)).contains(where: { isVowel(word[$0]) }) {
            count -= suffix
            if count >= 4, word[count - 1] == word[count - 2], isUndoubled(word[count - 1]) { count -= 1 }
        }
        // Final -e.
        if count >= 5, word[count - 1] == UInt8(ascii: "e") { count -= 1 }
        return count
    }

    private static func isUndoubled(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "b"), UInt8(ascii: "d"), UInt8(ascii: "g"), UInt8(ascii: "k"), UInt8(ascii: "m"),
             UInt8(ascii: "n"), UInt8(ascii: "p"), UInt8(ascii: "r"), UInt8(ascii: "t"): true
        default: false
        }
    }

    private static func isVowel(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "a") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "i")
            || byte == UInt8(ascii: "o") || byte == UInt8(ascii: "u") || byte == UInt8(ascii: "y")
    }

}
