import Foundation

/// What a platform's JSON said about one stream's count.
package enum ViewCountReading: Sendable, Equatable {
    case count(Int64)
    /// The platform says there is no count now (offline, omitted, null): not an error, not zero.
    case absent(String)
    /// Something is there, but not a usable count.
    case invalid(String)

    /// Reads the value at `pointer`: numbers, numeric strings (YouTube sends `"123456"`),
    /// null or missing as absent; negative, fractional, huge or non-numeric as invalid.
    /// `value` is what the document holds at `pointer`, nil when the path does not exist.
    package static func read(_ value: JSONValue?, at pointer: JSONPointer) -> ViewCountReading {
        guard let value else { return .absent("no value at \(pointer)") }
        switch value {
        case .null:
            return .absent("\(pointer) is null")
        case .integer(let number):
            return number >= 0 ? .count(number) : .invalid("\(pointer) is negative (\(number))")
        case .number(let number):
            if number < 0 { return .invalid("\(pointer) is negative (\(number))") }
            if number >= 9.2e18 { return .invalid("\(pointer) is larger than a 64-bit count") }
            if number.rounded() != number { return .invalid("\(pointer) is not a whole number (\(number))") }
            return .count(Int64(number))
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let number = Int64(trimmed) {
                return number >= 0 ? .count(number) : .invalid("\(pointer) is negative (\(number))")
            }
            if !trimmed.isEmpty, trimmed.allSatisfy(\.isASCII), trimmed.allSatisfy(\.isNumber) {
                return .invalid("\(pointer) is larger than a 64-bit count")
            }
            return .invalid("\(pointer) is not a number: \(value.kindName)")
        default:
            return .invalid("\(pointer) is not a number: \(value.kindName)")
        }
    }
}
