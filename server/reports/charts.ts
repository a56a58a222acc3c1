import * as echarts from 'echarts'
import PDFDocument from 'pdfkit'
import { FONTS, Pdf } from './pdf'

let measurer: Pdf | undefined

/**
 * ECharts lays out labels and legends by measuring text; on the server it has no canvas, so it
 * measures with the fonts our PDFs draw with (the widest we use), and nothing overlaps in either.
 */
function measureText(text: string, font = '12px sans-serif'): { width: number } {
  measurer ??= new PDFDocument({ autoFirstPage: false })
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 12)
  return { width: measurer.font(/\bbold\b/.test(font) ? FONTS.bold : FONTS.regular).fontSize(size).widthOfString(text) }
}
echarts.setPlatformAPI({ measureText })

/** GOV.UK colours with at least 3:1 contrast against white, for the marks of a chart (WCAG 1.4.11). */
export const SERIES_COLOURS = ['#1d70b8', '#f47738', '#00703c', '#912b88', '#d4351c', '#28a197', '#505a5f', '#b58840', '#003078', '#5694ca']

export interface ChartSeries {
  name: string
  values: (number | null)[]
  colour?: string
  /** Writes each value beside its point on a line chart (bars always show theirs), so a few readings can be read off the picture. */
  labelled?: boolean
}

export interface ChartSpec {
  kind: 'bar' | 'line'
  /** One label per category: the standards of a bar chart, the cycles of a trend. */
  categories: string[]
  series: ChartSeries[]
  /** Says what the chart shows; the accessible name of the picture. */
  title: string
  /** Bars run across the page with the categories down the side (long labels stay readable). */
  horizontal?: boolean
  /** The value axis: a unit appended to its labels and an optional fixed range. */
  valueAxis?: { unit?: string; min?: number; max?: number }
  width?: number
  height?: number
}

const FONT = 'Arial, Helvetica, sans-serif'

/** How far down the plot starts, leaving room for the legend's rows (ECharts wraps a long legend). */
function legendHeight(spec: ChartSpec, width: number): number {
  const legendWidth = spec.series.reduce((sum, series) => sum + series.name.length * 7 + 40, 0)
  return 16 + Math.ceil(legendWidth / (width - 40)) * 24
}

function optionOf(spec: ChartSpec, width: number): echarts.EChartsCoreOption {
  const unit = spec.valueAxis?.unit ?? ''
  const valueAxis = { type: 'value', min: spec.valueAxis?.min, max: spec.valueAxis?.max, axisLabel: { formatter: `{value}${unit}`, color: '#0b0c0c', fontFamily: FONT } }
  // Across the page, the category labels take the room they need, up to 45% of the width; longer ones are shortened with an ellipsis.
  const labelWidth = Math.min(0.45 * width, Math.max(0, ...spec.categories.map((category) => measureText(category).width)) + 4)
  const categoryAxis = { type: 'category', data: spec.categories, inverse: spec.horizontal, axisLabel: { color: '#0b0c0c', fontFamily: FONT, width: spec.horizontal ? labelWidth : undefined, overflow: 'truncate', interval: 0 } }
  return {
    animation: false,
    textStyle: { fontFamily: FONT, color: '#0b0c0c' },
    legend: { top: 0, textStyle: { color: '#0b0c0c', fontFamily: FONT } },
    grid: { left: 16, right: 40, top: legendHeight(spec, width), bottom: 8, containLabel: true },
    xAxis: spec.horizontal ? valueAxis : categoryAxis,
    yAxis: spec.horizontal ? categoryAxis : valueAxis,
    series: spec.series.map((series, index) => ({
      type: spec.kind,
      name: series.name,
      data: series.values,
      color: series.colour ?? SERIES_COLOURS[index % SERIES_COLOURS.length],
      connectNulls: false,
      symbolSize: 7,
      lineStyle: { width: 3 },
      label: spec.kind === 'bar' || series.labelled ? { show: true, position: spec.horizontal ? 'right' : 'top', formatter: `{c}${unit}`, color: '#0b0c0c', fontFamily: FONT, fontSize: 11 } : undefined,
    })),
  }
}

/** Drawn charts by their spec: drawing takes ECharts tens of milliseconds, and the same numbers are viewed again and again. */
const drawn = new Map<string, string>()
const MOST_REMEMBERED = 200

/** The chart as an SVG document drawn by ECharts on the server (for a PDF or a file). */
export function chartSvg(spec: ChartSpec): string {
  const key = JSON.stringify(spec)
  const remembered = drawn.get(key)
  if (remembered !== undefined) return remembered
  const svg = drawChart(spec)
  if (drawn.size >= MOST_REMEMBERED) drawn.delete(drawn.keys().next().value!)
  drawn.set(key, svg)
  return svg
}

function drawChart(spec: ChartSpec): string {
  const width = spec.width ?? 800
  const height = spec.height ?? legendHeight(spec, width) + (spec.horizontal ? 30 + spec.categories.length * (14 + 12 * spec.series.length) : 280)
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption(optionOf(spec, width))
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

/**
 * The chart ready to place in a page under our Content Security Policy (no inline styles): its
 * hover stylesheet dropped and each style attribute turned into presentation attributes; a picture
 * named by its title, scaled to the width of its container. The table beside it carries the numbers.
 */
export function chartForPage(spec: ChartSpec): string {
  return chartSvg(spec)
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_, declarations: string) =>
      declarations
        .split(';')
        .map((declaration) => declaration.split(':').map((part) => part.trim()))
        .filter(([property, value]) => property && value)
        .map(([property, value]) => ` ${property}="${value.replace(/"/g, "'")}"`)
        .join(''),
    )
    .replace(/^<svg width="\d+" height="\d+"/, `<svg class="app-chart" role="img" aria-label="${escapeAttribute(spec.title)}" focusable="false"`)
}
