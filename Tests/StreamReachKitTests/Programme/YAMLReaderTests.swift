import Testing
@testable import StreamReachKit

@Suite struct YAMLReaderTests {
    /// Short mappings look for repeats by comparison, long ones through a set: both must find
    /// the repeat at its own place, and both give the first value of a repeated key.
    @Test(arguments: [3, 16, 17, 40])
    func aRepeatedKeyIsReportedAndTheFirstValueCounts(keys: Int) throws {
        let names = (0..<keys).map { "k\($0)" }
        let lines = names.map { "\($0): first-\($0)" } + ["k1: second"]
        let reader = YAMLReader(file: "m.yaml")
        let root = try reader.root(of: lines.joined(separator: "\n"))
        let mapping = try #require(reader.mapping(root, "the test", allowed: Set(names)))
        #expect(reader.diagnostics.map(\.description) == ["m.yaml:\(keys + 1):1: `k1` appears more than once in the test; keep one"])
        #expect(mapping.string("k1") == "first-k1")
        #expect(mapping.string("k\(keys - 1)") == "first-k\(keys - 1)")
        #expect(mapping["missing"] == nil)
    }

    /// Digits may be grouped with underscores; anything else that is not a whole number is
    /// reported at its value.
    @Test(arguments: [("100_000", 100_000 as Int?), ("1_0", 10), ("42", 42), ("-7", -7), ("_5_", 5),
                      ("1 000", nil), ("1.5", nil), ("1_\u{301}0", nil), ("", nil), ("ten", nil)])
    func wholeNumbersMayBeGroupedWithUnderscores(_ text: String, _ expected: Int?) throws {
        let reader = YAMLReader(file: "m.yaml")
        let root = try reader.root(of: "n: \"\(text)\"")
        let mapping = try #require(reader.mapping(root, "the test", allowed: ["n"]))
        #expect(mapping.int("n") == expected)
        #expect(reader.diagnostics.map(\.description) == (expected == nil ? ["m.yaml:1:4: `n` must be a whole number, found `\(text)`"] : []))
    }

    @Test func keysThatAppearOnceAreNotReported() throws {
        let reader = YAMLReader(file: "m.yaml")
        let root = try reader.root(of: (0..<30).map { "k\($0): v" }.joined(separator: "\n"))
        _ = reader.mapping(root, "the test", allowed: Set((0..<30).map { "k\($0)" }))
        #expect(reader.diagnostics.isEmpty)
    }
}
