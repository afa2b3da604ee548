import { parseHTML } from 'linkedom';
import type { PageFunction, Readable } from '../contract/surface';

/** A page as the server sent it, parsed: its document, and the address it came from. */
export interface HtmlPage {
	/** linkedom's document, typed as the DOM's: reader functions use standard DOM calls. */
	document: Document;
	url: string;
	/** The absolute base links resolve against: <base href>, else the page's address. */
	baseUrl: string;
}

/**
 * Parses a page's HTML with linkedom. linkedom leaves document.baseURI (and URL) empty, since
 * it does not know where the HTML came from; they are set here to the page's real addresses, so
 * reader functions can resolve links with `new URL(el.getAttribute('href'), document.baseURI)`
 * in either engine.
 */
export function parsePage(html: string, url: string): HtmlPage {
	const { document } = parseHTML(html) as unknown as { document: Document };
	const baseUrl = baseOf(document, url);
	for (const [name, value] of [
		['baseURI', baseUrl],
		['URL', url],
		['documentURI', url],
	])
		Object.defineProperty(document, name, { value, configurable: true, enumerable: true });
	return { document, url, baseUrl };
}

/**
 * Runs a reader in Node with `document` set to the parsed page, the same function the browser
 * runs through page.evaluate. Readers are synchronous: should one return a promise, it is
 * awaited, but `document` is only set while the function itself runs (a global cannot be held
 * for one caller across an await while other runs share the process).
 */
export async function evaluateOn<R, A>(page: HtmlPage, fn: PageFunction<A, R>, arg: A): Promise<R> {
	const global = globalThis as { document?: unknown };
	const before = Object.getOwnPropertyDescriptor(global, 'document');
	Object.defineProperty(global, 'document', {
		value: page.document,
		configurable: true,
		writable: true,
	});
	let result: R;
	try {
		result = fn(arg);
	} finally {
		if (before) Object.defineProperty(global, 'document', before);
		else delete global.document;
	}
	return (await result) as R;
}

/** A parsed page to read with the definition readers (and nothing else: it cannot be acted on). */
export function readablePage(page: HtmlPage): Readable {
	return {
		url: () => page.url,
		evaluate: (fn, arg) => evaluateOn(page, fn, arg),
	};
}

/** An empty page, before the first one is opened (a browser tab's about:blank). */
export function blankPage(): HtmlPage {
	return parsePage('<!doctype html><html><head></head><body></body></html>', 'about:blank');
}

function baseOf(document: Document, url: string): string {
	// Only the first <base href> counts, as in browsers.
	const href = document.querySelector('base[href]')?.getAttribute('href');
	if (!href) return url;
	try {
		return new URL(href, url).href;
	} catch {
		return url;
	}
}

/** Resolves an attribute's address (href, action) against the page's base; undefined when broken. */
export function resolve(page: HtmlPage, address: string): URL | undefined {
	try {
		return new URL(address.trim(), page.baseUrl);
	} catch {
		return undefined;
	}
}

// Script types a browser runs; anything else (JSON data, templates, import maps) draws nothing.
const SCRIPT_TYPES =
	/^(|module|(text|application)\/(x-)?(java|ecma)script|text\/(jscript|livescript)|text\/javascript1\.[0-5])$/;

/**
 * Whether the page runs scripts: a <script> with a src or inline code, of a type a browser runs.
 * Such a page may draw what the server's HTML lacks, so a missing element means "needs the
 * browser" there, and "the portal changed" only on a page without scripts.
 */
export function hasScripts(page: HtmlPage): boolean {
	// A page that submits itself on load (single sign-on's form_post answer) acts by script too.
	if (page.document.querySelector('body[onload]')) return true;
	return Array.from(page.document.querySelectorAll('script')).some((script) => {
		const type = (script.getAttribute('type') ?? '').trim().toLowerCase().split(';')[0].trim();
		if (!SCRIPT_TYPES.test(type)) return false;
		return script.hasAttribute('src') || (script.textContent ?? '').trim() !== '';
	});
}

const BLOCK =
	/^(address|article|aside|blockquote|br|dd|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|tbody|td|tfoot|th|thead|tr|ul)$/;

/**
 * The page's visible text, lines roughly as the browser's innerText breaks them (linkedom has no
 * layout, and its innerText includes scripts and styles). Used for an error page's wording, so
 * that a maintenance notice is recognised as in the browser engine.
 */
export function pageText(page: HtmlPage, maxChars = 2000): string {
	const parts: string[] = [];
	let length = 0;
	const walk = (node: Node): void => {
		if (length > maxChars) return;
		if (node.nodeType === 3) {
			const text = (node.textContent ?? '').replace(/\s+/g, ' ');
			parts.push(text);
			length += text.length;
			return;
		}
		if (node.nodeType !== 1) return;
		const name = (node as Element).localName;
		if (/^(script|style|template|noscript|head)$/.test(name)) return;
		const block = BLOCK.test(name);
		if (block) parts.push('\n');
		node.childNodes.forEach(walk);
		if (block) parts.push('\n');
	};
	if (page.document.body) walk(page.document.body);
	return parts
		.join('')
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean)
		.join('\n')
		.slice(0, maxChars);
}

/**
 * Decodes a page's bytes with the charset the server declared, or a <meta charset> in its first
 * kilobytes, else UTF-8 (what browsers assume for modern pages). Older portals still serve
 * windows-1252 or ISO-8859-1; reading them as UTF-8 would garble every accented name.
 */
export function decodeHtml(body: Buffer, contentType: string | null): string {
	const declared =
		contentType?.match(/charset=["']?([\w.:-]+)/i)?.[1] ??
		body
			.subarray(0, 4096)
			.toString('latin1')
			.match(/<meta[^>]+charset=["']?([\w.:-]+)/i)?.[1];
	try {
		return new TextDecoder(declared ?? 'utf-8').decode(body);
	} catch {
		return new TextDecoder('utf-8').decode(body);
	}
}
