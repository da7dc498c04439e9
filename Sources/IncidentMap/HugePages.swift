import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Asks glibc's malloc for transparent huge pages, by starting the process again with the
/// tunable that does it, where the kernel gives huge pages only to memory that asks.
///
/// Why: a large run holds 1.5 GB in millions of small allocations (incidents, their
/// strings, the analysis's arrays) and walks them at random (border searches, DBSCAN,
/// writers). In 4 KiB pages every first touch is a fault, and on a virtual machine whose
/// free memory the host takes back, one in the host as well; the walks miss the TLB.
/// With `glibc.malloc.hugetlb=1` malloc advises its heaps `MADV_HUGEPAGE`, and the main job
/// on a million rows took 23.1-25.7 s against 27.5-34.2 s (35.6-37.3 s of user CPU against
/// 40.4-51.1 s, interleaved runs of `pipeline-bench`), at the same peak memory. glibc reads
/// the tunable only when a process starts, hence the restart; it costs one exec(2).
///
/// Nothing happens when the kernel gives huge pages to all memory or to none (its
/// `transparent_hugepage/enabled` is not `madvise`), when `GLIBC_TUNABLES` already names
/// the tunable (the user's choice, or this process was restarted already), or when
/// `INCIDENTMAP_SMALL_PAGES` is set.
public enum HugePages {
    public static let tunable = "glibc.malloc.hugetlb"
    static let modeFile = "/sys/kernel/mm/transparent_hugepage/enabled"

    /// Restarts this process with huge pages asked for, when that changes anything; returns
    /// (and the process goes on as it is) otherwise, or when the restart fails.
    public static func restartIfUseful(environment: [String: String] = ProcessInfo.processInfo.environment) {
        #if os(Linux)
        guard environment["INCIDENTMAP_SMALL_PAGES"] == nil,
              let mode = try? String(contentsOfFile: modeFile, encoding: .utf8),
              let tunables = tunables(adding: environment["GLIBC_TUNABLES"], kernelMode: mode) else { return }
        setenv("GLIBC_TUNABLES", tunables, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // Still here: the restart failed; go on with small pages.
        unsetenv("GLIBC_TUNABLES")
        if let old = environment["GLIBC_TUNABLES"] { setenv("GLIBC_TUNABLES", old, 1) }
        #endif
    }

    /// The `GLIBC_TUNABLES` value that asks for huge pages given the current one, or nil
    /// when no restart is wanted: the kernel's mode (the `enabled` file's text, the chosen
    /// mode in brackets) is not `madvise`, or the current value names the tunable already.
    static func tunables(adding current: String?, kernelMode: String) -> String? {
        guard kernelMode.contains("[madvise]") else { return nil }
        let settings = (current ?? "").split(separator: ":").filter { !$0.isEmpty }
        guard !settings.contains(where: { $0.split(separator: "=").first.map(String.init) == tunable }) else { return nil }
        return (settings.map(String.init) + ["\(tunable)=1"]).joined(separator: ":")
    }
}
