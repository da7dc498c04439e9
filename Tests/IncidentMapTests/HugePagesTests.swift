import Testing
@testable import IncidentMap

@Suite("Huge pages are asked for once, and only where the kernel waits to be asked")
struct HugePagesTests {
    static let madvise = "always [madvise] never\n"

    /// Under `madvise` the tunable is added, after any the user set.
    @Test func addsTheTunableUnderMadvise() {
        #expect(HugePages.tunables(adding: nil, kernelMode: Self.madvise) == "glibc.malloc.hugetlb=1")
        #expect(HugePages.tunables(adding: "", kernelMode: Self.madvise) == "glibc.malloc.hugetlb=1")
        #expect(HugePages.tunables(adding: "glibc.malloc.arena_max=2", kernelMode: Self.madvise)
            == "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1")
    }

    /// A value that names the tunable already (the user's, or this process's after its
    /// restart) means no restart: the process never restarts twice.
    @Test func neverRestartsTwice() {
        #expect(HugePages.tunables(adding: "glibc.malloc.hugetlb=0", kernelMode: Self.madvise) == nil)
        #expect(HugePages.tunables(adding: "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1",
                                   kernelMode: Self.madvise) == nil)
        let once = HugePages.tunables(adding: nil, kernelMode: Self.madvise)
        #expect(HugePages.tunables(adding: once, kernelMode: Self.madvise) == nil)
        // A longer name that starts like the tunable is another tunable.
        #expect(HugePages.tunables(adding: "glibc.malloc.hugetlbx=1", kernelMode: Self.madvise)
            == "glibc.malloc.hugetlbx=1:glibc.malloc.hugetlb=1")
    }

    /// When the kernel gives huge pages to all memory or to none, asking changes nothing.
    @Test func nothingOutsideMadvise() {
        #expect(HugePages.tunables(adding: nil, kernelMode: "[always] madvise never\n") == nil)
        #expect(HugePages.tunables(adding: nil, kernelMode: "always madvise [never]\n") == nil)
        #expect(HugePages.tunables(adding: nil, kernelMode: "") == nil)
    }
}
