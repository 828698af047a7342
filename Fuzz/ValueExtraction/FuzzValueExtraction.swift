// libFuzzer entry point for reading counts out of platform responses: the bytes are a
// response body, given to every preset's interpreter (plain and batched) and to the JSON
// Pointer reader. A crash or a sanitizer report is a finding.
import Foundation
import FuzzerDriver
import StreamReachKit

private let sources: [SourceSpec] = {
    let text = """
        sources:
          youtube: {platform: youtube, api-key: fuzz-key}
          twitch: {platform: twitch, client-id: fuzz-id, access-token: fuzz-token}
          facebook: {platform: facebook, access-token: fuzz-token}
          vimeo: {platform: vimeo, access-token: fuzz-token}
          peertube: {platform: peertube, base-url: "http://127.0.0.1"}
          owncast: {platform: owncast, base-url: "http://127.0.0.1"}
        """
    return (try? SourcesConfigLoader.parse(text, file: "fuzz", environment: [:]))?.sources.values.map { $0 } ?? []
}()

private let pointers = ["", "/views", "/items/0/statistics/viewCount", "/data/0/values/0/value", "/a~1b/~0c", "/0"].compactMap(JSONPointer.init)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzValueExtraction(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let body = Array(UnsafeBufferPointer(start: data, count: size))
    let now = Date(timeIntervalSince1970: 1_585_000_000)
    for status in [200, 403, 429] {
        let response = HTTPResponse(status: status, headers: ["content-type": "application/json", "retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"], body: body)
        for source in sources {
            _ = ResponseInterpreter(source: source).interpret(.response(response), ids: ["krauJecXeGS", "fruchthalle_kl", "1001"], now: now)
        }
    }
    if let document = try? JSONDocument(parsing: Array(body)) {
        for pointer in pointers {
            _ = ViewCountReading.read(document[pointer], at: pointer)
            _ = document.list(at: pointer)
        }
    }
    if let text = String(validating: body, as: UTF8.self) {
        _ = JSONPointer(text)
        _ = Redactor(secrets: ["fuzz-key"]).redact(text)
    }
    return 0
}

/// SwiftPM's entry point for this executable: libFuzzer's driver takes over.
@_cdecl("fuzz_value_extraction_main")
public func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in
        guard let data else { return 0 }
        return fuzzValueExtraction(data, size)
    }
}
