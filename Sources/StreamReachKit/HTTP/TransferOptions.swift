/// Limits and safety settings for every transfer of a run.
package struct TransferOptions: Sendable {
    /// Transfers in flight at once.
    package var concurrency = 16
    /// Connections per host (libcurl's CURLMOPT_MAX_HOST_CONNECTIONS).
    package var connectionsPerHost = 8
    package var connectTimeoutMilliseconds = 10_000
    /// Whole transfer, from start to last byte.
    package var timeoutMilliseconds = 30_000
    /// Abort a transfer slower than `lowSpeedBytesPerSecond` for `lowSpeedSeconds`.
    package var lowSpeedBytesPerSecond = 100
    package var lowSpeedSeconds = 15
    package var maxRedirects = 3
    /// Largest body accepted; larger ones are cut off and reported.
    package var maxBodyBytes = 4 << 20
    /// A CA bundle to verify TLS peers with, instead of the system's. Verification itself
    /// cannot be switched off.
    package var caFile: String?
    package var userAgent = "streamreach/\(StreamReachVersion.current) (+livestream reach reports)"

    package init() {}
}
