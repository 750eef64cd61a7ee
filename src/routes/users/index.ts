/** Braze's REST user-data surface: export, identity and /users/track. */
import type { FastifyPluginAsync } from 'fastify'
import { addRoutes } from '../shared/add-routes.js'
import exportIds from './export-ids.js'
import aliasNew from './alias-new.js'
import aliasUpdate from './alias-update.js'
import identify from './identify.js'
import deleteUsers from './delete.js'
import merge from './merge.js'
import track from './track.js'
import exportLists from './export-lists.js'
import externalIds from './external-ids.js'
import trackBulk from './track-bulk.js'
import trackSync from './track-sync.js'

const surface: FastifyPluginAsync = async (app) => {
  await addRoutes(app,
    exportIds,
    aliasNew,
    aliasUpdate,
    identify,
    deleteUsers,
    merge,
    track,
    exportLists,
    externalIds,
    trackBulk,
    trackSync
  )
}

export default surface
