import type { Readable, Surface } from '../contract/surface';
import { MASK, type Redactor } from '../outcomes/redactor';

/** What masking the page did: how many texts it changed, and whether the page is clean now. */
interface Masking {
	masked: number;
	clean: boolean;
}

/**
 * Masks the run's secrets in the page itself, before it is photographed or saved as debug HTML:
 * every text node, attribute and form field value (a portal that repeats the password may put it
 * into its error text, a title, or the password field's value). Works on either engine's page:
 * the browser's live document, or the HTML the HTTP engine parsed. Clean means the page's whole
 * text and field values hold no secret afterwards; a secret split across elements
 * (`Pw-<b>x</b>`) is not masked, and leaves the page unclean.
 */
export async function hideSecrets(page: Readable, redactor: Redactor): Promise<Masking> {
	const source = redactor.source;
	if (!source) return { masked: 0, clean: true };
	try {
		return await page.evaluate(
			({ source, mask }) => {
				const secret = new RegExp(source, 'gu');
				let masked = 0;
				const clean = (text: string) => {
					const next = text.replace(secret, mask);
					if (next !== text) masked += 1;
					return next;
				};
				const fields: HTMLInputElement[] = [];
				const visit = (node: Node) => {
					if (node.nodeType === 3) {
						const text = node.nodeValue ?? '';
						const next = clean(text);
						if (next !== text) node.nodeValue = next;
						return;
					}
					if (node.nodeType === 1) {
						const element = node as Element;
						for (const attr of Array.from(element.attributes)) {
							const next = clean(attr.value);
							if (next !== attr.value) element.setAttribute(attr.name, next);
						}
						if (/^(INPUT|TEXTAREA)$/.test(element.tagName))
							fields.push(element as HTMLInputElement);
						if (element.shadowRoot) visit(element.shadowRoot);
					}
					Array.from(node.childNodes).forEach(visit);
				};
				visit(document);
				// A typed value is no attribute: the field's value property holds it.
				for (const field of fields) {
					const next = clean(field.value ?? '');
					if (next !== field.value) field.value = next;
				}
				const shown = [document.documentElement.textContent ?? '', ...fields.map((f) => f.value)];
				return { masked, clean: !shown.some((text) => new RegExp(source, 'u').test(text ?? '')) };
			},
			{ source, mask: MASK },
		);
	} catch {
		// A page that cannot be read cannot be shown to be clean.
		return { masked: 0, clean: false };
	}
}

/**
 * A screenshot of a page whose secrets are masked, or none: none when the page could not be
 * cleaned, and none when the page held a secret again right after the picture (a page script
 * that writes the text anew could have put it back before the picture was taken).
 */
export async function screenshotWithoutSecrets(
	page: Surface,
	redactor: Redactor,
): Promise<Buffer | undefined> {
	if (!(await hideSecrets(page, redactor)).clean) return undefined;
	const shot = await page.screenshot();
	if (!shot) return undefined;
	const after = await hideSecrets(page, redactor);
	return after.clean && after.masked === 0 ? shot : undefined;
}
