import Testing
import PortalKit
import PortalYAML
@testable import PortalScaffold

@Suite("Parameter values and their validation")
struct ValidationTests {
    private let spec = YAMLParser.parse("""
    parameters:
      - title: About
        required: [name, port]
        properties:
          name:
            title: Name
            type: string
            pattern: '^[a-z][a-z0-9-]+$'
            minLength: 3
            maxLength: 10
          port:
            type: integer
            minimum: 1024
          tier:
            type: string
            enum: [critical, standard]
            default: standard
          flags:
            type: object
            properties:
              debug: { type: boolean }
        dependencies:
          tier: { oneOf: [] }
    """)[0].root!

    private func validate(_ values: TemplateValues) -> (values: [String: ScaffoldValue], messages: [String]) {
        var diagnostics = Diagnostics()
        let result = ParameterValidator(parameters: TemplateParameters(spec: spec), file: "t/template.yaml").validate(values, into: &diagnostics)
        return (result, diagnostics.sorted.map(\.formatted))
    }

    @Test("--set values are typed by the schema and nest with dots")
    func setTyping() {
        var values = TemplateValues()
        let parameters = TemplateParameters(spec: spec)
        #expect(values.set("port=8080", parameters: parameters) == nil)
        #expect(values.set("name=8080", parameters: parameters) == nil)
        #expect(values.set("flags.debug=true", parameters: parameters) == nil)
        #expect(values.set("novalue", parameters: parameters) == "--set 'novalue' is not key=value")
        #expect(values.values == ["port": .int(8080), "name": .string("8080"), "flags": .object(["debug": .bool(true)])])
    }

    @Test("defaults fill missing values; valid values pass with only the unmodelled keyword noted")
    func valid() {
        let (values, messages) = validate(TemplateValues(["name": .string("payouts"), "port": .int(8080)]))
        #expect(values["tier"] == .string("standard"))
        #expect(messages == ["t/template.yaml:22:5: info: 'dependencies' is not evaluated: the fields it adds or constrains are checked only by their own schema [scaffold.unmodelled-schema]"])
    }

    @Test("one message per broken rule, at the field's definition")
    func messages() {
        let (_, messages) = validate(TemplateValues(["name": .string("Payouts-Service-X"), "tier": .string("gold"), "port": .string("http"),
                                                     "flags": .object(["debug": .string("yes")]), "nmae": .string("x")]))
        #expect(messages == [
            "t/template.yaml:1:1: warning: the value 'nmae' is not a parameter of this template (did you mean 'name'?); it is passed on unchecked [scaffold.invalid-value]",
            "t/template.yaml:6:9: error: parameters.name is \"Payouts-Service-X\", which does not match the pattern ^[a-z][a-z0-9-]+$ [scaffold.invalid-value]",
            "t/template.yaml:6:9: error: parameters.name must be at most 10 characters long (it has 17) [scaffold.invalid-value]",
            "t/template.yaml:12:9: error: parameters.port must be an integer, not a string (\"http\") [scaffold.invalid-value]",
            "t/template.yaml:15:9: error: parameters.tier is \"gold\", which is not one of: \"critical\", \"standard\" [scaffold.invalid-value]",
            "t/template.yaml:19:9: error: parameters.flags.debug must be a boolean, not a string (\"yes\") [scaffold.invalid-value]",
            "t/template.yaml:22:5: info: 'dependencies' is not evaluated: the fields it adds or constrains are checked only by their own schema [scaffold.unmodelled-schema]",
        ])
    }

    @Test("required fields, and numbers below the minimum")
    func requiredAndRange() {
        let (_, messages) = validate(TemplateValues(["port": .int(80), "name": .string("")]))
        #expect(messages.contains("t/template.yaml:6:9: error: parameters.name (Name) is required: give it with --set name=… or in the values file [scaffold.invalid-value]"))
        #expect(messages.contains("t/template.yaml:12:9: error: parameters.port must be at least 1024 (it is 80) [scaffold.invalid-value]"))
    }

    @Test("sample values satisfy the schema")
    func samples() {
        let samples = SampleValues.make(TemplateParameters(spec: spec))
        #expect(samples.values["name"] == .string("example-na"))
        #expect(samples.values["port"] == .int(1024))
        let (_, messages) = validate(samples)
        #expect(messages.filter { $0.contains("error") }.isEmpty)
    }
}
