import type { Page } from 'playwright';
import type { DefinitionSpec, FieldSpec } from '../../definitions/spec';
import { PortalError } from '../../core/outcomes/errors';
import { DOWNLOAD_WORDS } from '../words/document-words';
import { forbiddenWord } from '../words/forbidden-words';
import type { DiscoveryReport } from '../report';
import { accountsOf, type AccountsFinding } from './accounts';
import { fieldsOf, type FieldFinding } from './columns';
import { idOf } from './id';
import { listAddress } from './list-address';
import { shortUrl, type ScoredPage } from './page-score';
import { paginationOf } from './pagination';
import type { PdfProbe } from './pdf-probe';
import { findRows, type RowsFound } from './rows';
import { snapshot } from './snapshot';

/** A step that found nothing: reported, and the error discovery throws (LAYOUT_CHANGED). */
export const missing = (
	message: string,
	report: DiscoveryReport,
	step: 'documents page' | 'rows' | 'fields',
) => {
	report.add({ step, ok: false, summary: message });
	return new PortalError('LAYOUT_CHANGED', message, { missingElement: 'documents' });
};

const samples = (values: (string | null | undefined)[]) =>
	values
		.filter(Boolean)
		.slice(0, 3)
		.map((v) => `"${v}"`)
		.join(', ');

/** Reads the documents page the browser is on: rows, fields, id, pagination, sub-accounts, download. */
export async function describeList(
	page: Page,
	best: ScoredPage,
	domains: string[],
	probe: PdfProbe,
	report: DiscoveryReport,
	/** What a row's download button says (a popover's opener, popover.ts: its own text). */
	buttonWords: string[] = DOWNLOAD_WORDS,
): Promise<DefinitionSpec['documents']> {
	const first = await findRows(page, best.pdfLinks, buttonWords);
	// Infinite scroll adds rows: found by scrolling, which also gives more samples to read.
	const pagination = await paginationOf(page, domains, first?.selector);
	const again = await snapshot(page, DOWNLOAD_WORDS);
	const rows = await findRows(page, await probe.pdfLinks(again.links, again.url), buttonWords);
	if (!rows)
		throw missing(
			`${shortUrl(best.url)} has PDF links, but no repeated rows hold them.`,
			report,
			'rows',
		);
	report.add({
		step: 'rows',
		ok: true,
		summary: `${rows.selector} (${rows.count} rows)`,
		details: [
			`${rows.columns.length} columns read: ${rows.columns.map((c) => c.selector).join(', ')}`,
		],
	});
	const { fields, link } = describeFields(rows, best, report);
	const id = idOf(rows);
	report.add({
		step: 'id',
		ok: true,
		summary: id.how,
		details: id.samples.length ? [`samples: ${samples(id.samples)}`] : undefined,
	});
	report.add({ step: 'pagination', ok: true, summary: pagination.how });
	const accounts = await describeAccounts(page, fields, report);
	const download = describeDownload(rows, link, best, report);
	return {
		url: listAddress(best.url, pagination.spec, domains[0]),
		...(accounts.select ? { accounts: { select: accounts.select } } : {}),
		rows: rows.selector,
		fields,
		id: id.id,
		...(pagination.spec ? { pagination: pagination.spec } : {}),
		download,
	};
}

/** The rows' fields (a number and an issue date at least), and the PDF link as a field. */
function describeFields(
	rows: RowsFound,
	best: ScoredPage,
	report: DiscoveryReport,
): { fields: DefinitionSpec['documents']['fields']; link: FieldSpec | undefined } {
	const findings = fieldsOf(rows, best.snapshot.lang || 'en');
	const link: FieldSpec | undefined = rows.link
		? { selector: rows.link.selector, attribute: 'href' }
		: undefined;
	if (!findings.some((f) => f.name === 'number') && link && rows.link!.hrefs.every(Boolean)) {
		// No number column: the file name in the link is the next best thing.
		const regex = '([^/?#]+?)(?:\\.pdf)?(?:[?#].*)?$';
		findings.push({
			name: 'number',
			spec: { ...link, regex },
			samples: rows.link!.hrefs.slice(0, 3).map((h) => h!.match(new RegExp(regex))?.[1] ?? ''),
		});
	}
	const fields = Object.fromEntries(
		findings.map((f) => [f.name, f.spec]),
	) as DefinitionSpec['documents']['fields'];
	report.add({
		step: 'fields',
		ok: !!fields.number && !!fields.issueDate,
		summary: findings.map((f) => f.name).join(', ') || 'none',
		details: findings.map(describeField),
	});
	if (!fields.number || !fields.issueDate)
		throw missing(
			`${shortUrl(best.url)}: the rows (${rows.selector}) show no ${fields.number ? 'issue date' : 'document number'}.`,
			report,
			'fields',
		);
	return { fields, link };
}

/** A sub-account switcher, read from the top of the page (where it sits, before any scrolling). */
async function describeAccounts(
	page: Page,
	fields: DefinitionSpec['documents']['fields'],
	report: DiscoveryReport,
): Promise<AccountsFinding> {
	await page.evaluate(() => window.scrollTo(0, 0));
	const accounts = await accountsOf(page);
	report.add({
		step: 'sub-accounts',
		ok: true,
		summary: accounts.select
			? `${accounts.select} ("${accounts.label}", ${accounts.options.length} options: ${samples(accounts.options)})`
			: fields.accountId
				? `none to choose; each row names its account (${fields.accountId.selector})`
				: 'none: one account',
	});
	return accounts;
}

/** How a row's file is fetched: its link, or a download button (never one that deletes or cancels). */
function describeDownload(
	rows: RowsFound,
	link: FieldSpec | undefined,
	best: ScoredPage,
	report: DiscoveryReport,
): DefinitionSpec['documents']['download'] {
	const download: DefinitionSpec['documents']['download'] = {};
	if (link) download.link = link;
	const button =
		rows.button && !rows.button.texts.some((t) => forbiddenWord(t))
			? rows.button.selector
			: undefined;
	if (button) download.click = button;
	report.add({
		step: 'download',
		ok: !!(link || button),
		summary:
			[link && `link ${link.selector}`, button && `button ${button} for rows without a link`]
				.filter(Boolean)
				.join('; ') || 'no link or button in the rows',
	});
	if (!link && !button)
		throw missing(`${shortUrl(best.url)}: the rows have no download link.`, report, 'rows');
	return download;
}

function describeField(f: FieldFinding): string {
	const { selector, ...rest } = f.spec;
	const how = Object.entries(rest)
		.filter(([k]) => k !== 'map')
		.map(([k, v]) => `${k} ${JSON.stringify(v)}`)
		.join(', ');
	const map = f.spec.map ? `, map of ${Object.keys(f.spec.map).length} words` : '';
	return `${f.name}: ${selector ?? 'row'}${how ? ` (${how}${map})` : map ? ` (${map.slice(2)})` : ''}: ${samples(f.samples)}`;
}
