import { definitionProblems, parseDefinition } from '../../../../portals/definitions/validate';
import { readDefinition as read, shippedFiles as files } from './shipped-definitions';

/**
 * Portal definitions (issue 5): every definition in the catalogue is valid, and invalid ones
 * are refused with one message per problem that names the exact field and says what is wrong.
 * Identity providers: sso.test.ts; domains with a port: ports.test.ts.
 */
const valid = read('demo/demo-energie.json');
const validProvider = read('demo/demo-sso.json');

test.each(files)('%s is a valid definition', (file) => {
	expect(definitionProblems(read(file))).toEqual([]);
});

type Edit = (d: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

const cases: [string, Edit, string, RegExp][] = [
	[
		'a passwordless login (signInLink) that still fills a password',
		(d) => (d.login.signInLink = { detect: { selector: '#link-sent' } }),
		'login.steps[1].fields[0].value',
		/is password, but login.signInLink makes the login passwordless/,
	],
	[
		'a mail code pattern that is not a regular expression',
		(d) => (d.mail = { codePattern: '(\\d{6}' }),
		'mail.codePattern',
		/is not a valid regular expression/,
	],
	[
		'a mail sender rule written as a broken regular expression',
		(d) => (d.mail = { from: '/[a-z/' }),
		'mail.from',
		/is not a valid regular expression/,
	],
	[
		'an unknown field in mail',
		(d) => (d.mail = { sender: 'x' }),
		'mail.sender',
		/is not a known field here \(known: from, codePattern\)/,
	],
	['no name', (d) => delete d.name, 'name', /is missing/],
	[
		'a slug with capitals',
		(d) => (d.slug = 'Demo Energie'),
		'slug',
		/does not have the expected form.*lowercase words/,
	],
	['version 0', (d) => (d.version = 0), 'version', /must be >= 1/],
	['no domains', (d) => (d.domains = []), 'domains', /must not be empty/],
	[
		'a domain with a path: the message names the expected form',
		(d) => (d.domains = ['demo.example/eu']),
		'domains[0]',
		/does not have the expected form: a host name .*host:port for one port only \(127\.0\.0\.1:3300\)/,
	],
	...(['99999', '0', '00080'] as const).map((port): [string, Edit, string, RegExp] => [
		`a domain with the impossible port ${port} (every run would fail with "Invalid URL")`,
		(d) => (d.domains = ['demo-energie.example', `127.0.0.1:${port}`]),
		'domains[1]',
		new RegExp(`has port ${port}, which is no port: write one from 1 to 65535`),
	]),
	[
		'a domain with a port that is not a number',
		(d) => (d.domains = ['127.0.0.1:abc']),
		'domains[0]',
		/is "127\.0\.0\.1:abc", which does not have the expected form: .*host:port/,
	],
	[
		'a domain with a scheme',
		(d) => (d.domains = ['https://demo.example']),
		'domains[0]',
		/does not have the expected form: a host name/,
	],
	[
		'a login URL on another port than the domain names',
		(d) => {
			d.domains = ['127.0.0.1:3300'];
			d.loginUrl = 'http://127.0.0.1:3301/eu/login';
		},
		'loginUrl',
		/points to 127\.0\.0\.1:3301, which is not in domains \(127\.0\.0\.1:3300\)/,
	],
	[
		'a login URL that is not http',
		(d) => (d.loginUrl = 'ftp://demo-energie.example/'),
		'loginUrl',
		/does not have the expected form/,
	],
	[
		'a login URL outside the domains',
		(d) => (d.loginUrl = 'https://evil.example/login'),
		'loginUrl',
		/evil\.example, which is not in domains/,
	],
	[
		'a misspelt top-level field',
		(d) => (d.loginURL = d.loginUrl),
		'loginURL',
		/not a known field here \(known: name, slug/,
	],
	['no login steps', (d) => (d.login.steps = []), 'login.steps', /must not be empty/],
	[
		'a step without submit',
		(d) => delete d.login.steps[1].submit,
		'login.steps[1].submit',
		/is missing/,
	],
	[
		'a login field value that is not username or password',
		(d) => (d.login.steps[0].fields[0].value = 'email'),
		'login.steps[0].fields[0].value',
		/is "email"; must be one of username, password/,
	],
	[
		'an empty selector',
		(d) => (d.login.steps[0].fields[0].selector = ''),
		'login.steps[0].fields[0].selector',
		/must not be empty/,
	],
	['no logged-in check', (d) => delete d.login.loggedIn, 'login.loggedIn', /is missing/],
	[
		'a logged-in check with only text',
		(d) => (d.login.loggedIn = { text: 'Welkom' }),
		'login.loggedIn',
		/needs at least one of selector, urlContains/,
	],
	[
		'an unknown code method',
		(d) => (d.login.codePrompts[0].method = 'pigeon'),
		'login.codePrompts[0].method',
		/must be one of authenticator_app, sms, email/,
	],
	[
		'an interstitial with an unknown reason',
		(d) => (d.login.interstitials = [{ detect: { selector: 'form.terms' }, reason: 'ACCEPT' }]),
		'login.interstitials[0].reason',
		/must be one of TERMS_ACCEPTANCE_REQUIRED/,
	],
	[
		'documents reached both by URL and by clicks',
		(d) => (d.documents.clicks = ['a#facturen']),
		'documents',
		/may have only one of url, clicks/,
	],
	[
		'documents reached neither by URL nor by clicks',
		(d) => delete d.documents.url,
		'documents',
		/needs one of url, clicks/,
	],
	['no rows selector', (d) => delete d.documents.rows, 'documents.rows', /is missing/],
	[
		'no issue date field',
		(d) => delete d.documents.fields.issueDate,
		'documents.fields.issueDate',
		/is missing/,
	],
	[
		'a field that reads nothing',
		(d) => (d.documents.fields.number = { locale: 'nl' }),
		'documents.fields.number',
		/needs at least one of selector, attribute, value, regex/,
	],
	[
		'a regex that does not compile',
		(d) => (d.documents.fields.number.regex = '(F\\d+'),
		'documents.fields.number.regex',
		/not a valid regular expression/,
	],
	[
		'a date format without a year',
		(d) => (d.documents.fields.issueDate.date = 'dd-MM'),
		'documents.fields.issueDate.date',
		/needs day, month and year tokens/,
	],
	[
		'a type mapped to an unknown type',
		(d) => (d.documents.fields.type.map.Factuur = 'bill'),
		'documents.fields.type.map.Factuur',
		/must be one of invoice, credit_note/,
	],
	[
		'a locale that is not a language code',
		(d) => (d.documents.fields.amount.locale = 'dutch'),
		'documents.fields.amount.locale',
		/does not have the expected form/,
	],
	[
		'an id composed of a field that is not read',
		(d) => (d.documents.id = { compose: ['number', 'dueDate'] }),
		'documents.id.compose',
		/uses "dueDate", which documents.fields does not read/,
	],
	[
		'an id rule with both field and compose',
		(d) => (d.documents.id.compose = ['number']),
		'documents.id',
		/may have only one of field, compose/,
	],
	[
		'two pagination kinds',
		(d) => (d.documents.pagination = { next: 'a[rel=next]', pageParam: 'pagina' }),
		'documents.pagination',
		/may have only one of next, loadMore, pageParam, infiniteScroll/,
	],
	[
		'a download by neither link nor click',
		(d) => delete d.documents.download.link,
		'documents.download',
		/needs at least one of link, click/,
	],
	[
		'a file one level down with neither a detail link nor a popover button',
		(d) => (d.documents.download.detail = { link: { selector: 'a.pdf', attribute: 'href' } }),
		'documents.download.detail',
		/needs one of open, press/,
	],
	[
		'a file one level down both on a detail page and in a popover',
		(d) =>
			(d.documents.download.detail = {
				open: { selector: 'a.view', attribute: 'href' },
				press: 'button.more',
				link: { selector: 'a.pdf', attribute: 'href' },
			}),
		'documents.download.detail',
		/may have only one of open, press/,
	],
	[
		'a detail page without the file link on it',
		(d) => (d.documents.download.detail = { open: { selector: 'a.view', attribute: 'href' } }),
		'documents.download.detail.link',
		/is missing/,
	],
	[
		'a detail link whose regex does not compile',
		(d) =>
			(d.documents.download.detail = {
				open: { selector: 'a.view', attribute: 'href', regex: '(x' },
				link: { selector: 'a.pdf', attribute: 'href' },
			}),
		'documents.download.detail.open.regex',
		/regular expression/,
	],
	[
		'rows without a link fetched both one level down and by a button',
		(d) => {
			d.documents.download.click = 'button.export';
			d.documents.download.detail = {
				open: { selector: 'a.view', attribute: 'href' },
				link: { selector: 'a.pdf', attribute: 'href' },
			};
		},
		'documents.download.detail',
		/and click both say how to fetch a row without a link/,
	],
	[
		'a documents URL on another domain',
		(d) => (d.documents.url = 'https://files.other.example/facturen'),
		'documents.url',
		/files\.other\.example, which is not in domains/,
	],
	[
		'single sign-on without its button',
		(d) => (d.login.sso = 'demo-sso'),
		'login.ssoButton',
		/is missing/,
	],
	[
		'neither login steps nor single sign-on',
		(d) => delete d.login.steps,
		'login',
		/needs at least one of steps, sso/,
	],
	[
		'a confirmation without its button',
		(d) => (d.login.confirmations = [{ detect: { selector: '#doorgaan' } }]),
		'login.confirmations[0].click',
		/is missing/,
	],
	['a number where text belongs', (d) => (d.name = 42), 'name', /must be string/],
	[
		'an engine that does not exist',
		(d) => (d.engine = 'curl'),
		'engine',
		/must be one of auto, http, browser/,
	],
	[
		'plain HTTP with rows that scripts add',
		(d) => {
			d.engine = 'http';
			d.documents.pagination = { infiniteScroll: true };
		},
		'engine',
		/is http, but documents\.pagination\.infiniteScroll needs the browser/,
	],
];

const providerCases: [string, Edit, string, RegExp][] = [
	[
		'an identity provider with documents',
		(d) => (d.documents = valid.documents),
		'documents',
		/is not used by identity-provider definitions/,
	],
	[
		'an identity provider that signs in through another',
		(d) => (d.login.sso = 'google'),
		'login.sso',
		/is not used by identity-provider definitions/,
	],
	[
		'an identity provider without sign-in steps',
		(d) => delete d.login.steps,
		'login.steps',
		/is missing/,
	],
	[
		'an identity provider with a logged-in check (the portal has that)',
		(d) => (d.login.loggedIn = { selector: '.welcome' }),
		'login.loggedIn',
		/is not used by identity-provider definitions/,
	],
	[
		'an identity provider whose login URL is outside its domains',
		(d) => (d.loginUrl = 'https://evil.example/'),
		'loginUrl',
		/evil\.example, which is not in domains/,
	],
];

describe('an invalid definition is refused, naming the field', () => {
	const all = [
		...cases.map((c) => ({ base: valid, c })),
		...providerCases.map((c) => ({ base: validProvider, c })),
	];
	test.each(
		all.map(({ base, c: [name, edit, field, message] }) => ({ base, name, edit, field, message })),
	)('$name → $field', ({ base, edit, field, message }) => {
		const definition = structuredClone(base);
		edit(definition);
		const problems = definitionProblems(definition);
		expect(problems).toContainEqual({ field, message: expect.stringMatching(message) });
		// The one edit is the only complaint: nothing else in the valid definition is blamed.
		expect(problems.filter((p) => p.field !== field)).toEqual([]);
		expect(() => parseDefinition(definition, 'Definition')).toThrow(
			new RegExp(`^Definition: 1 problem\\(s\\): ${field.replace(/[.[\]]/g, '\\$&')} `),
		);
	});

	test('text that is not JSON at all says so', () => {
		expect(() => parseDefinition('{ "name": "x", ', 'Definition')).toThrow(
			/^Definition: is not valid JSON/,
		);
	});
});
