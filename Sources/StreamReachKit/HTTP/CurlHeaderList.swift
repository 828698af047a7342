internal import CCurl

/// Owns a `curl_slist` of request headers; libcurl reads it until the transfer ends.
final class CurlHeaderList {
    private(set) var raw: UnsafeMutablePointer<curl_slist>?

    init(_ headers: [HTTPHeader]) throws {
        for header in headers {
            guard let appended = curl_slist_append(raw, "\(header.name): \(header.value)") else {
                curl_slist_free_all(raw)
                throw CurlError(operation: "curl_slist_append", code: -1, message: "out of memory")
            }
            raw = appended
        }
    }

    deinit { curl_slist_free_all(raw) }
}

@available(*, unavailable)
extension CurlHeaderList: Sendable {}
