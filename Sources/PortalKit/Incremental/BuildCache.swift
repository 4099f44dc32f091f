import Foundation

/// What the last build read and wrote, kept in the output folder (`.portal-build-cache`) so the
/// next build can tell whether anything changed and write only the files that differ.
///
/// A text file: a header line, the settings hash, one line per input and per output
/// (`path<TAB>size<TAB>modified<TAB>hash`, paths with `%`, tab and newline percent-encoded), and
/// the build's report as one JSON line.
public struct BuildCache: Sendable, Equatable {
    public static let fileName = ".portal-build-cache"
    static let header = "portal-build cache 1"

    /// A file's stamp when it was read or written, and the XXH64 hash of its content.
    public struct Record: Sendable, Equatable {
        public var stamp: FileStamp
        public var hash: UInt64

        public init(stamp: FileStamp, hash: UInt64) {
            self.stamp = stamp
            self.hash = hash
        }
    }

    /// What the build printed, so an up-to-date build prints it again.
    public struct Report: Sendable, Equatable, Codable {
        public var diagnostics: [Diagnostic]
        public var summary: CheckSummary

        public init(diagnostics: [Diagnostic], summary: CheckSummary) {
            self.diagnostics = diagnostics
            self.summary = summary
        }
    }

    /// A hash of everything besides input files that decides the output: the program itself,
    /// the options and the config.
    public var settings: String
    /// Every input, by path as walked.
    public var inputs: [String: Record]
    /// Every file written, by path inside the output folder.
    public var outputs: [String: Record]
    public var report: Report

    public init(settings: String, inputs: [String: Record], outputs: [String: Record], report: Report) {
        self.settings = settings
        self.inputs = inputs
        self.outputs = outputs
        self.report = report
    }

    /// The cache in `folder`, or nil when there is none or it cannot be read (a build then
    /// starts from scratch).
    public static func read(from folder: String) -> BuildCache? {
        guard case .bytes(let bytes) = FileSystem.read(folder + "/" + fileName, limit: 1 << 30) else { return nil }
        return parse(bytes)
    }

    /// Writes the cache into `folder` (through a temporary file, so a reader never sees half of it).
    public func write(to folder: String) -> Bool {
        let path = folder + "/" + Self.fileName
        let temporary = path + ".tmp"
        guard FileSystem.write(encoded(), to: temporary) == nil, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    func encoded() -> [UInt8] {
        // Bytes appended in place: a site of 30,000 files has as many records.
        var bytes = Array((Self.header + "\nsettings " + settings + "\n").utf8)
        // The two lists on two cores: sorting 40,000 paths is most of the work, at the end of a build.
        let (inputLines, outputLines) = concurrently({ Self.lines("input ", inputs) }, { Self.lines("output ", outputs) })
        bytes.reserveCapacity(bytes.count + inputLines.count + outputLines.count + 4096)
        bytes += inputLines
        bytes += outputLines
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        bytes += "report ".utf8
        bytes += (try? encoder.encode(report)).map(Array.init) ?? Array("{}".utf8)
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// One line per record, sorted by path: `KIND path<TAB>size<TAB>modified<TAB>hash`.
    private static func lines(_ kind: String, _ records: [String: Record]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(records.count * 96)
        for (path, record) in records.sorted(by: { $0.key < $1.key }) {
            bytes += kind.utf8
            bytes += escape(path).utf8
            bytes.append(UInt8(ascii: "\t"))
            appendDecimal(record.stamp.size, to: &bytes)
            bytes.append(UInt8(ascii: "\t"))
            appendDecimal(record.stamp.modified, to: &bytes)
            bytes.append(UInt8(ascii: "\t"))
            appendHex(record.hash, to: &bytes)
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }

    /// `String(value).utf8`, written straight into `bytes` (three numbers per record, 40,000 records).
    static func appendDecimal(_ value: Int64, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 20 digits at most, in 24 bytes
        var count = 0
        withUnsafeMutableBytes(of: &digits) { digits in
            repeat {
                digits[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(digits[index]) }
        }
    }

    /// ``XXHash64/hex(_:)``, written straight into `bytes`: sixteen lowercase digits.
    static func appendHex(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 60, through: 0, by: -4) {
            let digit = UInt8(truncatingIfNeeded: value >> UInt64(shift)) & 0xF
            bytes.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
        }
    }

    static func parse(_ bytes: [UInt8]) -> BuildCache? {
        var settings: String?
        var inputs: [String: Record] = [:]
        var outputs: [String: Record] = [:]
        var report: Report?
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)[...]
        guard let first = lines.popFirst(), first.elementsEqual(header.utf8) else { return nil }
        inputs.reserveCapacity(lines.count / 3)
        outputs.reserveCapacity(lines.count)
        for line in lines {
            guard let space = line.firstIndex(of: UInt8(ascii: " ")) else { return nil }
            let kind = line[..<space], rest = line[(space + 1)...]
            if kind.elementsEqual("input".utf8) || kind.elementsEqual("output".utf8) {
                guard let (path, record) = parseRecord(rest) else { return nil }
                if kind.count == 5 { inputs[path] = record } else { outputs[path] = record }
            } else if kind.elementsEqual("settings".utf8) {
                settings = String(decoding: rest, as: UTF8.self)
            } else if kind.elementsEqual("report".utf8) {
                report = try? JSONDecoder().decode(Report.self, from: Data(rest))
            } else {
                return nil
            }
        }
        guard let settings, let report else { return nil }
        return BuildCache(settings: settings, inputs: inputs, outputs: outputs, report: report)
    }

    /// `path<TAB>size<TAB>modified<TAB>hash`.
    private static func parseRecord(_ line: ArraySlice<UInt8>) -> (String, Record)? {
        let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
        guard fields.count == 4, let size = integer(fields[1], radix: 10), let modified = integer(fields[2], radix: 10),
              let hash = integer(fields[3], radix: 16) else { return nil }
        let path = String(decoding: fields[0], as: UTF8.self)
        let record = Record(stamp: FileStamp(size: Int64(bitPattern: size), modified: Int64(bitPattern: modified)), hash: hash)
        return (fields[0].contains(UInt8(ascii: "%")) ? unescape(path) : path, record)
    }

    /// A number written in ASCII digits (a leading `-` allowed in decimal), as its 64 bits.
    private static func integer(_ digits: ArraySlice<UInt8>, radix: UInt64) -> UInt64? {
        var rest = digits[...]
        let negative = radix == 10 && rest.first == UInt8(ascii: "-")
        if negative { rest = rest.dropFirst() }
        guard !rest.isEmpty, rest.count <= 20 else { return nil }
        var value: UInt64 = 0
        for byte in rest {
            let digit: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: digit = UInt64(byte - UInt8(ascii: "a") + 10)
            default: return nil
            }
            let (product, overflow) = value.multipliedReportingOverflow(by: radix)
            guard !overflow else { return nil }
            value = product &+ digit
        }
        return negative ? 0 &- value : value
    }

    static func escape(_ path: some StringProtocol) -> String {
        guard path.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") }) else { return String(path) }
        return path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\t", with: "%09")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func unescape(_ path: some StringProtocol) -> String {
        return path.replacingOccurrences(of: "%09", with: "\t").replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%25", with: "%")
    }
}
