/** An error the CLI prints as one line (`fake-braze <command>: <message>`) before exiting non-zero. */
export class CliError extends Error {
  constructor (message: string, readonly exitCode = 1) {
    super(message)
    this.name = 'CliError'
  }
}

/** fetch() against a fake-braze server, turning "nothing listens there" into a one-line CliError. */
export async function fetchFake (url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: init?.signal ?? AbortSignal.timeout(30_000) })
  } catch (err) {
    const cause = (err as { cause?: { code?: string, message?: string } }).cause
    throw new CliError(`cannot reach ${new URL(url).origin}: ${cause?.code ?? cause?.message ?? (err as Error).message}`)
  }
}
