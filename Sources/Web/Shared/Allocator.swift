/// The two settings of glibc's allocator the service uses (`<malloc.h>` is not in the Glibc module, hence the
/// declarations by symbol name); nothing elsewhere.
public enum Allocator {
    /// Two arenas instead of glibc's eight per core: a whole-edition build on a Dispatch thread left its freed megabytes
    /// in an arena the event loops never reuse. The loops and the builds still rarely wait for each other's lock
    /// (bench-web unchanged), and the peak memory of bench-scale's servers drops by 3–4 MB (see the README). Called by
    /// `serve` at its start.
    public static func limitArenas() {
        #if os(Linux)
        _ = glibcMallopt(-8 /* M_ARENA_MAX */, 2)
        #endif
    }

    /// Gives back to the system the pages a whole-edition build allocated and freed (its intermediate arrays, the ballots
    /// read, the former value): glibc keeps them otherwise, and the next build's peak comes on top of them. About a
    /// millisecond, once per build.
    static func releaseFreedMemory() {
        #if os(Linux)
        _ = glibcMallocTrim(0)
        #endif
    }
}

#if os(Linux)
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32

@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
