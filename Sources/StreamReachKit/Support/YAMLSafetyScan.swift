/// Refuses YAML that would make Yams' composer do exponential work, before it runs.
///
/// Yams hashes every mapping key to find duplicates. A key that is an alias of a nested
/// collection ("billion laughs" as a key) is hashed in full, expanded: minutes of CPU for a
/// 1 KB file. Programme and sources files never need a key that is not a plain word, so a
/// light scan rejects any key that is an alias, a flow collection or an explicit `? ` key.
/// Aliases as values stay allowed: the readers never expand them.
enum YAMLSafetyScan {
    static func complexKey(in text: String, file: String) -> Diagnostic? {
        var line = 1
        var column = 0
        var quote: Character?
        var inComment = false
        var atNodeStart = true
        var pendingKeyEnd = false // just after `]`, `}` or an alias name
        var previous: Character = "\n"
        var aliasName = false
        for character in text {
            column += 1
            defer { previous = character }
            if character == "\n" {
                line += 1
                column = 0
                inComment = false
                atNodeStart = true
                pendingKeyEnd = false
                aliasName = false
                continue
            }
            if inComment { continue }
            if let open = quote {
                // '' inside single quotes and \" inside double quotes do not close the string.
                if character == open, !(open == "\"" && previous == "\\") { quote = nil }
                continue
            }
            if aliasName {
                if character.isLetter || character.isNumber || character == "_" || character == "-" { continue }
                aliasName = false
                pendingKeyEnd = true
            }
            switch character {
            case "#" where previous == " " || previous == "\t" || column == 1:
                inComment = true
            case "\"", "'" where atNodeStart:
                quote = character
                atNodeStart = false
            case "*" where atNodeStart:
                aliasName = true
                atNodeStart = false
            case "?" where atNodeStart:
                return Diagnostic(SourceLocation(file: file, line: line, column: column), Self.message)
            case "]", "}":
                pendingKeyEnd = true
            case ":" where pendingKeyEnd:
                return Diagnostic(SourceLocation(file: file, line: line, column: column), Self.message)
            case ":":
                // A value may start after it (also true inside plain scalars such as 17:00,
                // where the next character ends it again).
                atNodeStart = true
            case " ", "\t":
                continue
            case "-", "[", "{", ",":
                atNodeStart = true
                pendingKeyEnd = false
            default:
                atNodeStart = false
                pendingKeyEnd = false
            }
        }
        return nil
    }

    static let message = "keys must be plain words: a key that is a list, a mapping or an alias (*name) is not supported"
}
