/** A value components can watch: the few pieces of state shared across pages (workspace, call log, token). */
import { useEffect, useState } from 'preact/hooks'

export interface Store<T> {
  get value (): T
  set value (next: T)
  subscribe: (fn: (v: T) => void) => () => void
}

export function store<T> (initial: T): Store<T> {
  let current = initial
  const listeners = new Set<(v: T) => void>()
  return {
    get value () { return current },
    set value (next: T) {
      current = next
      for (const fn of listeners) fn(next)
    },
    subscribe (fn) {
      listeners.add(fn)
      return () => { listeners.delete(fn) }
    }
  }
}

export function useStore<T> (s: Store<T>): T {
  const [value, setValue] = useState(s.value)
  useEffect(() => {
    setValue(s.value)
    return s.subscribe(setValue)
  }, [s])
  return value
}
