import type * as esm from '../dist/index.js'

export type * from '../dist/index.js'
/** Starts a fake (see the ESM entry). */
export declare function startFakeBraze (options?: esm.StartFakeBrazeOptions): Promise<esm.FakeBraze>
/** The whole ESM module. */
export declare function load (): Promise<typeof esm>
