/// How an HTML page is framed: as a file on its own (the style inline, nothing else), or as
/// a page of the served board, whose `Content-Security-Policy: default-src 'self'` refuses
/// inline styles: there the style is a linked sheet, and the board adds its navigation and
/// its own head lines (a script, a refresh). The body is the same either way: one renderer,
/// one source of truth for the report a file and the board show.
package struct HTMLPageFrame: Sendable {
    package enum Stylesheet: Sendable, Equatable {
        case inline
        /// The sheet's address on the server.
        case linked(String)
    }

    package var stylesheet: Stylesheet = .inline
    /// Shown at the top of the body; HTML, escaped by whoever built it.
    package var navigation: String?
    /// More lines for the head; HTML, escaped by whoever built it.
    package var head = ""

    package init(stylesheet: Stylesheet = .inline, navigation: String? = nil, head: String = "") {
        self.stylesheet = stylesheet
        self.navigation = navigation
        self.head = head
    }

    /// A file on its own: what `report --format html` and `plan export --format html` write.
    package static let standalone = HTMLPageFrame()

    func styleLine(_ style: String) -> String {
        switch stylesheet {
        case .inline: return "<style>\(style)</style>"
        case .linked(let href): return "<link rel=\"stylesheet\" href=\"\(DisplayText.html(href))\">"
        }
    }

    /// The head's style line, then the board's own lines.
    func headLines(style: String) -> String {
        styleLine(style) + (head.isEmpty ? "" : "\n" + head)
    }

    var navigationLine: String { navigation.map { "\($0)\n" } ?? "" }
}
