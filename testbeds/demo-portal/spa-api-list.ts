import type { RequestContext } from './auth-routes';
import { pdfFor } from './document-routes';
import { isNavigation, readForm, sendJson } from './http';
import type { DemoDocument } from './seed';
import { caller, spaAddresses, SPA_PAGE_SIZE } from './spa-api-layout';

/**
 * The lists of the /spa/ layout (spa-api-layout.ts): invoices by page or offset (per contract
 * with `?account=`), the same as a GraphQL query, and two hostile ones (an endless cursor, an
 * oversize answer). Every call needs the Bearer token and the app's client header (caller).
 */
const KIND: Record<DemoDocument['type'], string> = {
	invoice: 'INVOICE',
	credit_note: 'CREDIT_NOTE',
	reminder: 'REMINDER',
	statement: 'STATEMENT',
};

/**
 * How the list hands out files, by default as apps with more than one kind of contract do: the
 * login's first contract's items carry their PDF inline (base64 in `document.content`), the other
 * contracts' items carry no file at all (the app asks `/invoices/:id/download` for a signed
 * address on the file host). `?embed=content` puts every file inline, `?links=pdf` gives every
 * item its address (`files.pdf`): the older shapes, kept for the definitions' other download kinds.
 */
interface FileShape {
	embed: boolean;
	links: boolean;
	/** The contract whose items carry their PDF inline by default. */
	inlineContract?: string;
}

function fileShape(ctx: RequestContext, login: string): FileShape {
	const q = ctx.url.searchParams;
	return {
		embed: q.get('embed') === 'content',
		links: q.get('links') === 'pdf',
		inlineContract: ctx.state.account(login)?.subAccounts[0]?.id,
	};
}

function item(ctx: RequestContext, d: DemoDocument, shape: FileShape): Record<string, unknown> {
	const { api } = spaAddresses(ctx);
	const inline = shape.embed || (!shape.links && d.accountId === shape.inlineContract);
	return {
		id: d.id,
		number: d.number,
		date: d.issueDate,
		due: d.dueDate,
		kind: KIND[d.type],
		total: { amount: d.amount, currency: d.currency },
		account: { id: d.accountId },
		...(shape.links ? { files: { pdf: `${api}/invoices/${encodeURIComponent(d.id)}/pdf` } } : {}),
		...(inline ? { document: { content: pdfFor(ctx, d).toString('base64') } } : {}),
	};
}

/** The documents of a login, newest first; `account` narrows them to one contract. */
function documentsOf(ctx: RequestContext, login: string): DemoDocument[] {
	const account = ctx.url.searchParams.get('account');
	return ctx.state.documents
		.filter((d) => d.login === login && (!account || d.accountId === account))
		.sort(
			(a, b) => b.issueDate.localeCompare(a.issueDate) || a.accountId.localeCompare(b.accountId),
		);
}

/** GET /spa/api/invoices?page=N: 20 a page, with the total and the next page (number and address). */
export function getInvoices(ctx: RequestContext): void {
	const login = caller(ctx);
	if (!login) return;
	const all = documentsOf(ctx, login);
	const pages = Math.max(1, Math.ceil(all.length / SPA_PAGE_SIZE));
	// Past the last page: an empty page, as APIs answer.
	const page = Math.max(1, Number(ctx.url.searchParams.get('page')) || 1);
	ctx.state.listPagesServed.push({
		login,
		accountId: ctx.url.searchParams.get('account') ?? '*',
		page,
		navigation: isNavigation(ctx.req),
	});
	const shape = fileShape(ctx, login);
	// Or by offset (`?offset=N`, as other apps page): the same 20 from there.
	const offset = ctx.url.searchParams.has('offset')
		? Math.max(0, Number(ctx.url.searchParams.get('offset')) || 0)
		: (page - 1) * SPA_PAGE_SIZE;
	const data = all.slice(offset, offset + SPA_PAGE_SIZE).map((d) => item(ctx, d, shape));
	const next = page < pages ? page + 1 : null;
	const nextUrl = new URL(ctx.url.pathname + ctx.url.search, 'http://x');
	nextUrl.searchParams.set('page', String(next));
	sendJson(ctx.res, {
		data,
		meta: { page, pageSize: SPA_PAGE_SIZE, total: all.length, next },
		links: { next: next ? `${nextUrl.pathname}${nextUrl.search}` : null },
	});
}

/** GET /spa/api/feed?cursor=…: a hostile portal's paging, a next cursor on every page, forever. */
export function getEndlessFeed(ctx: RequestContext): void {
	const login = caller(ctx);
	if (!login) return;
	const cursor = Number(ctx.url.searchParams.get('cursor')) || 0;
	ctx.state.listPagesServed.push({ login, accountId: 'feed', page: cursor + 1, navigation: false });
	const all = documentsOf(ctx, login);
	const data = [all[cursor % all.length]].map((d) => item(ctx, d, fileShape(ctx, login)));
	sendJson(ctx.res, { data, meta: { next: String(cursor + 1) } });
}

/** GET /spa/api/huge: a list answer of about 6 MB (more than any JSON answer may be). */
export function getHuge(ctx: RequestContext): void {
	if (!caller(ctx)) return;
	sendJson(ctx.res, { data: [], padding: 'x'.repeat(6 * 1024 * 1024) });
}

/**
 * POST /spa/graphql: the same list as a GraphQL query, as other apps ask for it:
 * `query ($after: String) { invoices(first: 20, after: $after) { nodes { … } pageInfo { endCursor } } }`.
 * The cursor is the offset as text. Anything but a query (a mutation) is refused and recorded as
 * an action a robot must never take.
 */
export async function postGraphql(ctx: RequestContext): Promise<void> {
	const body = (await readForm(ctx.req)) as { query?: string; variables?: { after?: string } };
	const login = caller(ctx);
	if (!login) return;
	const query = String(body.query ?? '').trim();
	if (!/^(query\b|\{)/.test(query) || /\bmutation\b/.test(query)) {
		ctx.state.recordViolation('GraphQL mutation', ctx.url.pathname, ctx.session);
		return sendJson(ctx.res, { errors: [{ message: 'only queries here' }] }, 400);
	}
	const all = documentsOf(ctx, login);
	const offset = Math.max(0, Number(body.variables?.after) || 0);
	ctx.state.listPagesServed.push({
		login,
		accountId: 'graphql',
		page: Math.floor(offset / SPA_PAGE_SIZE) + 1,
		navigation: false,
	});
	const nodes = all
		.slice(offset, offset + SPA_PAGE_SIZE)
		.map((d) => item(ctx, d, fileShape(ctx, login)));
	const end = offset + nodes.length;
	sendJson(ctx.res, {
		data: { invoices: { nodes, pageInfo: { endCursor: end < all.length ? String(end) : null } } },
	});
}
