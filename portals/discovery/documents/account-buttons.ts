import type { Page } from 'playwright';
import type { AccountIdRule } from '../../definitions/spec';
import { readsAsAccount } from './account-links';
import { looksLikePdf } from './links';
import { settle, snapshot } from './snapshot';

/** Sub-accounts given as buttons on the documents page: how to pick them, and where each id is. */
export interface AccountButtonsFinding {
	buttons: string;
	/** Absent: each account's whole text. */
	id?: AccountIdRule;
	labels: string[];
}

interface ButtonGroup {
	selector: string;
	texts: string[];
	/** An attribute whose values differ from button to button, each named in its text. */
	attribute?: string;
	values: string[];
	/** The button shown as chosen (aria-pressed, aria-selected, active), where one is. */
	current: number;
}

/**
 * Buttons that are not part of a form (a press sends nothing by itself), grouped by tag and
 * class: each group's selector picks exactly its buttons. Read only; nothing pressed here.
 */
async function buttonGroups(page: Page): Promise<ButtonGroup[]> {
	return page.evaluate(() => {
		const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
		const free = Array.from(
			document.querySelectorAll<HTMLElement>('button, [role=button], [role=tab]'),
		).filter((b) => !b.closest('form') && !b.closest('a[href]'));
		const groups = new Map<string, HTMLElement[]>();
		for (const b of free)
			for (const c of Array.from(b.classList)) {
				const selector = `${b.tagName.toLowerCase()}.${CSS.escape(c)}`;
				groups.set(selector, [...(groups.get(selector) ?? []), b]);
			}
		return [...groups.entries()]
			.filter(
				([selector, els]) =>
					els.length >= 2 && document.querySelectorAll(selector).length === els.length,
			)
			.map(([selector, els]) => {
				const names = els[0].getAttributeNames().filter((n) => n.startsWith('data-'));
				const attribute = names.find((n) => {
					const values = els.map((e) => e.getAttribute(n) ?? '');
					return (
						new Set(values).size === els.length &&
						values.every((v, i) => v && text(els[i]).includes(v))
					);
				});
				return {
					selector,
					texts: els.map(text),
					attribute,
					values: els.map((e) => (attribute ? e.getAttribute(attribute)! : text(e))),
					current: els.findIndex(
						(e) =>
							e.getAttribute('aria-pressed') === 'true' ||
							e.getAttribute('aria-selected') === 'true' ||
							e.classList.contains('active'),
					),
				};
			});
	});
}

/** The PDF links the page shows now (the rows' files). */
async function files(page: Page): Promise<Set<string>> {
	return new Set(
		(await snapshot(page, [])).links.filter((l) => looksLikePdf(l.href)).map((l) => l.href),
	);
}

/**
 * Sub-accounts given as buttons that swap the list in the page (issue 33): buttons outside any
 * form, sharing a class, whose texts read as accounts (never a forbidden word). Confirmed by one
 * guarded press of another account's button, as a person reading would: the page stays where
 * it is, and the rows show other files. The browser is left on the documents page, reloaded.
 */
export async function accountButtonsOf(
	page: Page,
	listUrl: string,
	rows: string,
): Promise<AccountButtonsFinding | undefined> {
	const groups = (await buttonGroups(page)).filter(
		(g) =>
			new Set(g.values).size === g.values.length &&
			g.texts.every((t, i) => readsAsAccount(t, g.values[i])),
	);
	try {
		for (const group of groups) {
			const before = await files(page);
			const other = group.current === 0 ? 1 : 0;
			await page.locator(group.selector).nth(other).click({ timeout: 5_000 });
			let changed = false;
			for (let i = 0; i < 40 && !changed && page.url() === listUrl; i++) {
				await page.waitForTimeout(100);
				const count = await page.evaluate((s) => document.querySelectorAll(s).length, rows);
				changed = count > 0 && [...(await files(page))].some((f) => !before.has(f));
			}
			if (page.url() !== listUrl) return undefined;
			if (!changed) continue;
			return {
				buttons: group.selector,
				...(group.attribute ? { id: { attribute: group.attribute } } : {}),
				labels: group.texts,
			};
		}
		return undefined;
	} catch {
		return undefined;
	} finally {
		await page.goto(listUrl, { waitUntil: 'domcontentloaded' }).catch(() => null);
		await settle(page);
	}
}
