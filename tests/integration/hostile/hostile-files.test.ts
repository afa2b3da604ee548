import { REASONS } from '../../../portals/core/outcomes/reasons';
import { runPortal } from '../../../portals/core/run/portal-run';
import { definitionPortal } from '../../../portals/definitions/portal';
import type { DefinitionSpec } from '../../../portals/definitions/spec';
import { binaryBuffer, runWorkflow, type EngineRun } from '../../../testbeds/n8n-engine';
import { addSecret } from '../../helpers/secret-scan';
import { downloadEverything, loadWorkflow, withParameters } from '../../helpers/workflows';
import {
	PASSWORD,
	USERNAME,
	hostileDocuments,
	startHostile,
	type Hostile,
} from '../../../testbeds/hostile';
import { downloadLeadsAway, pageDressedAsPdf } from '../../../testbeds/hostile/file-modes';

/**
 * Issue 35, items 5 and 6, on both engines: a web page with `%PDF-1.7` in its title and `%%EOF`
 * in a comment is refused as a file (INVALID_FILE) whatever type it is served as, and never
 * delivered as application/pdf; a download that leads to the other site is refused unsent, and
 * the run that delivered the others is connected / PARTIAL_RUN in the node and its status alike.
 */
const ENGINES = ['http', 'browser'] as const;
type Engine = (typeof ENGINES)[number];

let hostile: Hostile;
beforeAll(async () => {
	hostile = await startHostile();
	addSecret(PASSWORD);
});
afterAll(() => hostile?.stop());
afterEach(() => hostile.use());

const spec = (engine: Engine) => ({ ...hostile.definition(), engine }) as unknown as DefinitionSpec;
const numberOf = (id: string) => hostileDocuments.find((d) => d.id === id)!.number;

const download = downloadEverything;
const getStatus = withParameters(loadWorkflow('download.json'), 'Invoice Portal', {
	resource: 'connection',
	operation: 'getStatus',
});

const credentials = (engine: Engine) => ({
	'cred-1': {
		portal: 'custom',
		definition: JSON.stringify(spec(engine)),
		username: USERNAME,
		password: PASSWORD,
		authenticatorSecret: '',
	},
});

/** The delivered items' numbers; each must be a real PDF to be delivered as one. */
async function deliveredPdfs(run: EngineRun): Promise<string[]> {
	expect(run.error('Invoice Portal')).toBeUndefined();
	expect(run.output('Invoice Portal', 1)).toEqual([]);
	const items = run.output('Invoice Portal', 0);
	for (const item of items) {
		expect(item.binary?.data?.mimeType).toBe('application/pdf');
		expect((await binaryBuffer(item)).subarray(0, 5).toString()).toBe('%PDF-');
	}
	return items.map((i) => String(i.json.number)).sort();
}

describe.each(ENGINES)('on the %s engine', (engine) => {
	test.each(['application/pdf', 'application/octet-stream', 'text/plain'])(
		'a web page with %%PDF- in its title, served as %s, is refused as INVALID_FILE',
		async (type) => {
			hostile.use(pageDressedAsPdf('h3', type));
			const result = await runPortal({
				portal: definitionPortal(spec(engine)),
				credentials: { username: USERNAME, password: PASSWORD },
				mode: 'download',
			});
			expect(result.failures).toMatchObject([
				{
					number: numberOf('h3'),
					reason: 'INVALID_FILE',
					message: expect.stringMatching(/web page/),
				},
			]);
			expect(result.documents.map((d) => d.number).sort()).toEqual([
				numberOf('h1'),
				numberOf('h2'),
			]);
			expect(result).toMatchObject({ status: 'connected', reason: 'PARTIAL_RUN' });
		},
	);

	test("through n8n's engine: the page served as application/pdf is not delivered; the two PDFs are, with a warning", async () => {
		hostile.use(pageDressedAsPdf('h3'));
		const run = await runWorkflow(download(), { credentials: credentials(engine) });
		expect(await deliveredPdfs(run)).toEqual([numberOf('h1'), numberOf('h2')]);
		expect(run.hints('Invoice Portal').join(' ')).toMatch(/2 downloaded · 1 failed.*web page/);
	});

	test("through n8n's engine: a download that leads to the other site is refused unsent; the run is connected / PARTIAL_RUN everywhere", async () => {
		hostile.other.length = 0;
		const connectionsBefore = hostile.otherConnections();
		hostile.use(downloadLeadsAway('h1'));
		const all = await runWorkflow(download(), { credentials: credentials(engine) });
		expect(await deliveredPdfs(all)).toEqual([numberOf('h2'), numberOf('h3')]);
		expect(all.hints('Invoice Portal').join(' ')).toContain(`${hostile.otherUrl}/files/h1.pdf`);

		// The one document to fetch (the first listed) is the refused one: the same status, and a
		// reason whose status in the reasons table is that status.
		const one = await runWorkflow(download({ limit: 1 }), { credentials: credentials(engine) });
		expect(await deliveredPdfs(one)).toEqual([]);
		expect(one.hints('Invoice Portal').join(' ')).toContain('1 failed');
		const status = (await runWorkflow(getStatus, { credentials: credentials(engine) })).output(
			'Invoice Portal',
		)[0].json;
		expect(status).toMatchObject({ status: 'connected', reason: 'PARTIAL_RUN' });
		expect(REASONS[status.reason as keyof typeof REASONS].status).toBe(status.status);

		expect(hostile.other).toEqual([]);
		expect(hostile.otherConnections() - connectionsBefore).toBe(0);
	});
});
