import type { Page } from 'playwright';
import { ACCOUNT_WORDS, labelSays } from '../words/document-words';

export interface AccountsFinding {
	select?: string;
	options: string[];
	label?: string;
}

/**
 * A sub-account switcher on the documents page: a <select> whose id, name or label says
 * account, contract, customer (Kunde, Vertrag, compte, contrat, klant, cuenta, contrato,
 * conto, contratto ...). It is only read here; the run chooses its options.
 */
export async function accountsOf(page: Page): Promise<AccountsFinding> {
	const selects = await page.evaluate(() =>
		Array.from(document.querySelectorAll('select')).map((s) => {
			const label =
				(s.id && document.querySelector(`label[for="${CSS.escape(s.id)}"]`)?.textContent) ||
				// A label around the select also holds the options' text: only its own words.
				s.closest('label')?.textContent?.replace(s.textContent ?? '', '') ||
				s.getAttribute('aria-label') ||
				'';
			const selector = s.id
				? `select#${CSS.escape(s.id)}`
				: s.name
					? `select[name="${s.name.replace(/"/g, '')}"]`
					: '';
			return {
				selector,
				unique: !!selector && document.querySelectorAll(selector).length === 1,
				says: `${s.id} ${s.name} ${label}`,
				label: label.trim(),
				options: Array.from(s.options).map((o) => o.text.trim()),
			};
		}),
	);
	const found = selects.find(
		(s) => s.unique && s.options.length && labelSays(s.says, ACCOUNT_WORDS),
	);
	return found
		? { select: found.selector, options: found.options, label: found.label }
		: { options: [] };
}
