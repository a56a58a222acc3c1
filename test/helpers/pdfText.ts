/** The text of each page of a PDF, as PDF.js reads it: what a reader of the document sees. */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise
  const pages: string[] = []
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent()
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '))
  }
  await document.destroy()
  return pages
}

/** Where each piece of text sits on its page, in points from the page's bottom left corner: for checking nothing runs off a page. */
export async function pdfTextBoxes(pdf: Buffer): Promise<{ page: number; pageWidth: number; pageHeight: number; text: string; left: number; right: number; baseline: number }[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise
  const boxes = []
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number)
    const [, , pageWidth, pageHeight] = page.view
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item) || !item.str.trim()) continue
      const [, , , , x, y] = item.transform as number[]
      boxes.push({ page: number, pageWidth, pageHeight, text: item.str, left: x, right: x + item.width, baseline: y })
    }
  }
  await document.destroy()
  return boxes
}
