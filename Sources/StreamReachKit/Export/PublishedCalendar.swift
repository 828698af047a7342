import Foundation

/// What a previously published calendar said about each event, read back from the file
/// itself: the feed subscribers have is the only state a re-export needs.
///
/// A client applies a changed event only when its SEQUENCE goes up (RFC 5545 3.8.7.4), so
/// each VEVENT carries a fingerprint of what subscribers must see change (start, end,
/// place, title); on re-export an event whose fingerprint differs gets SEQUENCE + 1 and a
/// new LAST-MODIFIED, and an unchanged one keeps both.
package struct PublishedCalendar: Sendable {
    package struct Entry: Sendable, Equatable {
        package let sequence: Int
        package let fingerprint: String
        package let lastModified: String
    }

    package let entries: [String: Entry]

    package init(entries: [String: Entry] = [:]) { self.entries = entries }

    /// Reads the VEVENTs of an earlier export (folded lines allowed); a file that is not
    /// there, or not a calendar, is an empty one: the first export.
    package init(path: String) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            self.init()
            return
        }
        self.init(text: text)
    }

    package init(text: String) {
        // Unfold (CRLF followed by a space continues the line), then walk the properties.
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "").replacingOccurrences(of: "\n ", with: "")
        var entries: [String: Entry] = [:]
        var current: [String: String] = [:]
        for line in unfolded.split(whereSeparator: \.isNewline) {
            let property = line.split(separator: ":", maxSplits: 1)
            guard property.count == 2 else { continue }
            let name = property[0].split(separator: ";").first.map(String.init) ?? ""
            switch name {
            case "BEGIN" where property[1] == "VEVENT": current = [:]
            case "END" where property[1] == "VEVENT":
                if let uid = current["UID"], let fingerprint = current["X-STREAMREACH-FINGERPRINT"] {
                    entries[uid] = Entry(sequence: Int(current["SEQUENCE"] ?? "") ?? 0, fingerprint: fingerprint,
                                         lastModified: current["LAST-MODIFIED"] ?? "")
                }
            default: current[name] = String(property[1])
            }
        }
        self.entries = entries
    }

    /// What changes for subscribers: when and where it takes place, and what it is called.
    static func fingerprint(start: String, end: String, location: String, summary: String) -> String {
        String(NameBasedUUID.make(name: [start, end, location, summary].joined(separator: "\u{0}")).uuidString.lowercased().prefix(13))
    }
}
