/// One record read from an inotify descriptor, copied out of the read buffer.
struct InotifyEvent: Sendable, Equatable {
    /// What happened, as inotify's mask bits (Linux's values, the same on every architecture).
    struct Mask: OptionSet, Sendable, Hashable {
        let rawValue: UInt32

        static let modify = Mask(rawValue: 0x2)
        static let attributes = Mask(rawValue: 0x4)
        static let closeWrite = Mask(rawValue: 0x8)
        static let movedFrom = Mask(rawValue: 0x40)
        static let movedTo = Mask(rawValue: 0x80)
        static let create = Mask(rawValue: 0x100)
        static let delete = Mask(rawValue: 0x200)
        static let deleteSelf = Mask(rawValue: 0x400)
        static let moveSelf = Mask(rawValue: 0x800)
        static let queueOverflow = Mask(rawValue: 0x4000)
        /// The watch is gone (its folder was deleted, or it was removed).
        static let ignored = Mask(rawValue: 0x8000)
        /// Watch only a folder (an `inotify_add_watch` flag).
        static let onlyFolder = Mask(rawValue: 0x0100_0000)
        /// The entry named is a folder.
        static let isFolder = Mask(rawValue: 0x4000_0000)

        /// What a watched folder reports: its entries written, created, deleted, moved or
        /// touched, and the folder itself deleted or moved.
        static let watched: Mask = [.closeWrite, .modify, .create, .delete, .movedFrom, .movedTo, .attributes, .deleteSelf, .moveSelf]
    }

    /// The watch descriptor; -1 for a queue overflow.
    var watch: Int32
    var mask: Mask
    /// Pairs a `movedFrom` with its `movedTo`.
    var cookie: UInt32
    /// The entry of the watched folder the event is about; nil when about the folder itself.
    var name: String?

    /// `struct inotify_event`: wd, mask, cookie and len, then len bytes of name padded with NULs.
    static let headerSize = 16

    /// The whole records in `bytes`, in order; a truncated record at the end is left out.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> [InotifyEvent] {
        var events: [InotifyEvent] = []
        var offset = 0
        while bytes.count - offset >= headerSize {
            let watch = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
            let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let cookie = bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
            let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            let start = offset + headerSize
            guard length <= bytes.count - start else { break }
            let field = bytes[start..<start + length]
            let end = field.firstIndex(of: 0) ?? field.endIndex
            let name = end == start ? nil : String(decoding: bytes[start..<end], as: UTF8.self)
            events.append(InotifyEvent(watch: watch, mask: Mask(rawValue: mask), cookie: cookie, name: name))
            offset = start + length
        }
        return events
    }
}
