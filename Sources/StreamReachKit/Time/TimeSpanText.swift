/// Parses the time spans, sizes and rates of the sources file's settings.
package enum TimeSpanText {
    /// `500ms`, `10s`, `15m`, `1h` → milliseconds.
    package static func milliseconds(_ text: String) -> Int? {
        let units: [(String, Int)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count)
            if let value = Double(number), value >= 0, value < 1e9 { return Int(value * Double(factor)) }
        }
        return nil
    }
}

package enum ByteSizeText {
    /// `512KiB`, `4MiB`, `1000` (bytes) → bytes.
    package static func bytes(_ text: String) -> Int? {
        let units: [(String, Int)] = [("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("KB", 1000), ("MB", 1_000_000)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            if let value = Int(text.dropLast(suffix.count)), value > 0 { return value * factor }
            return nil
        }
        return Int(text).flatMap { $0 > 0 ? $0 : nil }
    }
}

package enum RateText {
    /// `5/s`, `100/min`, `3600/h` → requests per second.
    package static func perSecond(_ text: String) -> Double? {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let count = Double(parts[0]), count > 0 else { return nil }
        switch parts[1] {
        case "s": return count
        case "min", "m": return count / 60
        case "h": return count / 3600
        default: return nil
        }
    }
}
