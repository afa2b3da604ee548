import type { Page } from 'playwright';
import {
	CODE_INPUT_PATTERN,
	LOGOUT_PATTERN,
	NOT_SUBMIT_PATTERN,
	STRONG_CODE_PATTERN,
	SUBMIT_PATTERN,
	USERNAME_WORDS,
} from '../words/login-words';

/** What a sign-in page holds, as selectors a definition can use. Read in one page.evaluate. */
export interface LoginScan {
	url: string;
	/** The form with a visible password field (or, for a two-step login, only a user-name field). */
	form?: {
		username?: string;
		password?: string;
		submit?: string;
		/** Fields in the form besides these (for the report): "hidden csrf", "checkbox remember". */
		others: string[];
	};
	/** A one-time-code input: a single short field, no password field on the page. */
	code?: {
		input: string;
		submit?: string;
		prompt: string;
		promptSelector?: string;
		remember?: string;
		/** Named or marked as a sign-in code (one-time-code, otp ...), not just a short field. */
		strong: boolean;
	};
	/** A link or button that ends the session ("Log out"): the page is signed in. */
	logout?: { selector: string; text: string };
	/** Messages shown near the form (errors, notices), with their selectors. */
	messages: { selector: string; text: string }[];
	/** An image captcha: its input and image; or a token captcha's site key. */
	captcha?: { input?: string; image?: string; siteKey?: string };
	/** The page's visible text, shortened: for code-method and message words. */
	text: string;
	/** The page's visible links (the first 150): the signed-in page's new ones mark it. */
	links: { href: string; selector: string; text: string }[];
}

/**
 * Reads the current page for discovery. Everything runs inside the page, so it works the same
 * on server-rendered pages and apps; the patterns travel as strings (a RegExp cannot be sent).
 */
export async function scanLoginPage(page: Page): Promise<LoginScan> {
	return page.evaluate(
		(p) => {
			const re = (s: string) => new RegExp(s, 'i');
			const visible = (el: Element) => {
				const h = el as HTMLElement;
				if (h.hidden || (h as HTMLInputElement).type === 'hidden') return false;
				const style = getComputedStyle(h);
				if (style.display === 'none' || style.visibility === 'hidden') return false;
				const r = h.getBoundingClientRect();
				return r.width > 0 && r.height > 0;
			};
			const esc = (s: string) => CSS.escape(s);
			const unique = (sel: string, el: Element) => {
				try {
					const found = document.querySelectorAll(sel);
					return found.length === 1 && found[0] === el;
				} catch {
					return false;
				}
			};
			// The shortest selector that finds exactly this element: id, name, a class, then a path.
			const selectorOf = (el: Element): string => {
				const tag = el.tagName.toLowerCase();
				if (el.id && !/\d{4,}|[:]/.test(el.id) && unique(`#${esc(el.id)}`, el))
					return `#${esc(el.id)}`;
				const name = el.getAttribute('name');
				if (name && unique(`${tag}[name="${name}"]`, el)) return `${tag}[name="${name}"]`;
				const type = el.getAttribute('type');
				if (type && unique(`${tag}[type="${type}"]`, el)) return `${tag}[type="${type}"]`;
				for (const c of Array.from(el.classList)) {
					if (/\d{3,}|^(is|has|ng|v)-/.test(c)) continue;
					if (unique(`${tag}.${esc(c)}`, el)) return `${tag}.${esc(c)}`;
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
			};
			const textOf = (el: Element) =>
				((el as HTMLElement).innerText || el.textContent || '').replace(/\s+/g, ' ').trim();
			const labelOf = (input: Element) => {
				const id = input.id;
				const label = id ? document.querySelector(`label[for="${esc(id)}"]`) : null;
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
			};
			const inputs = Array.from(document.querySelectorAll('input, textarea')).filter(visible);
			const textTypes = ['text', 'email', 'tel', ''];
			const isTextInput = (el: Element) =>
				el.tagName === 'INPUT' &&
				textTypes.includes(
					(el as HTMLInputElement).type === 'text' ? 'text' : (el.getAttribute('type') ?? ''),
				);
			const userScore = (el: Element) => {
				const words = labelOf(el);
				let score = 0;
				if (/username|email/.test(el.getAttribute('autocomplete') ?? '')) score += 5;
				if (el.getAttribute('type') === 'email') score += 3;
				if (p.userWords.some((w) => words.includes(w))) score += 3;
				if (/search|captcha|otp|code|query|suche|recherche|zoek|buscar|cerca/.test(words))
					score -= 10;
				return score;
			};
			const submitOf = (scope: Element, field?: Element) => {
				const buttons = Array.from(
					scope.querySelectorAll('button, input[type=submit], input[type=image]'),
				).filter(
					(b) =>
						visible(b) &&
						(b.tagName !== 'BUTTON' || (b.getAttribute('type') ?? 'submit') === 'submit') &&
						!re(p.notSubmit).test(`${textOf(b)} ${(b as HTMLInputElement).value ?? ''} ${b.id}`),
				);
				const worded = buttons.find((b) =>
					re(p.submit).test(
						`${textOf(b)} ${(b as HTMLInputElement).value ?? ''} ${b.id} ${b.getAttribute('name') ?? ''}`,
					),
				);
				const chosen = worded ?? buttons[0];
				void field;
				return chosen ? selectorOf(chosen) : undefined;
			};

			const password = inputs.find((el) => el.getAttribute('type') === 'password');
			let form: LoginScanForm | undefined;
			type LoginScanForm = {
				username?: string;
				password?: string;
				submit?: string;
				others: string[];
			};
			const scopeOf = (el: Element) => el.closest('form') ?? document.body;
			if (password) {
				const scope = scopeOf(password);
				const candidates = inputs.filter(
					(el) => scope.contains(el) && isTextInput(el) && userScore(el) > -5,
				);
				// Before the password field, best-scored first.
				const before = candidates.filter(
					(el) => el.compareDocumentPosition(password) & Node.DOCUMENT_POSITION_FOLLOWING,
				);
				const user = [...before].sort((a, b) => userScore(b) - userScore(a))[0];
				form = {
					username: user ? selectorOf(user) : undefined,
					password: selectorOf(password),
					submit: submitOf(scope, password),
					others: [],
				};
			} else {
				// Step one of a two-step login: a form whose only text field asks for the user name.
				const user = inputs
					.filter((el) => isTextInput(el) && userScore(el) >= 3)
					.sort((a, b) => userScore(b) - userScore(a))[0];
				if (user) {
					const scope = scopeOf(user);
					const fields = inputs.filter((el) => scope.contains(el) && isTextInput(el));
					if (fields.length === 1)
						form = { username: selectorOf(user), submit: submitOf(scope, user), others: [] };
				}
			}
			if (form) {
				const scope = password ? scopeOf(password) : document.body;
				form.others = Array.from(scope.querySelectorAll('input'))
					.filter((i) => !['password'].includes(i.type) && selectorOf(i) !== form!.username)
					.map((i) => `${i.type} ${i.name || i.id}`.trim())
					.slice(0, 8);
			}

			let code: LoginScan['code'];
			if (!password) {
				const short = inputs.filter((el) => {
					if (!isTextInput(el) && el.getAttribute('type') !== 'number') return false;
					const max = Number(el.getAttribute('maxlength') || 0);
					return (
						el.getAttribute('autocomplete') === 'one-time-code' ||
						re(p.codeInput).test(`${el.getAttribute('name') ?? ''} ${el.id}`) ||
						el.getAttribute('inputmode') === 'numeric' ||
						(max > 0 && max <= 10)
					);
				});
				const scope = short[0] ? scopeOf(short[0]) : undefined;
				const others = scope
					? inputs.filter(
							(el) =>
								scope.contains(el) && (isTextInput(el) || el.getAttribute('type') === 'number'),
						)
					: [];
				if (
					short.length === 1 &&
					others.length === 1 &&
					!(
						form?.username &&
						short[0] !== undefined &&
						selectorOf(short[0]) === form.username &&
						userScore(short[0]) >= 3
					)
				) {
					const input = short[0];
					// The prompt: the nearest paragraph or heading above the form that says what to enter.
					const container =
						scope === document.body ? document.body : (scope!.parentElement ?? document.body);
					const promptEl = Array.from(
						container.querySelectorAll('p, h1, h2, h3, label, div.prompt, span'),
					)
						.filter((e) => visible(e) && textOf(e).length > 8 && !e.querySelector('input, form'))
						.sort((a, b) => textOf(b).length - textOf(a).length)[0];
					const remember = Array.from(scope!.querySelectorAll('input[type=checkbox]'))[0];
					code = {
						input: selectorOf(input),
						submit: submitOf(scope!, input),
						prompt: textOf(container).slice(0, 400),
						promptSelector: promptEl ? selectorOf(promptEl) : undefined,
						remember: remember ? selectorOf(remember) : undefined,
						strong:
							input.getAttribute('autocomplete') === 'one-time-code' ||
							re(p.strongCode).test(`${input.getAttribute('name') ?? ''} ${input.id}`),
					};
					if (form && form.username === code.input) form = undefined;
				}
			}

			const logoutEl = Array.from(document.querySelectorAll('a, button, input[type=submit]')).find(
				(el) =>
					re(p.logout).test(
						`${textOf(el)} ${(el as HTMLInputElement).value ?? ''} ${el.getAttribute('href') ?? ''} ${el.getAttribute('title') ?? ''}`,
					),
			);
			const messages = Array.from(
				document.querySelectorAll(
					'[role=alert], .error, .errors, .alert, .message, .errorbox, .warning, .notice, .flash, .invalid-feedback, .mw-message-box-error, .form-error, .login-error',
				),
			)
				.filter((el) => visible(el) && textOf(el).length > 2)
				.map((el) => ({ selector: selectorOf(el), text: textOf(el).slice(0, 300) }))
				.filter((m, i, all) => all.findIndex((o) => o.text === m.text) === i)
				.slice(0, 5);
			const captchaInput = inputs.find((el) => /captcha/i.test(labelOf(el)));
			const captchaImage = Array.from(document.querySelectorAll('img')).find((img) =>
				/captcha|security check|robot/i.test(`${img.id} ${img.alt} ${img.src} ${img.className}`),
			);
			const siteKey =
				document.querySelector('[data-sitekey]')?.getAttribute('data-sitekey') ?? undefined;
			return {
				url: location.href,
				form,
				code,
				logout: logoutEl
					? {
							selector: selectorOf(logoutEl),
							text: textOf(logoutEl) || ((logoutEl as HTMLInputElement).value ?? ''),
						}
					: undefined,
				messages,
				captcha:
					captchaInput || siteKey
						? {
								input: captchaInput ? selectorOf(captchaInput) : undefined,
								image: captchaImage ? selectorOf(captchaImage) : undefined,
								siteKey,
							}
						: undefined,
				text: textOf(document.body).slice(0, 3000),
				links: Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]'))
					.filter((a) => visible(a) && /^https?:/.test(a.href))
					.slice(0, 150)
					.map((a) => ({
						href: a.href.split('#')[0],
						selector: selectorOf(a),
						text: textOf(a).slice(0, 80),
					})),
			};
		},
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
