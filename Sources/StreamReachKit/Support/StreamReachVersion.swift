/// The version `--version` prints and the collector's User-Agent names.
package enum StreamReachVersion {
    package static let current = "0.1.0"
}
