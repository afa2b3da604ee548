import type { FieldSpec } from '../../definitions/spec';
import type { RowsFound } from './rows';

export interface IdFinding {
	id: { field?: FieldSpec; compose?: ('number' | 'issueDate')[] };
	/** How it was found, and three sample ids. */
	how: string;
	samples: string[];
}

const CLEAN = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?$/;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const distinctClean = (values: (string | null)[]) =>
	values.every((v) => !!v && CLEAN.test(v)) && new Set(values).size === values.length;

/**
 * A stable id for each row, in this order: the row's own data attribute (data-id,
 * data-invoice-id: what the portal itself uses), the variable part of the download link's
 * address (/invoices/abc123/download, /files/abc123.pdf, ?doc=abc123), or, when neither is on
 * every row, the number and issue date together. Ids are clean: no separators at either end,
 * no file extension.
 */
export function idOf(rows: RowsFound): IdFinding {
	const attrs = Object.entries(rows.attributes)
		.filter(([, values]) => distinctClean(values))
		.sort(([a], [b]) => Number(/id$/.test(b)) - Number(/id$/.test(a)));
	if (attrs[0]) {
		const [name, values] = attrs[0];
		return {
			id: { field: { attribute: name } },
			how: `the rows' ${name} attribute`,
			samples: values.slice(0, 3) as string[],
		};
	}
	const hrefs = rows.link?.hrefs;
	if (rows.link && hrefs?.every((h) => !!h)) {
		const urls = hrefs.map((h) => new URL(h!, 'https://relative.invalid'));
		const segments = urls.map((u) => u.pathname.split('/'));
		const same = segments.every((s) => s.length === segments[0].length);
		for (let i = 0; same && i < segments[0].length; i++) {
			const parts = segments.map((s) => s[i].replace(/\.[a-z0-9]{2,4}$/i, ''));
			const ext = segments[0][i].slice(parts[0].length);
			if (new Set(parts).size < 2 || !distinctClean(parts)) continue;
			if (!segments.every((s) => s[i].endsWith(ext))) continue;
			const before = segments[0].slice(Math.max(0, i - 1), i).join('/');
			const after = segments[0][i + 1];
			const regex = `${escape(before)}/([A-Za-z0-9_.-]+?)${escape(ext)}${after !== undefined ? `/${escape(after)}` : '(?:[?#]|$)'}`;
			if (hrefs.every((h, n) => h!.match(new RegExp(regex))?.[1] === parts[n]))
				return {
					id: { field: { selector: rows.link.selector, attribute: 'href', regex } },
					how: `the download link's address (${regex})`,
					samples: parts.slice(0, 3),
				};
		}
		for (const key of new Set(urls.flatMap((u) => [...u.searchParams.keys()]))) {
			const values = urls.map((u) => u.searchParams.get(key));
			if (!distinctClean(values)) continue;
			const regex = `[?&]${escape(key)}=([^&#]+)`;
			return {
				id: { field: { selector: rows.link.selector, attribute: 'href', regex } },
				how: `the download link's ${key} parameter`,
				samples: values.slice(0, 3) as string[],
			};
		}
	}
	return {
		id: { compose: ['number', 'issueDate'] },
		how: 'composed from number and issue date',
		samples: [],
	};
}
