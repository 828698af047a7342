@testable import StreamReachKit

/// Three concerts: two with performers (one shared), one without any; payout by `rule`.
enum DonationTestProgramme {
    static func make(payout: String = "by-event") throws -> Programme {
        try ProgrammeLoader.parse("""
            series: {id: gifts, title: Gifts, time-zone: Europe/Berlin, first-day: 2020-03-24, weeks: 2}
            stages: [{id: hall}]
            channels: [{id: yt, platform: youtube}]
            donations: {currency: EUR, payout: \(payout)}
            events:
              - {id: a, title: A, kind: concert, start: "2020-03-24 17:00", performers: [Ana, Ben], streams: {yt: "v1"}}
              - {id: b, title: B, kind: concert, start: "2020-03-25 17:00", performers: [ben, Cleo], streams: {yt: "v2"}}
              - {id: c, title: C, kind: talk, start: "2020-03-26 17:00", streams: {yt: "v3"}}
              - {id: d, title: D, kind: concert, start: "2020-04-02 17:00", performers: [Dora], streams: {yt: "v4"}}
            """, file: "gifts.yaml")
    }

    static func gift(_ cents: Int64, on day: String, for event: String? = nil, currency: String = "EUR") -> Donation {
        Donation(date: LocalDate(iso: day)!, amount: cents, currency: currency, reference: "Spende", event: event, source: "statement")
    }
}
