import { NeedsBrowser } from '../../../../../portals/core/contract/needs-browser';
import { FormEdits, formOwner, formSubmission } from '../../../../../portals/core/http/forms';
import { parsePage, type HtmlPage } from '../../../../../portals/core/http/html-page';

const PAGE_URL = 'https://portal.example/account/login?step=1';

function page(body: string, url = PAGE_URL): HtmlPage {
	return parsePage(`<!doctype html><html><head></head><body>${body}</body></html>`, url);
}

function el(p: HtmlPage, selector: string): Element {
	const found = p.document.querySelector(selector);
	if (!found) throw new Error(`test page has no ${selector}`);
	return found;
}

/** The submission of the form around (or named by) `button`, pressed, as name/value pairs. */
function press(p: HtmlPage, button: string, edits = new FormEdits()) {
	const submitter = el(p, button);
	const s = formSubmission(p, formOwner(submitter)!, edits, submitter);
	const fields =
		s.body instanceof FormData
			? [...s.body.entries()].map(([k, v]) => [k, String(v)])
			: [...(s.body ?? new URL(s.url).searchParams).entries()];
	return { ...s, fields };
}

describe('form submission as a browser sends it', () => {
	test('a login form sends the hidden CSRF token, the typed fields and the pressed button', () => {
		const p = page(`<form method="post" action="/login">
			<input type="hidden" name="csrf" value="tok-123">
			<input id="user" name="username" value="prefilled">
			<input id="pass" type="password" name="password">
			<button name="action" value="login">Log in</button>
			<button name="action" value="forgot">Forgot password</button></form>`);
		const edits = new FormEdits();
		edits.setValue(el(p, '#user'), 'anna@example.test');
		edits.setValue(el(p, '#pass'), 'secret pw&=');
		const s = press(p, 'button[value=login]', edits);
		expect(s.method).toBe('POST');
		expect(s.url).toBe('https://portal.example/login');
		expect(s.body).toBeInstanceOf(URLSearchParams);
		expect(s.fields).toEqual([
			['csrf', 'tok-123'],
			['username', 'anna@example.test'],
			['password', 'secret pw&='],
			['action', 'login'],
		]);
		// Typed values stay out of the page's markup (a debug dump, a reader).
		expect(el(p, '#pass').getAttribute('value')).toBeNull();
		expect(p.document.documentElement.outerHTML).not.toContain('secret pw');
	});

	test('only the pressed button is sent; an unlabelled submit input sends "Submit"', () => {
		const p = page(`<form method="post">
			<input type="submit" name="go"><input type="submit" name="other" value="Other">
			<button type="button" name="js" value="1">Script</button><button type="reset" name="r">Reset</button></form>`);
		expect(press(p, 'input[name=go]').fields).toEqual([['go', 'Submit']]);
		expect(press(p, 'input[name=other]').fields).toEqual([['other', 'Other']]);
	});

	test('an image button adds its click position name.x and name.y', () => {
		const p = page(
			`<form action="/search"><input name="q" value="x"><input type="image" name="find" src="/go.png"></form>`,
		);
		expect(press(p, 'input[type=image]').fields).toEqual([
			['q', 'x'],
			['find.x', '0'],
			['find.y', '0'],
		]);
	});

	test("the button's formaction, formmethod and formenctype override the form's", () => {
		const p = page(`<form method="get" action="/list">
			<input type="hidden" name="csrf" value="t">
			<button id="plain">Filter</button>
			<button id="export" formaction="/export?format=csv" formmethod="post" formenctype="multipart/form-data" name="what" value="all">Export</button></form>`);
		const plain = press(p, '#plain');
		expect(plain.method).toBe('GET');
		expect(plain.url).toBe('https://portal.example/list?csrf=t');
		const exported = press(p, '#export');
		expect(exported.method).toBe('POST');
		expect(exported.url).toBe('https://portal.example/export?format=csv');
		expect(exported.body).toBeInstanceOf(FormData);
		expect(exported.fields).toEqual([
			['csrf', 't'],
			['what', 'all'],
		]);
	});

	test("a GET form replaces the action's query with its fields; no action is the page itself", () => {
		const p = page(`<form action="/invoices?page=3#top"><input name="from" value="2026-01-01">
			<input name="to" value="2026-03-31"><button>Filter</button></form>
			<form id="here"><input name="q" value="a b"><button id="h">Go</button></form>`);
		expect(press(p, 'form button').url).toBe(
			'https://portal.example/invoices?from=2026-01-01&to=2026-03-31#top',
		);
		expect(press(p, '#h').url).toBe('https://portal.example/account/login?q=a+b');
	});

	test('relative actions resolve against <base href>', () => {
		const p = page(
			`<base href="https://portal.example/app/"><form method="post" action="session"><button>Go</button></form>`,
		);
		expect(press(p, 'button').url).toBe('https://portal.example/app/session');
	});

	test('a multipart form is sent as FormData with every field', () => {
		const p = page(`<form method="post" enctype="multipart/form-data" action="/upload">
			<input type="hidden" name="csrf" value="t"><input type="file" name="doc">
			<textarea name="note">
line one</textarea><button>Send</button></form>`);
		const s = press(p, 'button');
		expect(s.body).toBeInstanceOf(FormData);
		// The file input is left out: nothing is ever uploaded.
		expect(s.fields).toEqual([
			['csrf', 't'],
			['note', 'line one'],
		]);
	});

	test('disabled and nameless controls are skipped, also inside a disabled fieldset', () => {
		const p = page(`<form method="post">
			<input name="a" value="1"><input name="b" value="2" disabled><input value="nameless">
			<fieldset disabled><legend><input name="inLegend" value="3"></legend><input name="c" value="4"></fieldset>
			<select name="s" disabled><option selected>x</option></select>
			<button>Go</button></form>`);
		expect(press(p, 'button').fields).toEqual([
			['a', '1'],
			['inLegend', '3'],
		]);
	});

	test('checkboxes and radios: only ticked ones, "on" without a value; ticking a radio clears its group', () => {
		const p = page(`<form method="post">
			<input type="checkbox" name="remember" id="remember">
			<input type="checkbox" name="news" value="yes" checked>
			<input type="checkbox" name="terms" value="ok">
			<input type="radio" name="via" value="sms" checked><input type="radio" name="via" value="mail" id="mail">
			<button>Go</button></form>`);
		expect(press(p, 'button').fields).toEqual([
			['news', 'yes'],
			['via', 'sms'],
		]);
		const edits = new FormEdits();
		edits.setChecked(el(p, '#remember'), true);
		edits.setChecked(el(p, '#mail'), true);
		expect(press(p, 'button', edits).fields).toEqual([
			['remember', 'on'],
			['news', 'yes'],
			['via', 'mail'],
		]);
	});

	test('selects send their selected options, a single select its first option when none is selected', () => {
		const p = page(`<form method="post">
			<select name="account" id="account"><option disabled>Choose</option><option value="C1">One</option><option>  Two
			 words </option></select>
			<select name="multi" multiple><option selected value="a">A</option><option value="b">B</option><option selected>C</option></select>
			<select name="none" multiple><option>x</option></select>
			<button>Go</button></form>`);
		expect(press(p, 'button').fields).toEqual([
			['account', 'C1'],
			['multi', 'a'],
			['multi', 'C'],
		]);
		const edits = new FormEdits();
		edits.choose(el(p, '#account'), p.document.querySelectorAll('#account option')[2]);
		expect(press(p, 'button', edits).fields[0]).toEqual(['account', 'Two words']);
	});

	test('controls outside the form with form="id" count; controls inside naming another form do not', () => {
		const p = page(`<form id="login" method="post" action="/login"><input name="user" value="u">
			<input name="elsewhere" value="x" form="other"></form>
			<input name="pass" value="p" form="login"><button form="login" name="go" value="1">Log in</button>
			<form id="other"></form>`);
		expect(press(p, 'button[form=login]').fields).toEqual([
			['user', 'u'],
			['pass', 'p'],
			['go', '1'],
		]);
	});

	test('a form sent by a script or into a dialog needs the browser', () => {
		const p = page(`<form action="javascript:login()"><button id="a">Go</button></form>
			<form method="dialog"><button id="b">Close</button></form>`);
		expect(() => press(p, '#a')).toThrow(NeedsBrowser);
		expect(() => press(p, '#b')).toThrow(NeedsBrowser);
	});
});
