import Testing
@testable import StreamReachKit

/// Amounts as German and English statements write them, in cents; the ambiguous refused.
@Suite struct MoneyTextTests {
    @Test(arguments: [
        ("25", 2500), ("25.5", 2550), ("25,50", 2550), ("0,99", 99), ("-10,00", -1000), ("+7", 700),
        ("1.234,56", 123_456), ("1,234.56", 123_456), ("1.000.000", 100_000_000), ("1,000,000.05", 100_000_005),
        (" 12,00 ", 1200),
    ] as [(String, Int64)])
    func readsWrittenAmounts(_ text: String, _ cents: Int64) {
        #expect(MoneyText.cents(text) == cents, "\(text)")
    }

    @Test(arguments: ["", "-", "1.234", "1,234", "1.2345", "12,34,56", "1.23.45", "1,234,56", ",5", "1.234.56,7,8", "€5", "5 EUR", "1e3",
                      "1..0", "1.234,5.6", "12345678901234"])
    func refusesWhatIsNotAnAmount(_ text: String) {
        #expect(MoneyText.cents(text) == nil, "\(text)")
    }

    @Test func saysWhyAnAmountIsAmbiguous() {
        #expect(MoneyText.problem("1.234").contains("ambiguous"))
        #expect(MoneyText.problem("1.234").contains("1234,00"))
        #expect(!MoneyText.problem("abc").contains("ambiguous"))
    }

    @Test func printsAmountsLikeEveryOtherNumber() {
        #expect(MoneyText.text(123_456) == "1,234.56")
        #expect(MoneyText.text(5) == "0.05")
        #expect(MoneyText.text(-1000, "EUR") == "-10.00 EUR")
        #expect(MoneyText.currency(" eur") == "EUR")
        #expect(MoneyText.currency("EURO") == nil)
    }
}
