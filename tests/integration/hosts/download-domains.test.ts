import { runPortal } from '../../../portals/core/run/portal-run';
import { definitionPortal } from '../../../portals/definitions/portal';
import { definitionProblems } from '../../../portals/definitions/validate';
import type { DefinitionSpec } from '../../../portals/definitions/spec';
import { automaticPortal } from '../../../portals/discovery/automatic-portal';
import type { AutomaticLearned } from '../../../portals/discovery/automatic-adapter';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import type { RequestContext } from '../../../testbeds/demo-portal/auth-routes';
import { pdfFor } from '../../../testbeds/demo-portal/document-routes';
import { cdnRequests } from '../../../testbeds/demo-portal/hosts-layout';
import { credentials, startDemo } from '../../helpers/demo';

/**
 * Files served from another host (issue 33, section 4): the /hosts/ layout's archive list links
 * to addresses that redirect to a signed address on files.hosts.localhost, a "CDN" that records
 * what every request brings. With the host in downloadDomains every file arrives, and no cookie
 * or authorization of the portal ever reaches it, on both engines; without it, nothing goes there.
 */
let demo: DemoPortal;
let port = '';
let discovered: DefinitionSpec;
beforeAll(async () => {
	demo = await startDemo();
	port = new URL(demo.url).port;
	const found = await runPortal({
		portal: automaticPortal({ loginUrl: `http://login.hosts.localhost:${port}/hosts/login` }),
		credentials: credentials('anna@example.test'),
		mode: 'list',
	});
	discovered = (found.learned as AutomaticLearned).definition!;
});

const annas = () =>
	demo.state.documents
		.filter((d) => d.login === 'anna@example.test')
		.map((d) => d.number)
		.sort();

function archive(engine: 'http' | 'browser', downloadDomains?: string[]): DefinitionSpec {
	return {
		...discovered,
		engine,
		documents: {
			...discovered.documents,
			url: `http://www.hosts.localhost:${port}/hosts/cdn-invoices`,
		},
		...(downloadDomains ? { downloadDomains } : {}),
	};
}

const download = (spec: DefinitionSpec) =>
	runPortal({
		portal: definitionPortal(spec),
		credentials: credentials('anna@example.test'),
		mode: 'download',
	});

test.each(['http', 'browser'] as const)(
	'%s engine: every file through the CDN host, which never sees a cookie or authorization',
	async (engine) => {
		const cdn = cdnRequests(demo.state);
		cdn.length = 0;
		const spec = archive(engine, [`files.hosts.localhost:${port}`]);
		expect(definitionProblems(spec)).toEqual([]);
		const result = await download(spec);
		expect(result.status).toBe('connected');
		expect(result.documents.map((d) => d.number).sort()).toEqual(annas());
		expect(cdn.length).toBe(annas().length);
		for (const request of cdn) {
			expect(request.host).toBe(`files.hosts.localhost:${port}`);
			expect(request.method).toBe('GET');
			expect(request.cookie).toBeUndefined();
			expect(request.authorization).toBeUndefined();
			// Nor any other header of the portal's: no Referer, Origin or constant header.
			expect(request.headers).toEqual([]);
		}
	},
);

test('browser: a button whose file redirects to the CDN: fetched bare, every file, no cookie or header there', async () => {
	const cdn = cdnRequests(demo.state);
	cdn.length = 0;
	const base = archive('browser', [`files.hosts.localhost:${port}`]);
	const spec: DefinitionSpec = {
		...base,
		documents: {
			...base.documents,
			url: `http://www.hosts.localhost:${port}/hosts/cdn-buttons`,
			// The rows' links named each document; the buttons do not: number and date do.
			id: { compose: ['number', 'issueDate'] },
			download: { click: 'button.pdf' },
		},
	};
	expect(definitionProblems(spec)).toEqual([]);
	const result = await download(spec);
	expect({ status: result.status, message: result.message, failures: result.failures }).toEqual({
		message: 'Connected.',
		status: 'connected',
		failures: [],
	});
	expect(result.documents.map((d) => d.number).sort()).toEqual(annas());
	for (const doc of result.documents) {
		const seeded = demo.state.documents.find((d) => d.number === doc.number)!;
		expect(doc.data.equals(pdfFor({ state: demo.state } as RequestContext, seeded))).toBe(true);
	}
	expect(cdn.length).toBe(annas().length);
	expect(cdn.filter((r) => r.cookie || r.authorization || r.method !== 'GET')).toEqual([]);
});

test('without downloadDomains the redirect to the CDN is refused: nothing reaches it', async () => {
	const cdn = cdnRequests(demo.state);
	cdn.length = 0;
	const result = await download(archive('http'));
	expect(result.documents).toEqual([]);
	expect(result.failures.length).toBe(annas().length);
	expect(cdn).toEqual([]);
});

test('a download host the domains already cover is one problem, said once', () => {
	const spec = archive('http', [`www.hosts.localhost:${port}`]);
	expect(definitionProblems(spec)).toEqual([
		{
			field: 'downloadDomains[0]',
			message: `names www.hosts.localhost:${port}, which domains already covers: a download host is one the portal's cookies never go to; name it in one list only`,
		},
	]);
});

test('discovery learns downloadDomains from the redirect it sees when probing a file', async () => {
	const found = await runPortal({
		portal: automaticPortal({
			loginUrl: `http://login.hosts.localhost:${port}/hosts/login`,
			documentsUrl: `http://www.hosts.localhost:${port}/hosts/cdn-invoices`,
		}),
		credentials: credentials('anna@example.test'),
		mode: 'list',
	});
	expect(found.status).toBe('connected');
	const definition = (found.learned as AutomaticLearned).definition!;
	expect(definition.downloadDomains).toEqual([`files.hosts.localhost:${port}`]);
	expect(definitionProblems(definition)).toEqual([]);
	expect(found.discovery!.join('\n')).toContain(`files redirect to files.hosts.localhost:${port}`);
	// The written definition, run as it is: every file through the CDN host, bare.
	const cdn = cdnRequests(demo.state);
	cdn.length = 0;
	const result = await download(definition);
	expect(result.documents.map((d) => d.number).sort()).toEqual(annas());
	expect(cdn.length).toBe(annas().length);
	expect(cdn.filter((r) => r.cookie || r.authorization)).toEqual([]);
});
