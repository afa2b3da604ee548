import { createServer, type Server } from 'node:http';

export interface SolverTask {
	id: string;
	siteKey: string;
	pageUrl: string;
	polls: number;
}

/**
 * A local captcha-solving service speaking the 2Captcha HTTP protocol (in.php to submit,
 * res.php to poll, JSON answers with status/request). Its "workers" solve the demo portal's
 * widget the way a person would: by asking the portal's captcha service for a token. It answers
 * CAPCHA_NOT_READY `notReadyPolls` times before each solution.
 */
export async function startFakeSolver(options: {
	apiKey: string;
	notReadyPolls?: number;
	neverReady?: boolean;
}) {
	const tasks: SolverTask[] = [];
	const server: Server = createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://solver.invalid');
		const q = Object.fromEntries(url.searchParams);
		const answer = (status: number, request: string) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ status, request }));
		};
		if (q.key !== options.apiKey) return answer(0, 'ERROR_WRONG_USER_KEY');
		if (url.pathname === '/in.php') {
			if (q.method !== 'userrecaptcha' || !q.googlekey || !q.pageurl)
				return answer(0, 'ERROR_WRONG_CAPTCHA_ID');
			const task = {
				id: String(tasks.length + 1000),
				siteKey: q.googlekey,
				pageUrl: q.pageurl,
				polls: 0,
			};
			tasks.push(task);
			return answer(1, task.id);
		}
		if (url.pathname === '/res.php' && q.action === 'getbalance') return answer(1, '9.99');
		if (url.pathname === '/res.php' && q.action === 'get') {
			const task = tasks.find((t) => t.id === q.id);
			if (!task) return answer(0, 'ERROR_WRONG_CAPTCHA_ID');
			task.polls += 1;
			if (options.neverReady || task.polls <= (options.notReadyPolls ?? 1))
				return answer(0, 'CAPCHA_NOT_READY');
			const solved = await fetch(new URL('/recaptcha/api/token', task.pageUrl), {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: `sitekey=${encodeURIComponent(task.siteKey)}`,
			});
			if (!solved.ok) return answer(0, 'ERROR_CAPTCHA_UNSOLVABLE');
			return answer(1, ((await solved.json()) as { token: string }).token);
		}
		answer(0, 'ERROR_WRONG_ACTION');
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const { port } = server.address() as { port: number };
	return {
		url: `http://127.0.0.1:${port}`,
		tasks,
		close: () => new Promise<void>((r) => server.close(() => r())),
	};
}
