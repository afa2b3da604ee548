import { whileCollectingGarbage } from '../../../testbeds/memory';
import { runWorkflow, type EngineRun } from '../../../testbeds/n8n-engine';
import { addSecret } from '../../helpers/secret-scan';
import { downloadEverything } from '../../helpers/workflows';
import { PASSWORD, USERNAME, startHostile, type Hostile } from '../../../testbeds/hostile';
import { neverAnswers, trickles, type HoldingMode } from '../../../testbeds/hostile/timeout-modes';

/**
 * Issue 35, item 2: a portal that accepts the connection and never answers, or answers the
 * headers and then sends a byte every half second, ends a run through n8n's engine with TIMEOUT
 * within the configured time, on the HTTP and the default `auto` engine. Runs through the node
 * get n8n's cancel signal; combined with the time limit by `AbortSignal.any` the limit never
 * fired on Node 20, and these runs were held until the connection closed.
 */
const PAGE_SECONDS = 2;
// A file may take twice a page's time (http-surface.ts).
const FILE_SECONDS = 2 * PAGE_SECONDS;
// From the held request to the run's end: the limit, then writing the status and the other
// downloads. Generous, for a machine of 2 cores shared with other test runs (17.8 s was seen for a
// page's 2 s limit while two jest runs shared the cores; 2.4 s alone): what this tells apart is a
// limit that fires from a run held by the portal, which holds it until the portal stops (after
// the test's own time, HELD_MS).
const AFTER_LIMIT_SECONDS = 25;
const HELD_MS = 60_000;

const workflow = downloadEverything();
let hostile: Hostile;
const savedTimeout = process.env.INVOICE_PORTALS_PAGE_TIMEOUT_SECONDS;

beforeAll(async () => {
	process.env.INVOICE_PORTALS_PAGE_TIMEOUT_SECONDS = String(PAGE_SECONDS);
	hostile = await startHostile();
	addSecret(PASSWORD);
});

afterAll(async () => {
	// Ends what a held run still waits for, so that a failing test leaves nothing running.
	await hostile?.stop();
	if (savedTimeout === undefined) delete process.env.INVOICE_PORTALS_PAGE_TIMEOUT_SECONDS;
	else process.env.INVOICE_PORTALS_PAGE_TIMEOUT_SECONDS = savedTimeout;
});

afterEach(() => hostile.use());

/**
 * A download through n8n's engine: how long the run went on after the portal held it (at most the
 * limit and some slack), and how long it took in all (at least the limit, which starts after the
 * run: the portal's own clock can read the request up to a second late on a loaded machine, one
 * CI run saw 0.98 s held for a 2 s limit, so it is no lower bound).
 */
async function download(
	engine: 'http' | 'auto',
	mode: HoldingMode,
): Promise<{ run: EngineRun; heldSeconds: number; runSeconds: number }> {
	hostile.use(mode);
	const credential = {
		portal: 'custom',
		definition: JSON.stringify({ ...hostile.definition(), engine }),
		username: USERNAME,
		password: PASSWORD,
		authenticatorSecret: '',
	};
	const started = Date.now();
	// Collections every half second: an n8n process that waits 30 s collects garbage many times,
	// a test that waits 2 s may not at all.
	const run = await whileCollectingGarbage(
		runWorkflow(workflow, { credentials: { 'cred-1': credential } }),
		500,
	);
	const heldAt = mode.heldAt();
	if (heldAt === undefined) throw new Error(`the scenario ${mode.name} never held a request`);
	return {
		run,
		heldSeconds: (Date.now() - heldAt) / 1000,
		runSeconds: (Date.now() - started) / 1000,
	};
}

describe.each(['http', 'auto'] as const)('on the %s engine', (engine) => {
	test.each([
		['never answers', () => neverAnswers('login')],
		['trickles a byte every half second', () => trickles('login')],
	])(
		'a sign-in page that %s ends the run with TIMEOUT within the page timeout',
		async (_what, mode) => {
			const { run, heldSeconds, runSeconds } = await download(engine, mode());
			const error = run.error('Invoice Portal');
			expect(error?.message).toMatch(/\[TIMEOUT\]$/);
			expect(error?.message).toContain(`within ${PAGE_SECONDS} s`);
			expect(runSeconds).toBeGreaterThanOrEqual(PAGE_SECONDS - 0.1);
			expect(heldSeconds).toBeLessThan(PAGE_SECONDS + AFTER_LIMIT_SECONDS);
			expect(run.output('Invoice Portal')).toEqual([]);
		},
		HELD_MS,
	);

	test.each([
		['never answers', () => neverAnswers('file')],
		['trickles a byte every half second', () => trickles('file')],
	])(
		'a file that %s fails alone within the file timeout; the other documents arrive',
		async (_what, mode) => {
			const { run, heldSeconds, runSeconds } = await download(engine, mode());
			expect(run.error('Invoice Portal')).toBeUndefined();
			const numbers = run.output('Invoice Portal').map((i) => i.json.number);
			expect(numbers.sort()).toEqual(['RE-2026-0001', 'RE-2026-0003']);
			const hint = run.hints('Invoice Portal').join(' ');
			expect(hint).toContain('2 downloaded · 1 failed');
			expect(hint).toContain(`within ${FILE_SECONDS} s`);
			expect(runSeconds).toBeGreaterThanOrEqual(FILE_SECONDS - 0.1);
			expect(heldSeconds).toBeLessThan(FILE_SECONDS + AFTER_LIMIT_SECONDS);
		},
		HELD_MS,
	);
});
