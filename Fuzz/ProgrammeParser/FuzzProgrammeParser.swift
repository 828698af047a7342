// libFuzzer entry point for the programme file reader: any bytes in, either a programme
// (then checked and laid out by week, as `plan check` and `plan show` would) or an
// InputFileError out. A crash, a hang or a sanitizer report is a finding.
import Foundation
import FuzzerDriver
import StreamReachKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProgrammeParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Data(bytes: data, count: size)
    guard let text = try? InputFileText.decode(bytes, file: "fuzz.yaml") else { return 0 }
    guard let programme = try? ProgrammeLoader.parse(text, file: "fuzz.yaml") else { return 0 }
    _ = ProgrammeChecker().check(programme)
    if programme.series.weeks <= 60 {
        _ = ProgrammeWeekView(programme)
        _ = FreeSlotFinder(programme: programme).freeSlots(week: 1, durationMinutes: 60, kind: nil)
    }
    return 0
}

/// SwiftPM's entry point for this executable: libFuzzer's driver takes over.
@_cdecl("fuzz_programme_parser_main")
public func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in
        guard let data else { return 0 }
        return fuzzProgrammeParser(data, size)
    }
}
