import Testing
import PortalKit
@testable import PortalServe

@Suite("live reload: the injected tag, the script, the events")
struct LiveReloadTests {
    private func inject(_ html: String) -> String {
        String(decoding: LiveReload.inject(into: Array(html.utf8)), as: UTF8.self)
    }

    @Test("the tag goes before the last </body>, in any case, or at the end when there is none")
    func injection() {
        let tag = "<script src=\"/__portal/reload.js\" defer></script>"
        #expect(tag == LiveReload.tag)
        #expect(inject("<html><body>x</body></html>") == "<html><body>x\(tag)</body></html>")
        #expect(inject("<pre>&lt;/body&gt;</body></pre></BODY>\n") == "<pre>&lt;/body&gt;</body></pre>\(tag)</BODY>\n")
        #expect(inject("fragment") == "fragment\(tag)")
        #expect(inject("") == tag)
    }

    @Test("the script listens to the event stream, reloads, and builds its overlay without innerHTML")
    func script() {
        let script = LiveReload.script
        #expect(script.contains("new EventSource(\"/__portal/events\")"))
        #expect(script.contains("addEventListener(\"reload\""))
        #expect(script.contains("addEventListener(\"problems\""))
        #expect(script.contains("setAttribute(\"role\", \"alert\")"))
        #expect(script.contains("textContent"))
        #expect(script.contains("\"Escape\""))
        #expect(!script.contains("innerHTML"))
        #expect(!script.contains("insertAdjacentHTML"))
        #expect(!script.contains("eval("))
    }

    @Test("events are written as text/event-stream, problems as one line of JSON")
    func eventText() {
        #expect(ServerEvent.reload(buildID: "r-2").text == "event: reload\ndata: r-2\n\n")
        #expect(ServerEvent.build(id: "r-1").text == "event: build\ndata: r-1\n\n")
        let problems = ServerEvent.problems(["a.yaml:1:1: error: bad \"x\"\nnext [yaml.syntax]"]).text
        #expect(problems == "event: problems\ndata: [\"a.yaml:1:1: error: bad \\\"x\\\"\\nnext [yaml.syntax]\"]\n\n")
    }

    @Test("a new page hears the build being served and any standing problems; a replaced site clears them")
    func hub() async {
        let hub = EventHub(buildID: "r-0")
        var first = await hub.subscribe().makeAsyncIterator()
        #expect(await first.next() == .build(id: "r-0"))
        await hub.buildRejected(problems: ["x:1:1: error: e [yaml.syntax]"])
        #expect(await first.next() == .problems(["x:1:1: error: e [yaml.syntax]"]))
        var second = await hub.subscribe().makeAsyncIterator()
        #expect(await second.next() == .build(id: "r-0"))
        #expect(await second.next() == .problems(["x:1:1: error: e [yaml.syntax]"]))
        await hub.siteReplaced(buildID: "r-2")
        #expect(await first.next() == .reload(buildID: "r-2"))
        #expect(await second.next() == .reload(buildID: "r-2"))
        #expect(await hub.problems.isEmpty)
        await hub.close()
        #expect(await first.next() == nil)
        var late = await hub.subscribe().makeAsyncIterator()
        #expect(await late.next() == .build(id: "r-2"))
        #expect(await late.next() == nil, "after close, new streams end at once so shutdown is not held up")
    }

    @Test("a build replaces the served site unless it has an error the served site did not have")
    func acceptance() {
        let standing = Diagnostic(.error, .yamlSyntax, at: SourceLocation(file: "a.yaml", line: 3), "bad")
        let moved = Diagnostic(.error, .yamlSyntax, at: SourceLocation(file: "a.yaml", line: 9), "bad")
        let new = Diagnostic(.error, .yamlSyntax, at: SourceLocation(file: "b.yaml"), "bad")
        let warning = Diagnostic(.warning, .yamlSyntax, at: SourceLocation(file: "c.yaml"), "meh")
        let acceptance = SiteAcceptance(served: [standing])
        #expect(acceptance.accepts([moved, warning]), "a standing error that moved a line does not block")
        #expect(acceptance.accepts([]))
        #expect(!acceptance.accepts([standing, new]))
        #expect(acceptance.newErrors(in: [standing, new, warning]) == [new])
    }
}
