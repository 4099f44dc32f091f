import PortalYAML
import Testing

/// Plain-scalar resolution against the YAML 1.2 core schema (spec 1.2.2, section 10.3.2).
@Suite("YAML 1.2 core schema scalar resolution")
struct ScalarResolutionTests {
    @Test("null forms resolve to null", arguments: ["null", "Null", "NULL", "~", ""])
    func nulls(text: String) {
        #expect(YAMLNode.resolvePlain(text) == .null)
    }

    @Test("other spellings of null stay strings", arguments: ["nULL", "NuLL", "nil", "None", "~~"])
    func nearNulls(text: String) {
        #expect(YAMLNode.resolvePlain(text) == .string(text))
    }

    @Test("the six core booleans resolve to Bool", arguments: [
        ("true", true), ("True", true), ("TRUE", true),
        ("false", false), ("False", false), ("FALSE", false),
    ])
    func booleans(text: String, value: Bool) {
        #expect(YAMLNode.resolvePlain(text) == .bool(value))
    }

    @Test("YAML 1.1 booleans stay strings in YAML 1.2",
          arguments: ["yes", "no", "on", "off", "Yes", "No", "ON", "OFF", "y", "n", "tRUE", "fAlse"])
    func yaml11BooleansAreStrings(text: String) {
        #expect(YAMLNode.resolvePlain(text) == .string(text))
    }

    @Test("decimal, octal and hexadecimal integers resolve to Int", arguments: [
        ("123", 123), ("-5", -5), ("+7", 7), ("0", 0), ("-0", 0),
        ("007", 7), ("0o17", 15), ("0o0", 0), ("0x1F", 31), ("0xff", 255), ("0xABCdef", 0xABCDEF),
    ])
    func integers(text: String, value: Int) {
        #expect(YAMLNode.resolvePlain(text) == .int(value))
    }

    @Test("floats with a fraction or exponent resolve to Double", arguments: [
        ("1.5", 1.5), ("1e3", 1000), ("1E3", 1000), ("1e+3", 1000), ("+12e-2", 0.12),
        (".5", 0.5), ("-.5", -0.5), ("+.5", 0.5), ("1.", 1), ("-2.5e1", -25),
    ])
    func floats(text: String, value: Double) {
        #expect(YAMLNode.resolvePlain(text) == .double(value))
    }

    @Test("infinities resolve to signed infinity", arguments: [
        (".inf", Double.infinity), (".Inf", .infinity), (".INF", .infinity), ("+.inf", .infinity),
        ("-.inf", -Double.infinity), ("-.Inf", -.infinity), ("-.INF", -.infinity),
    ])
    func infinities(text: String, value: Double) {
        #expect(YAMLNode.resolvePlain(text) == .double(value))
    }

    @Test("not-a-number resolves to a NaN Double", arguments: [".nan", ".NaN", ".NAN"])
    func notANumber(text: String) {
        guard case .double(let value) = YAMLNode.resolvePlain(text) else {
            Issue.record("\(text) did not resolve to a Double")
            return
        }
        #expect(value.isNaN)
    }

    @Test("version-like and other number-like text stays a string", arguments: [
        "1.2.3", "0.1.0", "1e", "1e+", ".", "-", "+", "1:30", "12abc", "1_000", "0b101",
        "0o", "0x", "0o8", "0xG", "-0x1F", "+0o7", "-.nan", "nan", "inf", ".infinity", "- 1", "1 2",
    ])
    func numberLikeStrings(text: String) {
        #expect(YAMLNode.resolvePlain(text) == .string(text))
    }

    @Test("a sign after the 0x or 0o prefix is a string, not a signed integer (regression: 0x-1 was -1)",
          arguments: ["0x-1", "0x+1F", "0o-7", "0o+7"])
    func signAfterRadixPrefix(text: String) {
        #expect(YAMLNode.resolvePlain(text) == .string(text))
    }

    @Test("integers beyond Int's range fall back to Double")
    func hugeInteger() {
        #expect(YAMLNode.resolvePlain("12345678901234567890") == .double(12_345_678_901_234_567_168))
    }

    @Test("quoted and block scalars are strings whatever their text")
    func quotedAndBlockScalarsAreStrings() throws {
        let root = try #require(YAMLTestSupport.root("""
            double: "123"
            single: 'true'
            empty: ''
            literal: |
              42
            folded: >
              null

            """))
        #expect(root["double"]?.scalarValue == .string("123"))
        #expect(root["single"]?.scalarValue == .string("true"))
        #expect(root["empty"]?.scalarValue == .string(""))
        #expect(root["literal"]?.scalarValue == .string("42\n"))
        #expect(root["folded"]?.scalarValue == .string("null\n"))
    }

    @Test("parsed plain scalars resolve by the core schema, keys included")
    func parsedPlainScalars() throws {
        let root = try #require(YAMLTestSupport.root("""
            missing:
            count: 007
            ratio: .5
            enabled: on
            version: 1.2.3
            404: not found
            """))
        #expect(root["missing"]?.scalarValue == .null)
        #expect(root["count"]?.scalarValue == .int(7))
        #expect(root["ratio"]?.scalarValue == .double(0.5))
        #expect(root["enabled"]?.scalarValue == .string("on"))
        #expect(root["version"]?.scalarValue == .string("1.2.3"))
        #expect(root.pair("404")?.key.scalarValue == .int(404))
    }

    @Test("stringValue is the text only for string scalars; collections have no scalar value")
    func stringValueAndCollections() throws {
        let root = try #require(YAMLTestSupport.root("name: web\nport: 8080\nlist: [1]\n"))
        #expect(root["name"]?.stringValue == "web")
        #expect(root["port"]?.stringValue == nil)
        #expect(root["port"]?.scalarText == "8080")
        #expect(root["list"]?.scalarValue == nil)
        #expect(root["list"]?.stringValue == nil)
        #expect(root.scalarValue == nil)
    }
}
