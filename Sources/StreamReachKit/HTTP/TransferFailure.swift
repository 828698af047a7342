/// A transfer that produced no HTTP response, with libcurl's own words for why.
package struct TransferFailure: Error, Sendable, Hashable {
    package enum Kind: String, Sendable {
        case dnsFailure = "dns"
        case connectFailure = "connect"
        case timeout
        case tooSlow = "too-slow"
        case connectionClosed = "connection-closed"
        case bodyTooLarge = "body-too-large"
        case tooManyRedirects = "too-many-redirects"
        case protocolNotAllowed = "protocol-not-allowed"
        case badContentEncoding = "bad-content-encoding"
        case tls
        case deadline
        case other

        /// Worth another try later in the run: the network or the server may recover.
        package var isTransient: Bool {
            switch self {
            case .dnsFailure, .connectFailure, .timeout, .tooSlow, .connectionClosed, .other: return true
            case .bodyTooLarge, .tooManyRedirects, .protocolNotAllowed, .badContentEncoding, .tls, .deadline: return false
            }
        }
    }

    package let kind: Kind
    /// libcurl's CURLcode, or 0 when the failure is ours (deadline).
    package let curlCode: Int
    package let message: String

    package init(kind: Kind, curlCode: Int, message: String) {
        self.kind = kind
        self.curlCode = curlCode
        self.message = message
    }
}
