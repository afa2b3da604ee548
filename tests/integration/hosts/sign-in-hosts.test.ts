import { runPortal } from '../../../portals/core/run/portal-run';
import { definitionPortal } from '../../../portals/definitions/portal';
import { automaticPortal } from '../../../portals/discovery/automatic-portal';
import type { AutomaticLearned } from '../../../portals/discovery/automatic-adapter';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { credentials, startDemo } from '../../helpers/demo';

/**
 * A sign-in that changes host within one site (issue 33, section 4): the demo portal's /hosts/
 * layout signs in on login.hosts.localhost and lands on www.hosts.localhost (names under
 * .localhost are loopback: both on the demo's one port). Automatic follows it, downloads every
 * document and writes both hosts into the definition's domains; a sign-in that ends on another
 * site stops, saying so; a password POST redirected to another site is never repeated there.
 */
let demo: DemoPortal;
let port = '';
beforeAll(async () => {
	demo = await startDemo();
	port = new URL(demo.url).port;
});

const automatic = (path: string, learned?: unknown, mode: 'list' | 'download' = 'download') =>
	runPortal({
		portal: automaticPortal({ loginUrl: `http://login.hosts.localhost:${port}${path}` }),
		credentials: credentials('anna@example.test'),
		mode,
		learned,
	});

const annas = () =>
	demo.state.documents
		.filter((d) => d.login === 'anna@example.test')
		.map((d) => d.number)
		.sort();

test('Automatic follows login. → www., downloads every document, writes both hosts into domains', async () => {
	const first = await automatic('/hosts/login');
	expect(first.status).toBe('connected');
	expect(first.documents.map((d) => d.number).sort()).toEqual(annas());
	for (const doc of first.documents) expect(doc.data.subarray(0, 5).toString()).toBe('%PDF-');
	const definition = (first.learned as AutomaticLearned).definition!;
	expect(definition.domains).toEqual([
		`login.hosts.localhost:${port}`,
		`www.hosts.localhost:${port}`,
	]);
	// The documents came from www., as the portal serves them.
	expect([...demo.state.hostsSeen]).toEqual(
		expect.arrayContaining([`login.hosts.localhost:${port}`, `www.hosts.localhost:${port}`]),
	);
	// A later run signs in with the saved definition, across both hosts again.
	const again = await automatic('/hosts/login', first.learned, 'list');
	expect(again.status).toBe('connected');
	expect(again.discovery).toEqual([]);
	expect(again.selected.map((d) => d.number).sort()).toEqual(annas());
	expect(demo.state.violations).toEqual([]);
});

test('a definition run allows its domains only: both hosts named, it follows; one missing, it stops', async () => {
	const first = await automatic('/hosts/login', undefined, 'list');
	const definition = (first.learned as AutomaticLearned).definition!;
	const run = (domains: string[]) =>
		runPortal({
			portal: definitionPortal({ ...definition, domains }),
			credentials: credentials('anna@example.test'),
			mode: 'list',
		});
	const both = await run(definition.domains);
	expect(both.status).toBe('connected');
	expect(both.selected.map((d) => d.number).sort()).toEqual(annas());
	const loginOnly = await run([`login.hosts.localhost:${port}`]);
	expect(loginOnly.reason).toBe('NAVIGATION_BLOCKED');
	expect(loginOnly.message).toContain(`www.hosts.localhost:${port}`);
});

test('a sign-in that ends on another site stops, saying why and what to do', async () => {
	const result = await automatic('/hosts/away/login');
	expect(result.status).not.toBe('connected');
	expect(result.reason).toBe('NAVIGATION_BLOCKED');
	expect(result.message).toContain(`www.other-site.localhost:${port}`);
	expect(result.message).toMatch(
		/only across the hosts of the login page's site \(hosts\.localhost\)/,
	);
	expect([...demo.state.hostsSeen].some((h) => h.includes('other-site'))).toBe(false);
});

test('a password POST redirected (307) to another site is never repeated there', async () => {
	demo.state.formsReceived.length = 0;
	const result = await automatic('/hosts/repost/login');
	expect(result.status).not.toBe('connected');
	expect(result.reason).toBe('NAVIGATION_BLOCKED');
	// The one POST went to the login host; the other site received nothing at all.
	expect(demo.state.formsReceived).toEqual(['POST /hosts/repost/login']);
	expect([...demo.state.hostsSeen].some((h) => h.includes('other-site'))).toBe(false);
});
