import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HostileMode } from './index';

/**
 * Scenarios of a portal that holds a run (issue 35, item 2): it accepts the connection and
 * never answers, or answers the headers and then sends one byte every few seconds. Either holds
 * a run that has no working time limit for as long as the connection stays open (the test bed
 * closes every connection when it stops).
 */

/** Which request a scenario takes over. */
export type Target = 'login' | 'file';

function matches(req: IncomingMessage, target: Target): boolean {
	const path = new URL(req.url ?? '/', 'http://portal').pathname;
	// The sign-in page itself (GET), not the form's answer; one document's file.
	if (target === 'login') return req.method === 'GET' && (path === '/' || path === '/login');
	return path === '/files/h2.pdf';
}

/** A scenario that also tells when it first held a request (for timings without start-up). */
export interface HoldingMode extends HostileMode {
	heldAt(): number | undefined;
}

function holding(name: string, target: Target, hold: (res: ServerResponse) => void): HoldingMode {
	let heldAt: number | undefined;
	return {
		name,
		heldAt: () => heldAt,
		handle: (req, res) => {
			if (!matches(req, target)) return false;
			heldAt ??= Date.now();
			hold(res);
			return true;
		},
	};
}

/** Accepts the request and never answers: no status line, no header, the socket left open. */
export function neverAnswers(target: Target): HoldingMode {
	return holding(`never-answers-${target}`, target, () => undefined);
}

/**
 * Sends the status line and headers at once, then one byte every `everyMs`, forever: each byte
 * comes well within any per-read timeout, so only a limit on the whole exchange ends it.
 */
export function trickles(target: Target, everyMs = 500): HoldingMode {
	const type = target === 'login' ? 'text/html; charset=utf-8' : 'application/pdf';
	return holding(`trickles-${target}`, target, (res) => trickle(res, type, everyMs));
}

function trickle(res: ServerResponse, contentType: string, everyMs: number): void {
	res.writeHead(200, { 'content-type': contentType });
	res.flushHeaders();
	const start = contentType === 'application/pdf' ? '%PDF-1.7\n' : '<!doctype html><html><body>';
	let sent = 0;
	const timer = setInterval(() => {
		res.write(sent < start.length ? start[sent] : ' ');
		sent++;
	}, everyMs);
	res.on('close', () => clearInterval(timer));
}
