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

    @Test func keysThatAppearOnceAreNotReported() throws {
        let reader = YAMLReader(file: "m.yaml")
        let root = try reader.root(of: (0..<30).map { "k\($0): v" }.joined(separator: "\n"))
        _ = reader.mapping(root, "the test", allowed: Set((0..<30).map { "k\($0)" }))
        #expect(reader.diagnostics.isEmpty)
    }
}
