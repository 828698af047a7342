/// The code of a Swift source file with its comments and the text of its string literals
/// blanked out. Interpolated expressions (`\(…)`) are kept: they are code. Enough to see
/// which type names a file uses; not a Swift parser (no raw strings or regex literals,
/// which the library does not use).
enum SwiftCode {
    static func withoutCommentsAndText(_ source: String) -> String {
        var scanner = Scanner(bytes: Array(source.utf8))
        scanner.code(insideInterpolation: false)
        return String(decoding: scanner.output, as: UTF8.self)
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var output: [UInt8] = []

        private static let slash = UInt8(ascii: "/"), star = UInt8(ascii: "*"), quote = UInt8(ascii: "\"")
        private static let backslash = UInt8(ascii: "\\"), newline = UInt8(ascii: "\n"), space = UInt8(ascii: " ")
        private static let open = UInt8(ascii: "("), close = UInt8(ascii: ")")

        init(bytes: [UInt8]) {
            self.bytes = bytes
            output.reserveCapacity(bytes.count)
        }

        private func byte(_ offset: Int) -> UInt8? {
            index + offset < bytes.count ? bytes[index + offset] : nil
        }

        /// Code up to the end, or inside `\(…)` up to its unmatched `)`.
        mutating func code(insideInterpolation: Bool) {
            var depth = 0
            while let current = byte(0) {
                if current == Self.slash && byte(1) == Self.slash {
                    while let next = byte(0), next != Self.newline { index += 1 }
                } else if current == Self.slash && byte(1) == Self.star {
                    blockComment()
                    output.append(Self.space)
                } else if current == Self.quote {
                    let quotes = byte(1) == Self.quote && byte(2) == Self.quote ? 3 : 1
                    index += quotes
                    output.append(Self.space)
                    text(quotes: quotes)
                } else if current == Self.close && insideInterpolation && depth == 0 {
                    index += 1
                    return
                } else {
                    if current == Self.open { depth += 1 }
                    if current == Self.close { depth -= 1 }
                    output.append(current)
                    index += 1
                }
            }
        }

        /// Block comments nest in Swift.
        private mutating func blockComment() {
            var depth = 0
            while byte(0) != nil {
                if byte(0) == Self.slash && byte(1) == Self.star {
                    depth += 1
                    index += 2
                } else if byte(0) == Self.star && byte(1) == Self.slash {
                    depth -= 1
                    index += 2
                    if depth == 0 { return }
                } else {
                    index += 1
                }
            }
        }

        /// A literal's text, after its opening quote(s), through its closing one(s).
        private mutating func text(quotes: Int) {
            while let current = byte(0) {
                if current == Self.backslash {
                    if byte(1) == Self.open {
                        index += 2
                        output.append(Self.space)
                        code(insideInterpolation: true)
                        output.append(Self.space)
                    } else {
                        index += 2
                    }
                } else if current == Self.quote && (quotes == 1 || (byte(1) == Self.quote && byte(2) == Self.quote)) {
                    index += quotes
                    return
                } else {
                    index += 1
                }
            }
        }
    }
}
