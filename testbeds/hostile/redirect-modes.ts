import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HostileMode } from './index';

/**
 * Scenarios of a portal that sends the run to the second site (issue 35, item 1): the sign-in
 * form's answer, a hop of a redirect chain, the documents page or a file redirects there. A
 * browser repeats a POST answered with 307 or 308 (body and all) at the new address; 302 and 303
 * turn it into a GET of a page that may look like the portal's (the second site shows the
 * documents page, logged-in marker included). The second site must receive nothing at all.
 */

const pathOf = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://portal').pathname;
const isLoginPost = (req: IncomingMessage) => req.method === 'POST' && pathOf(req) === '/login';

function redirect(res: ServerResponse, status: number, location: string): true {
	res.writeHead(status, { location });
	res.end();
	return true;
}

/**
 * The login form's answer: `status` to the second site (307/308 repeat the POST, 302/303 do
 * not). The portal's own sign-in still runs and sets its session cookie on a correct password,
 * only its redirect is changed: a run taken for signed in could go on to the documents with it.
 */
export function loginRedirectsAway(status: 302 | 303 | 307 | 308): HostileMode {
	return {
		name: `login-${status}-away`,
		handle: (req, res, ctx) => {
			if (!isLoginPost(req)) return false;
			const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
			res.writeHead = ((code: number, headers?: Record<string, string>) =>
				code === 303 && headers?.location === '/documents'
					? writeHead(status, { ...headers, location: `${ctx.other}/x` })
					: writeHead(code, headers)) as typeof res.writeHead;
			return false;
		},
	};
}

/** The login form's answer leads through the portal's own /hop to the second site (both 307). */
export function loginChainAway(): HostileMode {
	return {
		name: 'login-chain-away',
		handle: (req, res, ctx) => {
			if (isLoginPost(req)) return redirect(res, 307, '/hop');
			if (pathOf(req) === '/hop') return redirect(res, 307, `${ctx.other}/x`);
			return false;
		},
	};
}

/** The documents page (signed in) redirects to the second site's copy of it. */
export function documentsRedirectAway(): HostileMode {
	return {
		name: 'documents-away',
		handle: (req, res, ctx) =>
			ctx.signedIn && pathOf(req) === '/documents' && redirect(res, 302, `${ctx.other}/documents`),
	};
}

/** Each document's file redirects to the second site. */
export function downloadRedirectAway(): HostileMode {
	return {
		name: 'download-away',
		handle: (req, res, ctx) =>
			ctx.signedIn &&
			/^\/files\//.test(pathOf(req)) &&
			redirect(res, 302, `${ctx.other}${pathOf(req)}`),
	};
}
