import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { definitionProblems, parseDefinition } from '../portals/definitions/validate';

/**
 * Portal definitions (issue 5): every definition in the catalogue is valid, and invalid ones
 * are refused with one message per problem that names the exact field and says what is wrong.
 */
const catalogue = join(__dirname, '..', 'portals', 'definitions', 'catalogue');
const files = readdirSync(catalogue).filter((f) => f.endsWith('.json'));
const valid = JSON.parse(readFileSync(join(catalogue, 'demo-energie.json'), 'utf8'));

test.each(files)('catalogue/%s is a valid definition', (file) => {
	expect(definitionProblems(JSON.parse(readFileSync(join(catalogue, file), 'utf8')))).toEqual([]);
});

type Edit = (d: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

const cases: [string, Edit, string, RegExp][] = [
	['no name', (d) => delete d.name, 'name', /is missing/],
	['a slug with capitals', (d) => (d.slug = 'Demo Energie'), 'slug', /not the expected form.*lowercase words/],
	['version 0', (d) => (d.version = 0), 'version', /must be >= 1/],
	['no domains', (d) => (d.domains = []), 'domains', /must not be empty/],
	['a domain with a path', (d) => (d.domains = ['demo.example/eu']), 'domains[0]', /not the expected form/],
	['a login URL that is not http', (d) => (d.loginUrl = 'ftp://demo-energie.example/'), 'loginUrl', /not the expected form/],
	['a login URL outside the domains', (d) => (d.loginUrl = 'https://evil.example/login'), 'loginUrl', /evil\.example, which is not in domains/],
	['a misspelt top-level field', (d) => (d.loginURL = d.loginUrl), 'loginURL', /not a known field here \(known: name, slug/],
	['no login steps', (d) => (d.login.steps = []), 'login.steps', /must not be empty/],
	['a step without submit', (d) => delete d.login.steps[1].submit, 'login.steps[1].submit', /is missing/],
	['a login field value that is not username or password', (d) => (d.login.steps[0].fields[0].value = 'email'), 'login.steps[0].fields[0].value', /is "email"; must be one of username, password/],
	['an empty selector', (d) => (d.login.steps[0].fields[0].selector = ''), 'login.steps[0].fields[0].selector', /must not be empty/],
	['no logged-in check', (d) => delete d.login.loggedIn, 'login.loggedIn', /is missing/],
	['a logged-in check with only text', (d) => (d.login.loggedIn = { text: 'Welkom' }), 'login.loggedIn', /needs at least one of selector, urlContains/],
	['an unknown code method', (d) => (d.login.codePrompts[0].method = 'pigeon'), 'login.codePrompts[0].method', /must be one of authenticator_app, sms, email/],
	['an interstitial with an unknown reason', (d) => (d.login.interstitials = [{ detect: { selector: 'form.terms' }, reason: 'ACCEPT' }]), 'login.interstitials[0].reason', /must be one of TERMS_ACCEPTANCE_REQUIRED/],
	['documents reached both by URL and by clicks', (d) => (d.documents.clicks = ['a#facturen']), 'documents', /may have only one of url, clicks/],
	['documents reached neither by URL nor by clicks', (d) => delete d.documents.url, 'documents', /needs one of url, clicks/],
	['no rows selector', (d) => delete d.documents.rows, 'documents.rows', /is missing/],
	['no issue date field', (d) => delete d.documents.fields.issueDate, 'documents.fields.issueDate', /is missing/],
	['a field that reads nothing', (d) => (d.documents.fields.number = { locale: 'nl' }), 'documents.fields.number', /needs at least one of selector, attribute, value, regex/],
	['a regex that does not compile', (d) => (d.documents.fields.number.regex = '(F\\d+'), 'documents.fields.number.regex', /not a valid regular expression/],
	['a date format without a year', (d) => (d.documents.fields.issueDate.date = 'dd-MM'), 'documents.fields.issueDate.date', /needs day, month and year tokens/],
	['a type mapped to an unknown type', (d) => (d.documents.fields.type.map.Factuur = 'bill'), 'documents.fields.type.map.Factuur', /must be one of invoice, credit_note/],
	['a locale that is not a language code', (d) => (d.documents.fields.amount.locale = 'dutch'), 'documents.fields.amount.locale', /not the expected form/],
	['an id composed of a field that is not read', (d) => (d.documents.id = { compose: ['number', 'dueDate'] }), 'documents.id.compose', /uses "dueDate", which documents.fields does not read/],
	['an id rule with both field and compose', (d) => (d.documents.id.compose = ['number']), 'documents.id', /may have only one of field, compose/],
	['two pagination kinds', (d) => (d.documents.pagination = { next: 'a[rel=next]', pageParam: 'pagina' }), 'documents.pagination', /may have only one of next, loadMore, pageParam, infiniteScroll/],
	['a download by link and by click', (d) => (d.documents.download.click = 'button.pdf'), 'documents.download', /may have only one of link, click/],
	['a documents URL on another domain', (d) => (d.documents.url = 'https://files.other.example/facturen'), 'documents.url', /files\.other\.example, which is not in domains/],
	['single sign-on without its button', (d) => (d.login.sso = 'demo-idp'), 'login.ssoButton', /is missing/],
	['a number where text belongs', (d) => (d.name = 42), 'name', /must be string/],
];

describe('an invalid definition is refused, naming the field', () => {
	test.each(cases.map(([name, edit, field, message]) => ({ name, edit, field, message })))('$name → $field', ({ edit, field, message }) => {
		const definition = structuredClone(valid);
		edit(definition);
		const problems = definitionProblems(definition);
		expect(problems).toContainEqual({ field, message: expect.stringMatching(message) });
		// The one edit is the only complaint: nothing else in the valid definition is blamed.
		expect(problems.filter((p) => p.field !== field)).toEqual([]);
		expect(() => parseDefinition(definition, 'Definition')).toThrow(new RegExp(`^Definition: 1 problem\\(s\\): ${field.replace(/[.[\]]/g, '\\$&')} `));
	});

	test('text that is not JSON at all says so', () => {
		expect(() => parseDefinition('{ "name": "x", ', 'Definition')).toThrow(/^Definition: is not valid JSON/);
	});
});
