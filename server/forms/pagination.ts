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
