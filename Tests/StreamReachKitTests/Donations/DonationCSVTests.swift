import Testing
@testable import StreamReachKit

/// Statements as files: checked row by row, repeats numbered, nothing half-read.
@Suite struct DonationCSVTests {
    @Test func aGermanStatementIsReadWithItsRepeatsNumbered() throws {
        let csv = "\u{FEFF}Date;Amount;Reference;Event;Source\r\n2020-03-24;10,00;Spende;;Konto\r\n2020-03-24;10,00;Spende;;Konto\r\n"
            + "2020-03-25;1.250,50;Spende B;b;Konto\r\n"
        let donations = try DonationCSV.parse(csv, file: "s.csv", programme: DonationTestProgramme.make())
        #expect(donations.map(\.occurrence) == [1, 2, 1])
        #expect(donations.map(\.amount) == [1000, 1000, 125_050])
        #expect(donations.map(\.currency) == ["EUR", "EUR", "EUR"], "the programme's currency")
        #expect(donations.map(\.event) == [nil, nil, "b"])
    }

    @Test func everyBadRowIsNamedByLineAndNothingIsReturned() throws {
        let csv = "date,amount,currency,event,source\n2020-03-24,5,EUR,,a\n2020-13-01,5,EUR,,a\n2020-03-24,1.234,EUR,,a\n"
            + "2020-03-24,5,EURO,,a\n2020-03-24,5,EUR,zz,a\n2020-03-24,0,EUR,,a\n2020-03-24,5,EUR,,\n"
        let error = try #require(throws: InputFileError.self) { try DonationCSV.parse(csv, file: "s.csv", programme: DonationTestProgramme.make()) }
        let text = error.localizedDescription
        for (line, words) in [(3, "not a date"), (4, "ambiguous"), (5, "three-letter"), (6, "unknown event `zz`"), (7, "is 0"), (8, "where the entry comes from")] {
            #expect(text.contains("s.csv:\(line):1: ") && text.contains(words), "line \(line): \(words)\n\(text)")
        }
        #expect(!text.contains("s.csv:2:"))
    }

    @Test func aHeaderWithoutTheNeededColumnsSaysWhichAreMissing() throws {
        let error = try #require(throws: InputFileError.self) {
            try DonationCSV.parse("date,value\n2020-03-24,5\n", file: "s.csv", programme: DonationTestProgramme.make())
        }
        #expect(error.localizedDescription.contains("missing: amount, source"))
    }
}
