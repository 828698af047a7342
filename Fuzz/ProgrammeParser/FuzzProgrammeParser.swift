// libFuzzer entry point for the programme file reader: any bytes in, either a programme
// (then checked and laid out by week, as `plan check` and `plan show` would) or an
// InputFileError out. A crash, a hang or a sanitizer report is a finding.
import Foundation
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

/// SwiftPM links an executable's `main` to `<module>_main`; here that hands over to
/// libFuzzer's driver (LLVMFuzzerRunDriver), which parses the usual libFuzzer flags.
@_cdecl("fuzz_programme_parser_main")
public func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzzProgrammeParser(data, size)
    }
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32
