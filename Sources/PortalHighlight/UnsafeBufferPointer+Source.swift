/// Reading a source's bytes: literals, lines, blanks.
extension UnsafeBufferPointer<UInt8> {
    /// Whether the bytes from `index` (before `end`) are `literal`, ASCII case ignored when `caseInsensitive`.
    func matches(_ literal: StaticString, at index: Int, end: Int, caseInsensitive: Bool = false) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= end else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<count {
            let byte = self[index + offset]
            if byte != pointer[offset], !caseInsensitive || byte.lowercased != pointer[offset].lowercased { return false }
        }
        return true
    }

    /// Whether `self[start..<end]` is exactly `literal`.
    func equals(_ literal: StaticString, _ start: Int, _ end: Int) -> Bool {
        end - start == literal.utf8CodeUnitCount && matches(literal, at: start, end: end)
    }

    /// The end of the line holding `index`: the offset of its `\n`, or `end`.
    func lineEnd(from index: Int, end: Int) -> Int {
        var position = index
        while position < end, self[position] != UInt8(ascii: "\n") { position += 1 }
        return position
    }

    /// The first offset from `index` that is not a blank.
    func skipBlanks(from index: Int, end: Int) -> Int {
        var position = index
        while position < end, self[position].isBlank { position += 1 }
        return position
    }
}
