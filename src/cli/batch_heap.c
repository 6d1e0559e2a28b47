/* The heap of a command that allocates a lot at once and then exits (a
 * report's whole model, an import's million rows). Each first touch of a
 * fresh 4 kB page is a page fault, and in the virtual machines the
 * benchmarks run on one costs ~18 us: glibc's defaults (large blocks
 * mmap'd and unmapped on free, the heap trimmed, one arena per thread) made
 * ~10 000 of them in a report (a third of its CPU) and ~75 000 in an
 * import. So for such a command: one arena for all threads, large blocks
 * from the heap and reused, the heap grown in steps of `top_pad` (address
 * space: untouched pages are not resident), and its first step backed by
 * transparent huge pages where the kernel allows it ("madvise": a 2 MB page
 * per fault). Without glibc, or where a call is refused, the defaults stay. */
#include "cli/cli.h"

#include <stdint.h>
#include <stdlib.h>

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

void rt_cli_batch_heap(int mmap_threshold, int trim_threshold, int top_pad)
{
#if defined(__GLIBC__) && defined(M_ARENA_MAX)
	const size_t huge = (size_t)2 << 20;
	mallopt(M_ARENA_MAX, 1);
	mallopt(M_MMAP_THRESHOLD, mmap_threshold);
	mallopt(M_TRIM_THRESHOLD, trim_threshold);
	mallopt(M_TOP_PAD, top_pad);
	char *lo = sbrk(0);
	/* more than the heap has free: grows it by the pad (volatile: a
	 * malloc that is only freed may be left out by the compiler) */
	void *volatile grow = malloc(1 << 20);
	free(grow);
	char *hi = sbrk(0);
	if (lo == (char *)-1 || hi == (char *)-1 || hi <= lo)
		return;
	uintptr_t start = ((uintptr_t)lo + huge - 1) & ~(uintptr_t)(huge - 1);
#ifdef MADV_HUGEPAGE
	if (start < (uintptr_t)hi)
		madvise((void *)start, (size_t)((uintptr_t)hi - start), MADV_HUGEPAGE);
#endif
#else
	(void)mmap_threshold;
	(void)trim_threshold;
	(void)top_pad;
#endif
}
