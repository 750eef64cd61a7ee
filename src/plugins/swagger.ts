/**
 * OpenAPI 3.1 generated from the zod route schemas (committed as openapi/openapi.json and
 * checked for drift by a test) and Swagger UI at /docs.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fp from 'fastify-plugin'
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod'

export const TAGS = [
  { name: 'partners', description: 'Braze partner cohort import (`/partners/{partner}/cohorts…`), authenticated by partner API key + data import key in the body. Prefix any path with a REST host (e.g. `/rest.fra-01.braze.eu`) to call another cluster.' },
  { name: 'users', description: 'Braze REST user-data endpoints (`/users/track`, `/users/export/ids`, `/users/export/segment`, identity endpoints), authenticated by `Authorization: Bearer <REST API key>` with the endpoint\'s permission.' },
  { name: 'segments', description: 'Braze segment endpoints (`/segments/list`, `/segments/details`, `/segments/data_series`) over segments built from partner cohort filters and user data; REST API key with `segments.*` permissions.' },
  { name: 'fake', description: 'fake-braze control plane: provision workspaces and keys, seed users, inspect cohorts, reset. Not part of Braze.' }
]

/**
 * Swagger UI's own files, found through the installed package rather than the plugin's
 * __dirname, so the CLI bundle can inline the plugin (scripts/bundle-cli.mjs).
 */
const SWAGGER_UI_STATIC = join(dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui/package.json')), 'static')

export default fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'fake-braze',
        description: 'A stateful, high-fidelity fake of Braze\'s partner cohort import and REST user-data APIs, plus a `/_fake` control plane for tests.',
        version: '0.1.0'
      },
      tags: TAGS
    },
    hideUntagged: true,
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject
  })
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    baseDir: SWAGGER_UI_STATIC,
    logo: { type: 'image/svg+xml', content: readFileSync(join(SWAGGER_UI_STATIC, 'logo.svg')) },
    uiConfig: { docExpansion: 'list', deepLinking: true, tryItOutEnabled: true }
  })
}, { name: 'swagger' })
