import type { DocumentFilters } from '../core/contract/filters';
import type { Readable } from '../core/contract/surface';
import { PortalError, safeUrl } from '../core/outcomes/errors';
import type { AccountIdRule, AccountsSpec } from './spec';

/** Sub-accounts given as links or buttons (documents.accounts without a select). */
export type PageAccountsSpec = Exclude<AccountsSpec, { select: string }>;

/** One sub-account a page offers: its id, its text for people, and, for a link, its address. */
export interface PageAccount {
	id: string;
	label: string;
	/** The link's address, resolved against the page (links only). */
	href?: string;
	/** Its position among the elements the selector matches (which button to press). */
	index: number;
	/** The page shows it as chosen (aria-pressed, aria-selected, aria-current, class active). */
	chosen: boolean;
}

export const accountsSelector = (spec: PageAccountsSpec): string =>
	'links' in spec ? spec.links : spec.buttons;

export const accountsWhat = (spec: PageAccountsSpec): string =>
	`documents.accounts.${'links' in spec ? 'links' : 'buttons'} (${accountsSelector(spec)})`;

/**
 * The sub-accounts the page's links or buttons offer, in page order, each id once; only those
 * the run's account filter names where it names any (the others are never opened). An element
 * whose id cannot be read is a changed layout, not an account to skip: skipping would lose
 * that account's documents without a word.
 */
export async function pageAccounts(
	page: Readable,
	spec: PageAccountsSpec,
	filters: DocumentFilters = {},
): Promise<PageAccount[]> {
	const rule = spec.id ?? {};
	const found = await page.evaluate(
		({ selector, attribute }) =>
			Array.from(document.querySelectorAll(selector)).map((el) => {
				const href = el.getAttribute('href');
				return {
					text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
					href: href ? new URL(href, document.baseURI).href : undefined,
					attribute: attribute ? (el.getAttribute(attribute) ?? undefined) : undefined,
					chosen:
						['aria-pressed', 'aria-selected'].some((a) => el.getAttribute(a) === 'true') ||
						!!el.getAttribute('aria-current') ||
						el.classList.contains('active'),
				};
			}),
		{ selector: accountsSelector(spec), attribute: rule.attribute },
	);
	const accounts = new Map<string, PageAccount>();
	for (const [index, el] of found.entries()) {
		const id = idOf(rule, el);
		if (!id)
			throw new PortalError(
				'LAYOUT_CHANGED',
				`Sub-account ${index + 1} ("${el.text.slice(0, 60)}") has no id where documents.accounts.id says.`,
				{ missingElement: 'documents.accounts.id', url: safeUrl(page.url()) },
			);
		if (!accounts.has(id))
			accounts.set(id, { id, label: el.text, href: el.href, index, chosen: el.chosen });
	}
	const wanted = filters.accountIds?.length ? new Set(filters.accountIds) : undefined;
	return [...accounts.values()].filter((a) => !wanted || wanted.has(a.id));
}

function idOf(
	rule: AccountIdRule,
	el: { text: string; href?: string; attribute?: string },
): string | undefined {
	if (rule.attribute) return el.attribute?.trim() || undefined;
	if (rule.param || rule.pathPart) {
		if (!el.href) return undefined;
		const url = new URL(el.href);
		if (rule.param) return url.searchParams.get(rule.param)?.trim() || undefined;
		const parts = url.pathname.split('/').filter(Boolean);
		const part = parts.at(rule.pathPart! > 0 ? rule.pathPart! - 1 : rule.pathPart!);
		return part ? decodeURIComponent(part) : undefined;
	}
	if (rule.pattern) {
		const match = new RegExp(rule.pattern).exec(el.text);
		return (match?.[1] ?? match?.[0])?.trim() || undefined;
	}
	return el.text || undefined;
}

/** What the rows show now, to tell that a pressed button swapped the list. */
export async function rowsSignature(page: Readable, rows: string): Promise<string> {
	return page.evaluate(
		(s) =>
			Array.from(document.querySelectorAll(s))
				.map((r) => (r.textContent ?? '').replace(/\s+/g, ' ').trim())
				.join('\n'),
		rows,
	);
}
