/** Hash routes (#/w/acme/partners/hightouch): the page works offline, from any mount, with deep links. */
import { useEffect, useState } from 'preact/hooks'

export function useRoute (): string[] {
  const read = (): string[] => location.hash.replace(/^#\/?/, '').split('/').filter((p) => p !== '').map(decodeURIComponent)
  const [parts, setParts] = useState(read)
  useEffect(() => {
    const on = (): void => setParts(read())
    addEventListener('hashchange', on)
    return () => removeEventListener('hashchange', on)
  }, [])
  return parts
}

export function href (...parts: string[]): string {
  return `#/${parts.map(encodeURIComponent).join('/')}`
}

export function go (...parts: string[]): void {
  location.hash = href(...parts)
}
