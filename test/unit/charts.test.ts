import { expect } from 'chai'
import { chartForPage, chartSvg } from '../../server/reports/charts'

const spec = {
  kind: 'bar' as const,
  horizontal: true,
  title: 'Share rated "Fully met" <per standard>',
  categories: ['S1 Leadership <script>alert(1)</script>', 'S2 Safer & recruitment'],
  series: [
    { name: '2024/25', values: [40, 55] },
    { name: '2025/26', values: [62, null] },
  ],
  valueAxis: { unit: '%', min: 0, max: 100 },
}

describe('charts drawn on the server with ECharts', () => {
  it('draws each value as a labelled bar and each series in the legend, with every text escaped', () => {
    const svg = chartSvg(spec)
    expect(svg).to.match(/^<svg width="800" height="\d+"/)
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1])
    expect(texts).to.include.members(['40%', '55%', '62%', '2024/25', '2025/26', 'S1 Leadership &lt;script&gt;alert(1)&lt;/script&gt;', 'S2 Safer &amp; recruitment'])
    expect(texts.filter((text) => text === '62%')).to.have.length(1)
    expect(svg).not.to.contain('<script>')
  })

  it('fits a page under a Content Security Policy without inline styles: a named picture that scales', () => {
    const svg = chartForPage(spec)
    expect(svg).to.match(/^<svg class="app-chart" role="img" aria-label="Share rated &quot;Fully met&quot; &lt;per standard>" focusable="false"/)
    expect(svg).not.to.match(/ style="/)
    expect(svg).not.to.contain('<style')
    expect(svg).to.contain('font-size="12px"')
    expect(svg).to.match(/viewBox="0 0 800 \d+"/)
  })

  it('makes room for a legend that wraps onto several rows', () => {
    const many = { ...spec, series: Array.from({ length: 12 }, (_, index) => ({ name: `Education (school, college or early years) ${index}`, values: [index, index] })) }
    const heightOf = (svg: string) => Number(/height="(\d+)"/.exec(svg)![1])
    expect(heightOf(chartSvg(many))).to.be.greaterThan(heightOf(chartSvg(spec)) + 100)
  })
})
