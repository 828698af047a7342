import Foundation
import Testing
@testable import StreamReachKit

@Suite struct InternetTimeTests {
    /// The instants are written out as Unix seconds, so the expectation does not come from
    /// the code under test.
    @Test(arguments: [
        ("2020-12-31T00:00:00Z", 1_609_372_800.0),
        ("2020-04-01T02:00:00+02:00", 1_585_699_200.0),
        ("2020-03-29T01:30:00-01:30", 1_585_450_800.0),
    ])
    func readsUTCAndOffsets(_ text: String, _ seconds: Double) {
        #expect(InternetTime.date(from: text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: ["", "tomorrow", "2020-12-31", "2020-13-01T00:00:00Z", "2020-12-31T00:00"])
    func refusesWhatIsNotATime(_ text: String) {
        #expect(InternetTime.date(from: text) == nil)
    }

    /// Lock notes, run lists and reports printed these through `ISO8601DateFormatter`
    /// before; the text must stay the same.
    @Test(arguments: [0.0, 1_585_699_200.0, 1_609_372_799.0, 1_609_372_800.9, 4_102_444_800.0])
    func printsAsFoundationsFormatterDid(_ seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(InternetTime.string(from: date) == ISO8601DateFormatter().string(from: date))
    }
}
