// Fresh memory (a new typed array, the slots a growable buffer grew by) is written once a page
// before anything reads it. Read first, a fresh page maps the kernel's shared page of zeros, and
// the first write after that must take the mapping back from every core that runs one of this
// process's threads: an interrupt to each, which a virtual machine makes slow, and which, with
// workers busy on the other cores, stops them too. Written first, the page is mapped writable
// at once, and no other core is asked anything.

/** Int32s in a page of memory (4 KiB). */
const INTS_PER_PAGE = 1024;

/**
 * Writes a zero at `from` and at each page's first int after it, before `to`: one in every page
 * the range meets (`a` starts a page, as a large buffer does). The range holds zeros already.
 */
export function touchPages(a: Int32Array, from = 0, to = a.length): void {
  for (let i = from; i < to; i += INTS_PER_PAGE - (i % INTS_PER_PAGE)) a[i] = 0;
}
