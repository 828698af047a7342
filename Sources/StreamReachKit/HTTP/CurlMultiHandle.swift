internal import CCurl

/// Owns the one libcurl multi handle of a run: every transfer goes through it, so
/// connections to a platform are reused across all of that platform's requests.
final class CurlMultiHandle {
    private let raw: UnsafeMutableRawPointer

    init(options: TransferOptions) throws {
        try CurlGlobal.ensure()
        guard let raw = curl_multi_init() else {
            throw CurlError(operation: "curl_multi_init", code: -1, message: "could not create a multi handle")
        }
        self.raw = raw
        do {
            try CurlError.check(sr_multi_setopt_long(raw, CURLMOPT_MAX_HOST_CONNECTIONS, options.connectionsPerHost), "CURLMOPT_MAX_HOST_CONNECTIONS")
            try CurlError.check(sr_multi_setopt_long(raw, CURLMOPT_MAX_TOTAL_CONNECTIONS, options.concurrency), "CURLMOPT_MAX_TOTAL_CONNECTIONS")
            try CurlError.check(sr_multi_setopt_long(raw, CURLMOPT_MAXCONNECTS, options.concurrency), "CURLMOPT_MAXCONNECTS")
        } catch {
            curl_multi_cleanup(raw)
            throw error
        }
    }

    deinit { curl_multi_cleanup(raw) }

    func add(_ easy: CurlEasyHandle) throws {
        try CurlError.check(curl_multi_add_handle(raw, easy.raw), "curl_multi_add_handle")
    }

    func remove(_ easy: CurlEasyHandle) throws {
        try CurlError.check(curl_multi_remove_handle(raw, easy.raw), "curl_multi_remove_handle")
    }

    /// Moves every transfer forward as far as it can go without waiting.
    func perform() throws {
        var running: Int32 = 0
        try CurlError.check(curl_multi_perform(raw, &running), "curl_multi_perform")
    }

    /// Waits until a socket is ready or `milliseconds` pass. Blocks: call on the engine's thread only.
    func poll(milliseconds: Int) throws {
        try CurlError.check(curl_multi_poll(raw, nil, 0, Int32(clamping: milliseconds), nil), "curl_multi_poll")
    }

    /// Transfers that finished since the last call: the easy handle and its result.
    func finished() -> [(easy: UnsafeMutableRawPointer, result: CURLcode)] {
        var done: [(UnsafeMutableRawPointer, CURLcode)] = []
        var queued: Int32 = 0
        while let message = curl_multi_info_read(raw, &queued) {
            if message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle {
                done.append((easy, message.pointee.data.result))
            }
        }
        return done
    }
}

@available(*, unavailable)
extension CurlMultiHandle: Sendable {}
