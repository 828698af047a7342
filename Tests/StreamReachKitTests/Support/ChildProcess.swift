import Foundation

/// Starts a program with `posix_spawn` and waits for it, for the tests' helpers.
///
/// Written by hand instead of Foundation's `Process`: on Linux with Swift 6.3.1,
/// `Process.run()` now and then crashes. Before it spawns, it lists /proc/self/fd and copies
/// each entry's whole 256-byte name, reading past glibc's buffer when an entry sits at its
/// end (swift-corelibs-foundation PR #5472, merged after 6.3.1). A test process with many
/// descriptors open (servers, sockets, a browser's pipes) hit it: one crash in about eight
/// full runs here.
///
/// Every pipe is made close-on-exec, so a child started at the same moment by another test
/// never inherits the write end of this one's output (its reader would wait forever).
struct ChildProcess {
    enum Output {
        /// A pipe, read by ``readOutput()``/``readError()``.
        case pipe
        /// Standard output's pipe (standard error only).
        case sameAsOutput
        /// A file (created or truncated): for a child that starts a daemon, which keeps
        /// what it inherited open.
        case file(String)
        case null
    }

    let pid: pid_t
    private let output: Int32?
    private let error: Int32?

    /// One spawn at a time in this process: a pipe is made close-on-exec in two steps, and
    /// no other child may be started between them.
    private static let spawning = NSLock()

    init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil, directory: String? = nil,
         input: String? = nil, stdout: Output = .pipe, stderr: Output = .sameAsOutput) throws {
        Self.spawning.lock()
        defer { Self.spawning.unlock() }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var toClose: [Int32] = []
        defer { toClose.forEach { close($0) } }

        posix_spawn_file_actions_addopen(&actions, 0, input ?? "/dev/null", O_RDONLY, 0)
        func connect(_ target: Int32, _ kind: Output) throws -> Int32? {
            switch kind {
            case .pipe:
                var ends: [Int32] = [0, 0]
                guard pipe(&ends) == 0 else { throw ChildProcessError.spawn(errno) }
                for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
                posix_spawn_file_actions_adddup2(&actions, ends[1], target)
                toClose.append(ends[1])
                return ends[0]
            case .sameAsOutput:
                posix_spawn_file_actions_adddup2(&actions, 1, target)
                return nil
            case .file(let path):
                posix_spawn_file_actions_addopen(&actions, target, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
                return nil
            case .null:
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_WRONLY, 0)
                return nil
            }
        }
        output = try connect(1, stdout)
        error = try connect(2, stderr)
        // The child must not keep this process's descriptors: a socket of a PostgreSQL
        // session or of a served connection would stay open in it, and the lock or the
        // connection would outlive its close here. Foundation's Process closes them all in the
        // child; posix_spawn has no portable way to (closefrom is not in Swift's Glibc
        // module, nor is addchdir), so a shell closes every descriptor above 2, changes the
        // folder, and becomes the program.
        // (No redirection around the loop: bash would park standard error on a descriptor
        // the loop then closes. The descriptor the listing itself used is gone: -e skips it.)
        let script = #"cd "$1" || exit 127; shift; for f in /proc/$$/fd/*; do n=${f##*/}; if [ "$n" -gt 2 ] && [ -e "$f" ]; then eval "exec $n>&-"; fi; done; exec "$@""#
        let program = "/bin/bash"
        let words = [program, "-c", script, "bash", directory ?? FileManager.default.currentDirectoryPath, executable] + arguments
        let argv = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let variables = environment ?? ProcessInfo.processInfo.environment
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, program, &actions, nil, argv, envp)
        guard status == 0 else {
            [self.output, self.error].compactMap { $0 }.forEach { close($0) }
            throw ChildProcessError.spawn(status)
        }
        self.pid = pid
    }

    /// Everything the child writes to its output pipe, until it closes it.
    func readOutput() -> Data { output.map(Self.readAll) ?? Data() }

    func readError() -> Data { error.map(Self.readAll) ?? Data() }

    /// What standard error's pipe holds now, waiting for at least one byte (empty at its
    /// end); the pipe stays open for ``readError()``.
    func readSomeError() -> Data {
        guard let error else { return Data() }
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(error, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            return count > 0 ? Data(buffer[0..<count]) : Data()
        }
    }

    /// Its exit status, or 128 + the signal that ended it.
    func wait() -> Int32 { waitWithUsage().status }

    /// Its exit status and the CPU time (user + system) it used: a measure of the command's
    /// own work that, unlike wall time, does not grow when other tests load the machine.
    func waitWithUsage() -> (status: Int32, cpuSeconds: Double) {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        if status & 0x7f == 0 { return ((status >> 8) & 0xff, cpu) }
        return (128 + (status & 0x7f), cpu)
    }

    func signal(_ number: Int32) { kill(pid, number) }

    private static func readAll(_ descriptor: Int32) -> Data {
        defer { close(descriptor) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count > 0 { data.append(contentsOf: buffer[0..<count]); continue }
            if count < 0 && errno == EINTR { continue }
            return data
        }
    }
}

enum ChildProcessError: Error, CustomStringConvertible {
    case spawn(Int32)

    var description: String {
        switch self {
        case .spawn(let code): "could not start the program: \(String(cString: strerror(code)))"
        }
    }
}
