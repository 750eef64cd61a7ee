/** A small time-series chart (uPlot, ~20 KB gzipped) for segment sizes over days. */
import 'uplot/dist/uPlot.min.css'
import uPlot from 'uplot'
import { useEffect, useRef } from 'preact/hooks'

export function SizeChart ({ points, label }: { points: Array<{ time: string, size: number }>, label: string }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const el = ref.current
    if (el === null || points.length === 0) return
    const xs = points.map((p) => Date.parse(`${p.time}T00:00:00Z`) / 1000)
    const ys = points.map((p) => p.size)
    const plot = new uPlot({
      width: Math.max(320, el.clientWidth - 16),
      height: 220,
      series: [{}, { label, stroke: '#4b2bb8', width: 2, fill: 'rgba(75,43,184,0.08)', points: { show: points.length < 40 } }],
      axes: [{}, { size: 60 }],
      scales: { x: { time: true } }
    }, [xs, ys], el)
    return () => plot.destroy()
  }, [points, label])
  return (
    <figure class='chart'>
      <div ref={ref} role='img' aria-label={`${label}: ${points.map((p) => `${p.time} ${p.size}`).join(', ')}`} />
      <figcaption class='sr-only'>{label}</figcaption>
    </figure>
  )
}
