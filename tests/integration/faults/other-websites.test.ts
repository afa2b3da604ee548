import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { confineToOrigins } from '../../../portals/core/browser/boundary';
import { withContext } from '../../../portals/core/browser/launch';
import { HttpSurface } from '../../../portals/core/http/http-surface';
import {
	connect,
	matrix,
	notApplicable,
	onBothEngines,
	reachedElsewhere,
	run,
	scenario,
	type Engine,
} from './matrix';

/**
 * The fault matrix (matrix.ts): a portal that leads elsewhere (subresources, links, redirects of a
 * page or of the login form): nothing reaches the other website.
 */
function scenarios(engine: Engine): void {
	const elsewhere = 'a page that loads from or links to another website';
	if (engine === 'browser') {
		test(`${elsewhere}: those requests never leave`, async () => {
			const conn = await connect(engine);
			// A context confined to the portal, as the engine's are; the demo under another name is "another website".
			const foreign = conn.demo.url.replace('127.0.0.1', 'localhost');
			const seen = await withContext(async (context) => {
				const boundary = await confineToOrigins(context, [conn.demo.url]);
				const page = await context.newPage();
				await page.goto(`${conn.demo.url}/login`);
				const image = await page.evaluate(
					async (src) =>
						fetch(src).then(
							() => 'loaded',
							() => 'refused',
						),
					`${foreign}/captcha.svg`,
				);
				const navigation = await page.goto(`${foreign}/login`).then(
					() => 'loaded',
					() => 'refused',
				);
				return { image, navigation, reported: boundary.blockedNavigation() };
			});
			expect(seen).toEqual({
				image: 'refused',
				navigation: 'refused',
				reported: `${foreign}/login`,
			});
			expect([...conn.demo.state.hostsSeen].some((h) => h.startsWith('localhost'))).toBe(false);
			matrix.push({
				name: elsewhere,
				engine,
				verdict: 'ok',
				seen: 'refused before leaving',
				note: "checked at the browser's boundary (a request the page makes, a navigation), not with a run",
			});
		});
	} else {
		test(`${elsewhere}: plain HTTP fetches none of its images, scripts, styles or frames, and refuses the link before sending it`, async () => {
			// A portal page (a tiny server of its own: the demo's pages load nothing from
			// elsewhere) whose images, script, stylesheet and frame come from another website, the
			// same server under another name; the server notes the name of every request.
			const hosts: string[] = [];
			const server = createServer((req, res) => {
				hosts.push(req.headers.host ?? '');
				const foreign = `http://localhost:${(server.address() as AddressInfo).port}`;
				res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
				res.end(
					`<!doctype html><html><head><link rel="stylesheet" href="${foreign}/style.css"><script src="${foreign}/tracker.js"></script></head>` +
						`<body><img src="${foreign}/logo.png" srcset="${foreign}/logo-2x.png 2x"><iframe src="${foreign}/chat"></iframe>` +
						`<a id="away" href="${foreign}/login">Help</a></body></html>`,
				);
			});
			await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
			try {
				const { port } = server.address() as AddressInfo;
				const portal = `http://127.0.0.1:${port}`;
				const surface = new HttpSurface([portal]);
				await surface.open(`${portal}/`);
				// The page does point elsewhere ...
				expect(await surface.count('link[rel=stylesheet], script[src], img, iframe')).toBe(4);
				// ... and the link there is refused before it is sent, and reported.
				const pressed = await surface
					.press('#away', 'the help link', async () => true)
					.catch((e: unknown) => e);
				expect(pressed).toMatchObject({ code: 'NAVIGATION_BLOCKED' });
				expect(surface.blockedNavigation()).toBe(`http://localhost:${port}/login`);
				expect(hosts).toEqual([`127.0.0.1:${port}`]);
			} finally {
				server.close();
			}
			notApplicable(
				elsewhere,
				engine,
				'the HTTP engine loads no subresources at all (images, scripts, styles, frames) and runs no page scripts, so a page cannot make a request of its own; a link elsewhere is refused before it is sent (checked: the other site received nothing)',
			);
		});
	}

	scenario(engine, 'a redirect to another website stops the run and is reported', async (conn) => {
		const offsite = `${conn.demo.url.replace('127.0.0.1', 'localhost')}/dashboard?session=abc`;
		conn.demo.state.faults.offsiteRedirect = offsite;
		const first = await run(conn);
		expect(first.message).toContain(offsite.split('?')[0]);
		expect(first.message).not.toContain('session=abc');
		// Both engines check every redirect target before anything is sent (the browser's requests
		// pass through the run's own proxy): the demo, under its other name, received nothing.
		expect(reachedElsewhere(conn)).toBe(false);
		delete conn.demo.state.faults.offsiteRedirect;
		return {
			first,
			want: { status: 'action_required', reason: 'NAVIGATION_BLOCKED' },
			note: 'the redirect was refused before it was sent: the other site received nothing',
		};
	});

	for (const status of [307, 302] as const) {
		const name =
			status === 307
				? 'the login form answered by 307 to another website (the browser would repeat the POST)'
				: 'the login form answered by 302 to another website';
		scenario(engine, name, async (conn) => {
			const elsewhere = `${conn.demo.url.replace('127.0.0.1', 'localhost')}/collect`;
			conn.demo.state.faults.loginRedirect = { status, to: elsewhere };
			const first = await run(conn);
			expect(first.message).toContain(elsewhere);
			// No request, so no form body, cookie or header, reached the other name.
			expect(reachedElsewhere(conn)).toBe(false);
			expect(conn.demo.state.formsReceived.filter((f) => f.endsWith('/collect'))).toEqual([]);
			delete conn.demo.state.faults.loginRedirect;
			return {
				first,
				want: { status: 'action_required', reason: 'NAVIGATION_BLOCKED' },
				note: 'refused before it was sent: the other site received nothing',
			};
		});
	}
}

onBothEngines(scenarios);
