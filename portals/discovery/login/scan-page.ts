import type { Page } from 'playwright';
import { evaluateWith } from '../in-page';
import type { LoginScan } from './login-scan';
import {
	CODE_INPUT_PATTERN,
	LOGOUT_PATTERN,
	NOT_SUBMIT_PATTERN,
	STRONG_CODE_PATTERN,
	SUBMIT_PATTERN,
	USERNAME_WORDS,
} from '../words/login-words';

export type { LoginScan } from './login-scan';

/** The words and patterns the scan looks for; patterns travel as their source (a RegExp cannot be sent). */
interface ScanWords {
	userWords: string[];
	logout: string;
	codeInput: string;
	strongCode: string;
	submit: string;
	notSubmit: string;
}

type LoginScanForm = NonNullable<LoginScan['form']>;

/**
 * Reads the current page for discovery. Everything runs inside the page, so it works the same
 * on server-rendered pages and apps: one evaluate, by the in-page functions below (in the
 * order they run).
 */
export async function scanLoginPage(page: Page): Promise<LoginScan> {
	return evaluateWith(
		page,
		scanPage,
		[
			visible,
			unique,
			selectorOf,
			textOf,
			labelOf,
			isTextInput,
			userScore,
			scopeOf,
			submitOf,
			signInFormOf,
			codeFormOf,
			sameFormCodeOf,
			promptOf,
			logoutOf,
			messagesOf,
			captchaOf,
			linksOf,
		],
		{
			userWords: USERNAME_WORDS,
			logout: LOGOUT_PATTERN.source,
			codeInput: CODE_INPUT_PATTERN.source,
			strongCode: STRONG_CODE_PATTERN.source,
			submit: SUBMIT_PATTERN.source,
			notSubmit: NOT_SUBMIT_PATTERN.source,
		},
	);
}

/** Runs in the page: what the sign-in page holds (see LoginScan). */
function scanPage(p: ScanWords): LoginScan {
	const inputs = Array.from(document.querySelectorAll('input, textarea')).filter(visible);
	const password = inputs.find((el) => el.getAttribute('type') === 'password');
	const signIn = signInFormOf(inputs, password, p);
	// A page with a password field asks for that, not for a code, unless a code field appeared
	// in the sign-in form once the password was taken (sameFormCodeOf).
	const code = password ? sameFormCodeOf(inputs, password, p) : codeFormOf(inputs, signIn, p);
	// A single field taken for both a user name and a code: it asks for the code.
	const form = signIn && code && signIn.username === code.input ? undefined : signIn;
	return {
		url: location.href,
		form,
		code,
		logout: logoutOf(p),
		messages: messagesOf(),
		captcha: captchaOf(inputs),
		text: textOf(document.body).slice(0, 3000),
		links: linksOf(),
	};
}

/** In the page: whether an element is shown (not hidden, and takes up room). */
function visible(el: Element): boolean {
	const h = el as HTMLElement;
	if (h.hidden || (h as HTMLInputElement).type === 'hidden') return false;
	const style = getComputedStyle(h);
	if (style.display === 'none' || style.visibility === 'hidden') return false;
	const r = h.getBoundingClientRect();
	return r.width > 0 && r.height > 0;
}

/** In the page: whether a selector finds exactly this element (false when it does not parse). */
function unique(sel: string, el: Element): boolean {
	try {
		const found = document.querySelectorAll(sel);
		return found.length === 1 && found[0] === el;
	} catch {
		return false;
	}
}

/** In the page: the shortest selector that finds exactly this element: id, name, a class, then a path. */
function selectorOf(el: Element): string {
	const tag = el.tagName.toLowerCase();
	// Ids and classes with long numbers or framework state are generated: they change.
	if (el.id && !/\d{4,}|[:]/.test(el.id) && unique(`#${CSS.escape(el.id)}`, el))
		return `#${CSS.escape(el.id)}`;
	const name = el.getAttribute('name');
	if (name && unique(`${tag}[name="${name}"]`, el)) return `${tag}[name="${name}"]`;
	const type = el.getAttribute('type');
	if (type && unique(`${tag}[type="${type}"]`, el)) return `${tag}[type="${type}"]`;
	for (const c of Array.from(el.classList)) {
		if (/\d{3,}|^(is|has|ng|v)-/.test(c)) continue;
		if (unique(`${tag}.${CSS.escape(c)}`, el)) return `${tag}.${CSS.escape(c)}`;
	}
	// A link by its address, when the address carries no per-session token.
	const href = el.getAttribute('href');
	if (tag === 'a' && href && !href.includes('?') && unique(`a[href="${href}"]`, el))
		return `a[href="${href}"]`;
	const form = el.closest('form');
	if (form && form !== el) {
		const inForm = `${selectorOf(form)} ${tag}${type ? `[type="${type}"]` : ''}`;
		if (unique(inForm, el)) return inForm;
	}
	const parent = el.parentElement;
	if (!parent || parent === document.documentElement) return tag;
	const index = Array.from(parent.children)
		.filter((c) => c.tagName === el.tagName)
		.indexOf(el);
	return `${selectorOf(parent)} > ${tag}:nth-of-type(${index + 1})`;
}

/** In the page: an element's visible text, whitespace collapsed. */
function textOf(el: Element): string {
	return ((el as HTMLElement).innerText || el.textContent || '').replace(/\s+/g, ' ').trim();
}

/** In the page: all that names an input (its labels, name, id, placeholder ...), lower case. */
function labelOf(input: Element): string {
	const id = input.id;
	const label = id ? document.querySelector(`label[for="${CSS.escape(id)}"]`) : null;
	return [
		label ? textOf(label) : '',
		input.closest('label') ? textOf(input.closest('label')!) : '',
		input.getAttribute('name') ?? '',
		input.id,
		input.getAttribute('placeholder') ?? '',
		input.getAttribute('aria-label') ?? '',
		input.getAttribute('autocomplete') ?? '',
	]
		.join(' ')
		.toLowerCase();
}

/** In the page: an input one types a word into (text, email, tel, or no type). */
function isTextInput(el: Element): boolean {
	return (
		el.tagName === 'INPUT' &&
		['text', 'email', 'tel', ''].includes(
			(el as HTMLInputElement).type === 'text' ? 'text' : (el.getAttribute('type') ?? ''),
		)
	);
}

/** In the page: how much a field looks like the user name (search and code fields score low). */
function userScore(el: Element, userWords: string[]): number {
	const words = labelOf(el);
	let score = 0;
	if (/username|email/.test(el.getAttribute('autocomplete') ?? '')) score += 5;
	if (el.getAttribute('type') === 'email') score += 3;
	if (userWords.some((w) => words.includes(w))) score += 3;
	if (/search|captcha|otp|code|query|suche|recherche|zoek|buscar|cerca/.test(words)) score -= 10;
	return score;
}

/** In the page: a field's form, or the whole page for fields outside any form. */
function scopeOf(el: Element): Element {
	return el.closest('form') ?? document.body;
}

/** In the page: the button that sends a form: the one whose words say so, else the first. */
function submitOf(scope: Element, p: ScanWords): string | undefined {
	const buttons = Array.from(
		scope.querySelectorAll('button, input[type=submit], input[type=image]'),
	).filter(
		(b) =>
			visible(b) &&
			(b.tagName !== 'BUTTON' || (b.getAttribute('type') ?? 'submit') === 'submit') &&
			!new RegExp(p.notSubmit, 'i').test(
				`${textOf(b)} ${(b as HTMLInputElement).value ?? ''} ${b.id}`,
			),
	);
	const worded = buttons.find((b) =>
		new RegExp(p.submit, 'i').test(
			`${textOf(b)} ${(b as HTMLInputElement).value ?? ''} ${b.id} ${b.getAttribute('name') ?? ''}`,
		),
	);
	const chosen = worded ?? buttons[0];
	return chosen ? selectorOf(chosen) : undefined;
}

/**
 * In the page: the sign-in form: the visible password field with the best user-name field
 * before it, or (step one of a two-step login) a form whose only text field asks for the user.
 */
function signInFormOf(
	inputs: Element[],
	password: Element | undefined,
	p: ScanWords,
): LoginScanForm | undefined {
	let form: LoginScanForm | undefined;
	if (password) {
		const scope = scopeOf(password);
		const candidates = inputs.filter(
			(el) => scope.contains(el) && isTextInput(el) && userScore(el, p.userWords) > -5,
		);
		// Before the password field, best-scored first.
		const before = candidates.filter(
			(el) => el.compareDocumentPosition(password) & Node.DOCUMENT_POSITION_FOLLOWING,
		);
		const user = [...before].sort(
			(a, b) => userScore(b, p.userWords) - userScore(a, p.userWords),
		)[0];
		form = {
			username: user ? selectorOf(user) : undefined,
			password: selectorOf(password),
			submit: submitOf(scope, p),
			others: [],
		};
	} else {
		const user = inputs
			.filter((el) => isTextInput(el) && userScore(el, p.userWords) >= 3)
			.sort((a, b) => userScore(b, p.userWords) - userScore(a, p.userWords))[0];
		if (user) {
			const scope = scopeOf(user);
			const fields = inputs.filter((el) => scope.contains(el) && isTextInput(el));
			if (fields.length === 1)
				form = { username: selectorOf(user), submit: submitOf(scope, p), others: [] };
		}
	}
	if (form) {
		// For the report: what else the form sends (a CSRF token, "remember me").
		const scope = password ? scopeOf(password) : document.body;
		form.others = Array.from(scope.querySelectorAll('input'))
			.filter((i) => !['password'].includes(i.type) && selectorOf(i) !== form!.username)
			.map((i) => `${i.type} ${i.name || i.id}`.trim())
			.slice(0, 8);
	}
	return form;
}

/**
 * In the page: a one-time-code form: a single short field (marked as a code, numeric, or at
 * most 10 characters), alone in its form, that is not the user-name field.
 */
function codeFormOf(
	inputs: Element[],
	form: LoginScanForm | undefined,
	p: ScanWords,
): LoginScan['code'] {
	const short = inputs.filter((el) => {
		if (!isTextInput(el) && el.getAttribute('type') !== 'number') return false;
		const max = Number(el.getAttribute('maxlength') || 0);
		return (
			el.getAttribute('autocomplete') === 'one-time-code' ||
			new RegExp(p.codeInput, 'i').test(`${el.getAttribute('name') ?? ''} ${el.id}`) ||
			el.getAttribute('inputmode') === 'numeric' ||
			(max > 0 && max <= 10)
		);
	});
	const scope = short[0] ? scopeOf(short[0]) : undefined;
	const others = scope
		? inputs.filter(
				(el) => scope.contains(el) && (isTextInput(el) || el.getAttribute('type') === 'number'),
			)
		: [];
	if (
		short.length !== 1 ||
		others.length !== 1 ||
		(form?.username &&
			short[0] !== undefined &&
			selectorOf(short[0]) === form.username &&
			userScore(short[0], p.userWords) >= 3)
	)
		return undefined;
	const input = short[0];
	const { container, promptEl } = promptOf(scope!);
	const remember = Array.from(scope!.querySelectorAll('input[type=checkbox]'))[0];
	return {
		input: selectorOf(input),
		submit: submitOf(scope!, p),
		prompt: textOf(container).slice(0, 400),
		promptSelector: promptEl ? selectorOf(promptEl) : undefined,
		remember: remember ? selectorOf(remember) : undefined,
		strong:
			input.getAttribute('autocomplete') === 'one-time-code' ||
			new RegExp(p.strongCode, 'i').test(`${input.getAttribute('name') ?? ''} ${input.id}`),
	};
}

/**
 * In the page: a code field that appeared in the sign-in form itself after the password was
 * accepted (no new page, no new address): one field marked as a code (one-time-code, otp ...)
 * beside a password field that holds the password or can no longer be changed. Read as a
 * code step: taken for the form shown again, its notice would be read as a wrong password.
 */
function sameFormCodeOf(inputs: Element[], password: Element, p: ScanWords): LoginScan['code'] {
	const pw = password as HTMLInputElement;
	if (!pw.value && !pw.readOnly && !pw.disabled) return undefined;
	const marked = inputs.filter(
		(el) =>
			el !== password &&
			(el.getAttribute('autocomplete') === 'one-time-code' ||
				new RegExp(p.strongCode, 'i').test(`${el.getAttribute('name') ?? ''} ${el.id}`)),
	);
	if (marked.length !== 1) return undefined;
	const scope = scopeOf(marked[0]);
	// The field's own label says what to enter; the form's other words (a notice) may not.
	const label =
		(marked[0].id ? document.querySelector(`label[for="${CSS.escape(marked[0].id)}"]`) : null) ??
		marked[0].closest('label');
	const { container, promptEl } = promptOf(marked[0].parentElement ?? scope);
	return {
		input: selectorOf(marked[0]),
		submit: submitOf(scope, p),
		prompt: textOf(label ?? container).slice(0, 400),
		promptSelector: label ? selectorOf(label) : promptEl ? selectorOf(promptEl) : undefined,
		strong: true,
	};
}

/** In the page: the prompt: the nearest paragraph or heading above the form that says what to enter. */
function promptOf(scope: Element): { container: Element; promptEl: Element | undefined } {
	const container =
		scope === document.body ? document.body : (scope.parentElement ?? document.body);
	const promptEl = Array.from(container.querySelectorAll('p, h1, h2, h3, label, div.prompt, span'))
		.filter((e) => visible(e) && textOf(e).length > 8 && !e.querySelector('input, form'))
		.sort((a, b) => textOf(b).length - textOf(a).length)[0];
	return { container, promptEl };
}

/** In the page: a link or button that ends the session ("Log out"): the page is signed in. */
function logoutOf(p: ScanWords): LoginScan['logout'] {
	const el = Array.from(document.querySelectorAll('a, button, input[type=submit]')).find((e) =>
		new RegExp(p.logout, 'i').test(
			`${textOf(e)} ${(e as HTMLInputElement).value ?? ''} ${e.getAttribute('href') ?? ''} ${e.getAttribute('title') ?? ''}`,
		),
	);
	return el
		? { selector: selectorOf(el), text: textOf(el) || ((el as HTMLInputElement).value ?? '') }
		: undefined;
}

/** In the page: the first five distinct messages shown (errors, notices), with their selectors. */
function messagesOf(): LoginScan['messages'] {
	return Array.from(
		document.querySelectorAll(
			'[role=alert], .error, .errors, .alert, .message, .errorbox, .warning, .notice, .flash, .invalid-feedback, .mw-message-box-error, .form-error, .login-error',
		),
	)
		.filter((el) => visible(el) && textOf(el).length > 2)
		.map((el) => ({ selector: selectorOf(el), text: textOf(el).slice(0, 300) }))
		.filter((m, i, all) => all.findIndex((o) => o.text === m.text) === i)
		.slice(0, 5);
}

/** In the page: an image captcha's input and image, or a token captcha's site key. */
function captchaOf(inputs: Element[]): LoginScan['captcha'] {
	const input = inputs.find((el) => /captcha/i.test(labelOf(el)));
	const image = Array.from(document.querySelectorAll('img')).find((img) =>
		/captcha|security check|robot/i.test(`${img.id} ${img.alt} ${img.src} ${img.className}`),
	);
	const siteKey =
		document.querySelector('[data-sitekey]')?.getAttribute('data-sitekey') ?? undefined;
	return input || siteKey
		? {
				input: input ? selectorOf(input) : undefined,
				image: image ? selectorOf(image) : undefined,
				siteKey,
			}
		: undefined;
}

/** In the page: the visible web links (the first 150), without their #fragment. */
function linksOf(): LoginScan['links'] {
	return Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]'))
		.filter((a) => visible(a) && /^https?:/.test(a.href))
		.slice(0, 150)
		.map((a) => ({
			href: a.href.split('#')[0],
			selector: selectorOf(a),
			text: textOf(a).slice(0, 80),
		}));
}
