/**
 * fake-braze dashboard: Braze's dashboard pages for what the fake holds, as a client of the
 * documented /_fake and Braze APIs only (every call is shown as curl in the side panel).
 */
import './styles.css'
import { render } from 'preact'
import { useEffect } from 'preact/hooks'
import { CallLog } from './ui.js'
import { href, useRoute } from './router.js'
import { TokenBar } from './pages/token.js'
import { WorkspacesPage, WorkspaceSwitcher } from './pages/workspaces.js'
import { PartnersPage, PartnerPage } from './pages/partners.js'
import { RestKeysPage } from './pages/rest-keys.js'
import { UsersPage } from './pages/users.js'
import { CohortsPage, CohortPage } from './pages/cohorts.js'
import { SegmentsPage, SegmentPage, SegmentBuilderPage } from './pages/segments.js'
import { CampaignsPage, CampaignPage } from './pages/campaigns.js'
import { CatalogsPage, CatalogPage } from './pages/catalogs.js'
import { JournalPage } from './pages/journal.js'
import { ToolkitPage } from './pages/toolkit.js'

const WORKSPACE_PAGES: Array<[string, string]> = [
  ['partners', 'Technology Partners'],
  ['rest-keys', 'REST API Keys'],
  ['users', 'Users'],
  ['cohorts', 'Cohorts'],
  ['segments', 'Segments'],
  ['campaigns', 'Campaigns & Canvases'],
  ['catalogs', 'Catalogs'],
  ['journal', 'Request journal']
]

function Page ({ route }: { route: string[] }) {
  const [head, ws, page, a, b] = route
  if (head === 'w' && ws !== undefined) {
    switch (page) {
      case 'partners': return a === undefined ? <PartnersPage ws={ws} /> : <PartnerPage ws={ws} partner={a} />
      case 'rest-keys': return <RestKeysPage ws={ws} />
      case 'users': return <UsersPage ws={ws} />
      case 'cohorts': return a === undefined || b === undefined ? <CohortsPage ws={ws} /> : <CohortPage ws={ws} partner={a} cohortId={b} />
      case 'segments':
        if (a === undefined) return <SegmentsPage ws={ws} />
        if (a === 'new') return <SegmentBuilderPage ws={ws} />
        return <SegmentPage ws={ws} segmentId={a} />
      case 'campaigns': return a === undefined ? <CampaignsPage ws={ws} /> : <CampaignPage ws={ws} kind={a} id={b ?? ''} />
      case 'catalogs': return a === undefined ? <CatalogsPage ws={ws} /> : <CatalogPage ws={ws} name={a} />
      case 'journal': return <JournalPage ws={ws} />
      default: return <PartnersPage ws={ws} />
    }
  }
  if (head === 'journal') return <JournalPage />
  if (head === 'toolkit') return <ToolkitPage />
  return <WorkspacesPage />
}

function App () {
  const route = useRoute()
  const ws = route[0] === 'w' ? route[1] : undefined
  const current = route[0] === 'w' ? route[2] ?? 'partners' : route[0] ?? 'workspaces'
  useEffect(() => { if (ws !== undefined) localStorage.setItem('fake-braze-workspace', ws) }, [ws])
  useEffect(() => { document.title = `fake-braze${ws === undefined ? '' : ` · ${ws}`}` }, [ws])
  return (
    <div class='layout'>
      <header class='top'>
        <a class='brand' href={href('workspaces')}>fake-braze</a>
        <WorkspaceSwitcher current={ws} />
        <TokenBar />
      </header>
      <nav class='side' aria-label='Sections'>
        <a href={href('workspaces')} aria-current={current === 'workspaces' ? 'page' : undefined}>Workspaces</a>
        {ws !== undefined && WORKSPACE_PAGES.map(([slug, label]) => (
          <a key={slug} href={href('w', ws, slug)} aria-current={current === slug ? 'page' : undefined}>{label}</a>
        ))}
        <a href={href('toolkit')} aria-current={current === 'toolkit' ? 'page' : undefined}>Toolkit</a>
        {ws === undefined && <a href={href('journal')} aria-current={current === 'journal' ? 'page' : undefined}>Request journal</a>}
      </nav>
      <main id='main'>
        <Page route={route} />
      </main>
      <CallLog />
    </div>
  )
}

render(<App />, document.getElementById('app')!)
