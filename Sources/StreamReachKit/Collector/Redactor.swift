/// Removes secrets from anything the tool prints or stores.
///
/// It knows every secret value the sources file resolved, and also blanks the values of
/// query parameters that usually hold one, in case a secret reached a URL some other way.
package struct Redactor: Sendable {
    private let secrets: [String]
    private static let secretParameters: Set<String> = [
        "key", "api_key", "apikey", "access_token", "token", "client_secret", "signature", "sig", "password",
    ]

    package init(secrets: [String]) {
        // Longest first, so a secret that contains another is removed whole. Very short
        // values are skipped: blanking every "a" would make messages unreadable.
        self.secrets = Set(secrets.filter { $0.count >= 4 }).sorted { $0.count > $1.count }
    }

    package func redact(_ text: String) -> String {
        var result = text
        for secret in secrets { result = result.replacingOccurrences(of: secret, with: "…") }
        return redactQueryParameters(result)
    }

    private func redactQueryParameters(_ text: String) -> String {
        // Over bytes: `contains` with a String argument is Foundation's, which bridges the
        // text to CFString to search it (perf: ~90 % of the redactor's time on the transfer
        // thread, for 2,000 answers none of which had a query).
        guard text.utf8.contains(UInt8(ascii: "=")) else { return text }
        var output = ""
        var rest = Substring(text)
        // Walk `name=value` pairs that follow `?` or `&`.
        while let separator = rest.firstIndex(where: { $0 == "?" || $0 == "&" }) {
            output += rest[...separator]
            rest = rest[rest.index(after: separator)...]
            guard let equals = rest.firstIndex(of: "="),
                  rest[..<equals].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
            else { continue }
            let name = rest[..<equals].lowercased()
            output += rest[...equals]
            rest = rest[rest.index(after: equals)...]
            if Self.secretParameters.contains(name) {
                let end = rest.firstIndex(where: { $0 == "&" || $0 == " " || $0 == "#" || $0 == ")" || $0 == "\n" }) ?? rest.endIndex
                output += "…"
                rest = rest[end...]
            }
        }
        return output + rest
    }
}
