/** Options for the GOV.UK pagination partial, keeping the other query parameters (filters) in each link. */
export function paginationParams(basePath: string, query: Record<string, unknown>, page: number, pageCount: number) {
  if (pageCount <= 1) return undefined
  const href = (target: number) => {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query)) {
      if (key !== 'page' && value !== undefined && value !== '') params.set(key, String(value))
    }
    params.set('page', String(target))
    return `${basePath}?${params.toString()}`
  }
  const items = Array.from({ length: pageCount }, (_, index) => index + 1)
    .filter((number) => number === 1 || number === pageCount || Math.abs(number - page) <= 2)
    .flatMap((number, index, shown) => {
      const gap = index > 0 && number - shown[index - 1] > 1 ? [{ ellipsis: true }] : []
      return [...gap, { number, href: href(number), current: number === page }]
    })
  return {
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pageCount ? { href: href(page + 1) } : undefined,
    items,
  }
}

/** One page of rows already in memory: the requested page when it exists, else the nearest one (a huge or odd page number is not an error). */
export function pageOf<T>(rows: T[], requestedPage: unknown, pageSize: number): { page: number; pageCount: number; first: number; rows: T[] } {
  const pageCount = Math.max(1, Math.ceil(rows.length / pageSize))
  const asked = Number(requestedPage)
  const page = Number.isInteger(asked) ? Math.min(Math.max(asked, 1), pageCount) : 1
  return { page, pageCount, first: (page - 1) * pageSize + 1, rows: rows.slice((page - 1) * pageSize, page * pageSize) }
}
