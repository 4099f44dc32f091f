import Foundation
import Testing
@testable import PortalTechRadar

/// The example plugin on the repository's own `content/radar.yaml`, and on broken radar files.
@Suite("portal-tech-radar: the example plugin")
struct TechRadarTests {
    static let contentFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../content").standardized.path

    /// A plugin input whose catalog holds `refs` (`kind:namespace/name`).
    static func input(_ refs: [String]) -> [UInt8] {
        let items = refs.map { ref -> String in
            let kind = ref.prefix { $0 != ":" }, rest = ref.drop { $0 != ":" }.dropFirst()
            let namespace = rest.prefix { $0 != "/" }, name = rest.drop { $0 != "/" }.dropFirst()
            return "{\"apiVersion\": \"backstage.io/v1alpha1\", \"kind\": \"\(kind.capitalized)\", \"metadata\": {\"name\": \"\(name)\", \"namespace\": \"\(namespace)\"}}"
        }
        return Array("{\"protocol\": \"portal-build/plugin-v1\", \"plugin\": {\"name\": \"tech-radar\"}, \"catalog\": {\"items\": [\(items.joined(separator: ","))]}}".utf8)
    }

    static let contentRefs = ["component:default/mobility-sdk", "component:default/mobility-sdk-kotlin", "component:default/fleet-graph",
                              "resource:default/rides-db", "resource:default/ride-events-topic", "component:default/telemetry-pipeline",
                              "component:default/legacy-dispatch", "location:default/golden-paths"]

    static func answer(_ text: String?, refs: [String] = contentRefs) throws -> [String: Any] {
        let bytes = TechRadarPlugin.answer(input: input(refs), radarPath: "radar.yaml", radarText: text)
        return try JSONSerialization.jsonObject(with: Data(bytes)) as! [String: Any]
    }

    @Test("content/radar.yaml: same input, same bytes; every entry on the page; entries link to their entities and those get cards")
    func contentRadar() throws {
        let text = try String(contentsOfFile: Self.contentFolder + "/radar.yaml", encoding: .utf8)
        let first = TechRadarPlugin.answer(input: Self.input(Self.contentRefs), radarPath: "radar.yaml", radarText: text)
        #expect(first == TechRadarPlugin.answer(input: Self.input(Self.contentRefs), radarPath: "radar.yaml", radarText: text))
        let json = try JSONSerialization.jsonObject(with: Data(first)) as! [String: Any]
        #expect(json["protocol"] as? String == "portal-build/plugin-v1")
        #expect((json["diagnostics"] as? [Any])?.isEmpty == true, "\(json["diagnostics"] ?? "")")
        let page = (json["pages"] as! [[String: Any]])[0]
        #expect(page["path"] as? String == "radar" && page["nav"] as? Bool == true)
        let html = page["html"] as! String, svg = page["svg"] as! String
        let (radar, _) = Radar.parse(text)
        #expect(radar!.entries.count == 17)
        for (number, entry) in radar!.numbered.enumerated() {
            #expect(html.contains("<tr id=\"entry-\(number + 1)\"><td>\(number + 1)</td>"), "\(entry.name) has a row")
            #expect(svg.contains("<title>\(number + 1). \(RadarSVG.escape(entry.name)):"), "\(entry.name) has a blip")
        }
        // Named with entity:, and matched by name (Mobility SDK → mobility-sdk, Legacy dispatch → legacy-dispatch).
        for ref in Self.contentRefs {
            #expect(html.contains("href=\"portal:\(ref)\""), "\(ref) is linked")
        }
        let cards = json["entityContent"] as! [[String: Any]]
        #expect(Set(cards.compactMap { $0["entity"] as? String }) == Set(Self.contentRefs))
        let postgres = cards.first { $0["entity"] as? String == "resource:default/rides-db" }
        #expect(postgres?["title"] as? String == "Tech Radar: Adopt in Platforms")
        #expect((postgres?["markdown"] as? String)?.contains("(../../../../plugins/tech-radar/radar/#entry-") == true)
        #expect((json["search"] as? [Any])?.count == 17)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.contains("role=\"img\" aria-labelledby=\"radar-title radar-desc\""))
    }

    @Test("an entity: that is not in the catalog is a warning at the entry's line; the entry stays, unlinked")
    func unknownEntity() throws {
        let json = try Self.answer("quadrants: [A, B, C, D]\nrings: [Adopt, Hold]\nentries:\n  - name: X\n    quadrant: A\n    ring: Adopt\n    entity: component:default/nope\n", refs: [])
        let diagnostic = (json["diagnostics"] as! [[String: Any]]).first
        #expect(diagnostic?["id"] as? String == "unknown-entity" && diagnostic?["severity"] as? String == "warning")
        #expect(diagnostic?["line"] as? Int == 4 && diagnostic?["file"] as? String == "radar.yaml")
        let html = ((json["pages"] as! [[String: Any]])[0])["html"] as! String
        #expect(html.contains("<td>X</td>"))
    }

    @Test("an invalid radar file gives diagnostics at file:line:column, and bad entries are left out")
    func invalidRadar() throws {
        let text = """
            quadrants: [Languages, Tools, Platforms]
            rings: [Adopt, Hold]
            entries: []

            """
        let broken = try Self.answer(text)
        #expect(broken["pages"] == nil, "no page without a radar")
        let first = (broken["diagnostics"] as! [[String: Any]])[0]
        #expect(first["message"] as? String == "'quadrants' must be a list of 4 names")
        #expect(first["line"] as? Int == 1 && first["column"] as? Int == 12 && first["id"] as? String == "invalid-radar")

        let entries = """
            quadrants: [A, B, C, D]
            rings: [Adopt, Hold]
            entries:
              - name: Good
                quadrant: A
                ring: Adopt
              - name: Bad ring
                quadrant: B
                ring: Maybe
              - name: Good
                quadrant: C
                ring: Hold
                moved: sideways

            """
        let json = try Self.answer(entries)
        let problems = (json["diagnostics"] as! [[String: Any]]).map { "\($0["line"]!):\($0["column"]!) \($0["message"]!)" }
        #expect(problems == ["9:11 'Maybe' is not one of the rings: Adopt, Hold", "10:11 'Good' is on the radar twice"], "\(problems)")
        #expect(((json["search"] as? [Any]) ?? []).count == 1, "only the good entry is kept")

        let syntax = try Self.answer("quadrants: [A, B\n")
        #expect(((syntax["diagnostics"] as! [[String: Any]])[0])["line"] as? Int == 2)
        let unreadable = try Self.answer(nil)
        #expect(((unreadable["diagnostics"] as! [[String: Any]])[0])["id"] as? String == "unreadable")
    }
}
