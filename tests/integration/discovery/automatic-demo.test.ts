import { runPortal } from '../../../portals/core/run/portal-run';
import { automaticPortal } from '../../../portals/discovery/automatic-portal';
import type { AutomaticLearned } from '../../../portals/discovery/automatic-adapter';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { comparable, credentials, seededDocuments, startDemo } from '../../helpers/demo';

/**
 * Automatic against the demo portal's three layouts (issue 16, section 7), given only the login
 * URL and the credentials: every document of the account, with the right numbers, dates,
 * amounts, types and sub-accounts; a later run that finds its saved list changed discovers it
 * once more; a list that is gone for good is LAYOUT_CHANGED naming what is missing.
 */
let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo({ pageSize: 5 });
});

const list = (path: string, login: string, learned?: unknown) =>
	runPortal({
		portal: automaticPortal({ loginUrl: `${demo.url}${path}` }),
		credentials: credentials(login),
		mode: 'list',
		learned,
	});

const expected = (login: string) => seededDocuments(demo, login);
const got = comparable;

test.each([
	['classic', '/login'],
	['/eu/', '/eu/login'],
	['/app/', '/app/'],
])(
	'the %s layout: every document with number, date, amount, type and sub-account',
	async (_layout, path) => {
		demo.state.formsReceived.length = 0;
		const result = await list(path, 'tom@example.test');
		expect(result.status).toBe('connected');
		expect(got(result.selected)).toEqual(expected('tom@example.test'));
		// Read-only: no forbidden link or button was followed, and the only forms sent are the
		// sign-in's and the code page's (the /app/ layout sends them as API calls), plus the
		// classic layout's sub-account switcher, which the run (not discovery) uses to list
		// each customer number.
		expect(demo.state.violations).toEqual([]);
		expect([...new Set(demo.state.formsReceived)].sort()).toEqual(
			{
				'/login': ['POST /account/switch', 'POST /login', 'POST /login/verify'],
				'/eu/login': ['POST /eu/login', 'POST /eu/login/wachtwoord', 'POST /eu/verificatie'],
				'/app/': ['POST /app/api/session', 'POST /app/api/session/code'],
			}[path],
		);
	},
);

test('a saved list that changed is discovered once more; one that is gone is LAYOUT_CHANGED', async () => {
	const first = await list('/login', 'anna@example.test');
	expect(first.status).toBe('connected');
	const before = (first.learned as AutomaticLearned).definition!.documents.rows;

	// Later runs use the kept definition: nothing is discovered again.
	const later = await list('/login', 'anna@example.test', first.learned);
	expect(got(later.selected)).toEqual(expected('anna@example.test'));
	expect(later.discovery).toEqual([]);
	expect(later.learned).toEqual(first.learned);

	demo.state.faults.renamedTable = true;
	try {
		const second = await list('/login', 'anna@example.test', first.learned);
		expect(second.status).toBe('connected');
		expect(got(second.selected)).toEqual(expected('anna@example.test'));
		expect(second.discovery!.join('\n')).toMatch(/discovering it again/);
		expect((second.learned as AutomaticLearned).definition!.documents.rows).not.toBe(before);
	} finally {
		demo.state.faults.renamedTable = false;
	}

	const kept = demo.state.documents;
	demo.state.documents = kept.filter((d) => d.login !== 'anna@example.test');
	try {
		const gone = await list('/login', 'anna@example.test', first.learned);
		expect(gone.reason).toBe('LAYOUT_CHANGED');
		expect(gone.debug?.missingElement).toMatch(/documents/);
	} finally {
		demo.state.documents = kept;
	}
});

test('a saved sign-in form that changed is discovered once more, before anything is sent', async () => {
	const first = await list('/eu/login', 'anna@example.test');
	const learned = structuredClone(first.learned) as AutomaticLearned;
	// As after a redesign: the saved user-name field is gone from the page.
	learned.definition!.login.steps![0].fields[0].selector = '#email-address';
	const attempts = demo.state.loginAttempts.get('anna@example.test');
	const again = await list('/eu/login', 'anna@example.test', learned);
	expect(again.status).toBe('connected');
	expect(got(again.selected)).toEqual(expected('anna@example.test'));
	expect(again.discovery!.join('\n')).toMatch(
		/the saved login no longer matches .*discovering it again/,
	);
	// One sign-in, not two: the broken form was never sent.
	expect(demo.state.loginAttempts.get('anna@example.test')).toBe(attempts! + 1);
	expect((again.learned as AutomaticLearned).definition!.login.steps![0].fields[0].selector).toBe(
		'#email',
	);
});
