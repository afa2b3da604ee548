import type { Readable } from '../contract/surface';

/** A bug report needs the page's structure, not megabytes of rows: longer HTML is cut here. */
export const MAX_DEBUG_HTML_CHARS = 1024 * 1024;

/** Attribute names whose values are secrets on typical portals (CSRF, session, API keys, nonces). */
const SECRET_ATTRIBUTE = /csrf|xsrf|token|secret|session|nonce|auth|key|sig|password|code|otp/i;

/**
 * The page's HTML with everything secret taken out, for bug reports about a changed layout.
 * Taken out: every form value (typed or pre-filled, hidden tokens included), textarea contents,
 * secret-looking attributes (data-csrf, meta csrf-token, ...), inline scripts (portals embed
 * session data and tokens there) and query strings of every link and form target (session ids).
 * Cookies are never part of the HTML; the element structure, classes and labels stay, because
 * those are what a layout fix needs.
 */
export async function redactedHtml(page: Readable): Promise<string | undefined> {
	try {
		return await page.evaluate(
			([secretSource, max]) => {
				const secret = new RegExp(secretSource, 'i');
				const root = document.documentElement.cloneNode(true) as HTMLElement;
				const live = document.documentElement.querySelectorAll('input, select, textarea');
				const copies = root.querySelectorAll('input, select, textarea');
				copies.forEach((el, i) => {
					const original = live[i] as HTMLInputElement | undefined;
					const type = (original?.type ?? el.getAttribute('type') ?? '').toLowerCase();
					if (el.hasAttribute('value') || (original && original.value)) {
						// Keep whether a field had a value (it helps a bug report), never the value.
						if (!['checkbox', 'radio', 'submit', 'button'].includes(type))
							el.setAttribute('value', '[redacted]');
					}
					if (el.tagName === 'TEXTAREA') el.textContent = '';
				});
				root.querySelectorAll('*').forEach((el) => {
					for (const attr of Array.from(el.attributes)) {
						if (
							attr.name === 'value' ||
							attr.name === 'type' ||
							attr.name === 'name' ||
							attr.name === 'id' ||
							attr.name === 'class' ||
							attr.name === 'for'
						)
							continue;
						if (secret.test(attr.name)) el.setAttribute(attr.name, '[redacted]');
						else if (
							el.tagName === 'META' &&
							attr.name === 'content' &&
							secret.test(el.getAttribute('name') ?? '')
						)
							el.setAttribute('content', '[redacted]');
						else if (
							['href', 'src', 'action', 'formaction', 'data-href', 'data-url'].includes(
								attr.name,
							) ||
							attr.name.startsWith('data-')
						) {
							el.setAttribute(attr.name, attr.value.replace(/[?#].*$/s, ''));
						}
					}
				});
				root.querySelectorAll('script').forEach((s) => {
					s.textContent = '';
				});
				// Cut in the page: a huge page's HTML never crosses into n8n's process whole.
				const html = root.outerHTML;
				const cut =
					html.length > max ? `${html.slice(0, max)}\n<!-- cut at ${max} characters -->` : html;
				return `<!doctype html>\n${cut}`;
			},
			[SECRET_ATTRIBUTE.source, MAX_DEBUG_HTML_CHARS] as const,
		);
	} catch {
		return undefined;
	}
}
