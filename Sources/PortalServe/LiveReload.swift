/// The live-reload client of `serve`: a script tag added to every HTML response, and the script.
///
/// Pages forbid inline scripts (`script-src 'self'`), so the tag loads a same-origin file the
/// server answers itself; built sites never contain it.
public enum LiveReload {
    /// The path the server answers with ``script``.
    public static let scriptPath = "/__portal/reload.js"
    /// The path of the server-sent event stream the script listens to.
    public static let eventsPath = "/__portal/events"
    /// The tag inserted before `</body>`.
    public static let tag = "<script src=\"\(scriptPath)\" defer></script>"

    /// `html` with ``tag`` inserted before its last `</body>` (in any case), or appended when
    /// there is none.
    public static func inject(into html: [UInt8]) -> [UInt8] {
        let closing = Array("</body".utf8)
        var position = html.count
        var index = html.count - closing.count
        while index >= 0 {
            if zip(html[index...], closing).allSatisfy({ lowercased($0) == $1 }) {
                position = index
                break
            }
            index -= 1
        }
        var result = html
        result.insert(contentsOf: Array(tag.utf8), at: position)
        return result
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    /// The client: reloads on `reload`, shows `problems` (a JSON list of `path:line:col: …`
    /// lines) in a dismissable overlay, and reloads after reconnecting if a build happened in
    /// between (`build` carries the id of the site being served). Built with DOM methods and
    /// `textContent` only, and styled through CSSOM, which `style-src 'self'` allows.
    public static let script = #"""
    // portal-build serve: reloads this page when the site is rebuilt and shows build errors.
    (() => {
      "use strict";
      const events = new EventSource("/__portal/events");
      let servedBuild = null;
      let overlay = null;

      function dismiss() {
        if (overlay) {
          overlay.remove();
          overlay = null;
        }
      }

      function show(problems) {
        dismiss();
        overlay = document.createElement("div");
        overlay.id = "portal-build-problems";
        overlay.setAttribute("role", "alert");
        Object.assign(overlay.style, {
          position: "fixed", left: "1rem", right: "1rem", bottom: "1rem", zIndex: "2147483647",
          maxHeight: "60vh", overflow: "auto", padding: "1rem 1.25rem", borderRadius: "6px",
          background: "#3b0d0d", color: "#fff", border: "2px solid #ff8a80",
          font: "14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
          boxShadow: "0 4px 24px rgba(0, 0, 0, 0.4)",
        });
        const heading = document.createElement("p");
        heading.textContent = "The last change did not build. This page is from the previous build.";
        Object.assign(heading.style, { margin: "0 0 0.5rem", fontWeight: "bold" });
        const list = document.createElement("ul");
        Object.assign(list.style, { margin: "0", paddingLeft: "1.25rem" });
        for (const problem of problems) {
          const item = document.createElement("li");
          item.textContent = problem;
          item.style.whiteSpace = "pre-wrap";
          list.append(item);
        }
        const close = document.createElement("button");
        close.type = "button";
        close.textContent = "Dismiss (Esc)";
        Object.assign(close.style, { marginTop: "0.75rem", font: "inherit", cursor: "pointer" });
        close.addEventListener("click", dismiss);
        overlay.append(heading, list, close);
        document.body.append(overlay);
      }

      events.addEventListener("build", (event) => {
        if (servedBuild !== null && servedBuild !== event.data) location.reload();
        servedBuild = event.data;
      });
      events.addEventListener("reload", () => location.reload());
      events.addEventListener("problems", (event) => {
        let problems;
        try {
          problems = JSON.parse(event.data);
        } catch {
          return;
        }
        if (Array.isArray(problems) && problems.length > 0) show(problems.map(String));
      });
      document.addEventListener("keydown", (event) => {
        if (event.key === "Escape") dismiss();
      });
    })();

    """#
}
