import Foundation
internal import CCurl

/// Owns one libcurl easy handle for one transfer, and the buffers it writes into.
///
/// Not Sendable: it lives and dies on the transfer engine's thread.
final class CurlEasyHandle {
    let raw: UnsafeMutableRawPointer
    private let headerList: CurlHeaderList
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    private let maxBodyBytes: Int
    private(set) var body: [UInt8] = []
    private(set) var headers: [String: String] = [:]
    /// Set when the write callback refused data because the body passed the cap.
    private(set) var bodyTooLarge = false

    init(request: HTTPRequest, options: TransferOptions) throws {
        try CurlGlobal.ensure()
        guard let raw = curl_easy_init() else {
            throw CurlError(operation: "curl_easy_init", code: -1, message: "could not create a handle")
        }
        self.raw = raw
        maxBodyBytes = options.maxBodyBytes
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        do {
            headerList = try CurlHeaderList(request.headers)
        } catch {
            curl_easy_cleanup(raw)
            errorBuffer.deallocate()
            throw error
        }
        try configure(request: request, options: options)
    }

    deinit {
        curl_easy_cleanup(raw)
        errorBuffer.deallocate()
    }

    private func configure(request: HTTPRequest, options: TransferOptions) throws {
        let context = Unmanaged.passUnretained(self).toOpaque()
        try set(CURLOPT_URL, request.url)
        // Only http and https, on the first request and on every redirect.
        try set(CURLOPT_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_FOLLOWLOCATION, options.maxRedirects > 0 ? 1 : 0)
        try set(CURLOPT_MAXREDIRS, options.maxRedirects)
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile = options.caFile { try set(CURLOPT_CAINFO, caFile) }
        // Empty string: advertise every encoding this libcurl decodes (gzip, br, zstd).
        try set(CURLOPT_ACCEPT_ENCODING, "")
        try set(CURLOPT_USERAGENT, options.userAgent)
        try set(CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeoutMilliseconds)
        try set(CURLOPT_TIMEOUT_MS, options.timeoutMilliseconds)
        try set(CURLOPT_LOW_SPEED_LIMIT, options.lowSpeedBytesPerSecond)
        try set(CURLOPT_LOW_SPEED_TIME, options.lowSpeedSeconds)
        // Signals are not safe with several threads; timeouts then use the threaded resolver.
        try set(CURLOPT_NOSIGNAL, 1)
        try CurlError.check(sr_easy_setopt_off_t(raw, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxBodyBytes)), "CURLOPT_MAXFILESIZE_LARGE")
        try CurlError.check(sr_easy_setopt_slist(raw, CURLOPT_HTTPHEADER, headerList.raw), "CURLOPT_HTTPHEADER")
        try CurlError.check(sr_easy_setopt_pointer(raw, CURLOPT_ERRORBUFFER, errorBuffer), "CURLOPT_ERRORBUFFER")
        try CurlError.check(sr_easy_setopt_data_callback(raw, CURLOPT_WRITEFUNCTION, curlWriteCallback), "CURLOPT_WRITEFUNCTION")
        try CurlError.check(sr_easy_setopt_pointer(raw, CURLOPT_WRITEDATA, context), "CURLOPT_WRITEDATA")
        try CurlError.check(sr_easy_setopt_data_callback(raw, CURLOPT_HEADERFUNCTION, curlHeaderCallback), "CURLOPT_HEADERFUNCTION")
        try CurlError.check(sr_easy_setopt_pointer(raw, CURLOPT_HEADERDATA, context), "CURLOPT_HEADERDATA")
    }

    private func set(_ option: CURLoption, _ value: Int) throws {
        try CurlError.check(sr_easy_setopt_long(raw, option, value), "curl_easy_setopt(\(option.rawValue))")
    }

    private func set(_ option: CURLoption, _ value: String) throws {
        try CurlError.check(sr_easy_setopt_string(raw, option, value), "curl_easy_setopt(\(option.rawValue))")
    }

    var bodyLimitDescription: String {
        maxBodyBytes >= 1 << 20 ? "\(maxBodyBytes >> 20) MiB" : "\(maxBodyBytes) bytes"
    }

    var responseCode: Int {
        var code = 0
        _ = sr_easy_getinfo_long(raw, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    /// libcurl's detailed message for the last failure, or its generic text for `code`.
    func failureMessage(_ code: CURLcode) -> String {
        let detail = String(cString: errorBuffer)
        return detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    }

    fileprivate func receive(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard body.count + bytes.count <= maxBodyBytes else {
            bodyTooLarge = true
            return 0 // tells libcurl to abort with CURLE_WRITE_ERROR
        }
        body.append(contentsOf: bytes)
        return bytes.count
    }

    fileprivate func receiveHeader(_ bytes: UnsafeRawBufferPointer) -> Int {
        // Bytes first, Strings only for the name and value: this runs for every header line
        // of every response, and whole-line String work showed up in collection profiles.
        let line = bytes.bindMemory(to: UInt8.self)
        if line.starts(with: Array("HTTP/".utf8)) {
            // A new response in a redirect chain: only the last one's headers count.
            headers = [:]
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
            var valueStart = colon + 1
            var valueEnd = line.endIndex
            while valueStart < valueEnd, isSpace(line[valueStart]) { valueStart += 1 }
            while valueEnd > valueStart, isSpace(line[valueEnd - 1]) { valueEnd -= 1 }
            let name = String(decoding: UnsafeBufferPointer(rebasing: line[..<colon]), as: UTF8.self).lowercased()
            headers[name] = String(decoding: UnsafeBufferPointer(rebasing: line[valueStart..<valueEnd]), as: UTF8.self)
        }
        return bytes.count
    }
}

@available(*, unavailable)
extension CurlEasyHandle: Sendable {}

private func curlWriteCallback(data: UnsafeMutablePointer<CChar>, size: Int, count: Int, context: UnsafeMutableRawPointer?) -> Int {
    guard let context else { return 0 }
    let handle = Unmanaged<CurlEasyHandle>.fromOpaque(context).takeUnretainedValue()
    return handle.receive(UnsafeRawBufferPointer(start: data, count: size * count))
}

private func curlHeaderCallback(data: UnsafeMutablePointer<CChar>, size: Int, count: Int, context: UnsafeMutableRawPointer?) -> Int {
    guard let context else { return 0 }
    let handle = Unmanaged<CurlEasyHandle>.fromOpaque(context).takeUnretainedValue()
    return handle.receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
}
