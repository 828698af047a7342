import NIOCore

/// Rows in PostgreSQL's COPY text format: tab between fields, newline after a row, `\N`
/// for NULL, backslash escapes in text.
///
/// Written here because PostgresNIO streams COPY data but leaves its encoding to the
/// caller; numbers are written digit by digit, since a `String` per number was most of the
/// cost of encoding ten million rows.
struct CopyTextBuffer {
    private(set) var buffer: ByteBuffer
    private(set) var rows = 0
    private var fieldsInRow = 0

    init(capacity: Int = 1 << 16) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    var isEmpty: Bool { rows == 0 }
    var byteCount: Int { buffer.readableBytes }

    mutating func add(_ value: Int64?) {
        separate()
        guard let value else { return writeNull() }
        if value < 0 { buffer.writeInteger(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var count = 0
            repeat {
                digits[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(digits)[(20 - count)...]))
        }
    }

    mutating func add(_ value: Int) { add(Int64(value)) }
    mutating func add(_ value: Int32) { add(Int64(value)) }

    mutating func add(_ text: String?) {
        separate()
        guard let text else { return writeNull() }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }

    mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        rows += 1
        fieldsInRow = 0
    }

    /// Hands the rows over and starts empty.
    mutating func take() -> ByteBuffer {
        defer {
            buffer = ByteBufferAllocator().buffer(capacity: buffer.capacity)
            rows = 0
        }
        return buffer
    }

    private mutating func separate() {
        if fieldsInRow > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
        fieldsInRow += 1
    }

    private mutating func writeNull() { buffer.writeStaticString("\\N") }
}
