internal import CCmarkGFM

/// Links and images of a parsed tree whose destination is refused, written without it: a link as
/// `<a>` around its content, an image as `<img alt>` with no `src`. That is what the raw-HTML
/// sanitiser leaves of `<a href="javascript:…">`; an empty `href`, cmark's way, links to the page itself.
enum UnsafeLinkNodes {
    /// Replaces the link or image `node` with its destination-less form. The node is unlinked, not
    /// freed: an image keeps its content, whose nodes other passes may still hold, so the caller frees
    /// it once the tree is rendered. Where the replacement cannot go (cmark-gfm's table cells hold
    /// only the standard inlines), the node stays, its destination emptied; returns whether it was
    /// replaced (and so is the caller's to free). `allocator` is the tree's.
    @discardableResult
    static func removeDestination(_ node: OpaquePointer, allocator: UnsafeMutablePointer<cmark_mem>) -> Bool {
        guard let replacement = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_INLINE, allocator) else { return false }
        guard cmark_node_insert_before(node, replacement) != 0 else {
            cmark_node_free(replacement)
            cmark_node_set_url(node, "")
            return false
        }
        let title = cmark_node_get_title(node).map { String(cString: $0) } ?? ""
        let titleAttribute = title.isEmpty ? "" : " title=\"" + TechDocsHTML.escaped(title.utf8) + "\""
        if cmark_node_get_type(node) == CMARK_NODE_IMAGE {
            cmark_node_set_on_enter(replacement, "<img alt=\"" + TechDocsHTML.escaped(plainText(of: node).utf8) + "\"" + titleAttribute + " />")
            cmark_node_set_on_exit(replacement, "")
        } else {
            cmark_node_set_on_enter(replacement, "<a" + titleAttribute + ">")
            cmark_node_set_on_exit(replacement, "</a>")
            while let child = cmark_node_first_child(node), cmark_node_append_child(replacement, child) != 0 {}
        }
        cmark_node_unlink(node)
        return true
    }

    /// The text of `node`'s descendants (text and code spans; a line break as a space).
    static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return text }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default: break
            }
        }
        return text
    }
}

extension UnsafeLinkNodes {
    /// Every link and image under `root` whose destination `HTMLSanitizer.isSafeURL` refuses, in order.
    static func unsafe(under root: OpaquePointer) -> [OpaquePointer] {
        var nodes: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(root) else { return nodes }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { continue }
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            if !HTMLSanitizer.isSafeURL(url, forImage: type == CMARK_NODE_IMAGE) { nodes.append(node) }
        }
        return nodes
    }
}
