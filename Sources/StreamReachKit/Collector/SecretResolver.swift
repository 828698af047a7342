import Foundation

/// Turns `${ENV_VAR}` and `file:/path` in a sources file into secret values, remembering
/// each one so that ``Redactor`` can keep it out of every output.
struct SecretResolver {
    let reader: YAMLReader
    let environment: [String: String]
    private(set) var values: [String] = []

    init(reader: YAMLReader, environment: [String: String]) {
        self.reader = reader
        self.environment = environment
    }

    /// A whole value: `file:/path`, `${VAR}`, or a literal (still treated as secret).
    mutating func resolve(_ raw: String, at location: SourceLocation) -> String? {
        if raw.hasPrefix("file:") {
            // The path may use ${HOME} and the like; those parts are not secret.
            guard let path = expand(String(raw.dropFirst("file:".count)), at: location, secret: false) else { return nil }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                reader.report(location, "cannot read the secret file \(path); check that it exists and is readable")
                return nil
            }
            let secret = text.trimmingCharacters(in: .whitespacesAndNewlines)
            values.append(secret)
            return secret
        }
        return expand(raw, at: location).map { value in
            values.append(value)
            return value
        }
    }

    /// Replaces every `${VAR}` inside a string; the substituted values count as secrets.
    mutating func expand(_ raw: String, at location: SourceLocation, secret: Bool = true) -> String? {
        var result = ""
        var rest = Substring(raw)
        while let open = rest.range(of: "${") {
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                reader.report(location, "`${` without a closing `}`")
                return nil
            }
            let name = String(rest[open.upperBound..<close])
            guard let value = environment[name], !value.isEmpty else {
                reader.report(location, "environment variable \(name) is not set; export it (cron: set it in the crontab or a file: secret)")
                return nil
            }
            if secret { values.append(value) }
            result += rest[..<open.lowerBound] + value
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
