import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureN8n, installDir, installProblem } from '../../testbeds/n8n/n8n-install';
import { N8nServer } from '../../testbeds/n8n/n8n-server';

/**
 * The cached n8n install is reused by every later run, so a broken one must not stay broken: a
 * run that finds n8n's database driver without its native build (what an install with scripts
 * off leaves) says so and repairs it, and n8n then starts.
 */
test('a cached n8n whose sqlite3 build was removed is detected and repaired by the next run', async () => {
	const dir = ensureN8n(() => undefined);
	expect(installProblem(dir)).toBeUndefined();

	rmSync(join(dir, 'node_modules', 'sqlite3', 'build'), { recursive: true, force: true });
	expect(installProblem(dir)).toMatch(/sqlite3 \(n8n's database driver\) does not load/);

	const said: string[] = [];
	expect(ensureN8n((line) => said.push(line))).toBe(dir);
	expect(said.join('\n')).toMatch(
		/cached n8n .* is broken \(sqlite3 .*does not load.*\); rebuilding its native packages/,
	);
	expect(said.join('\n')).toMatch(/repaired/);
	expect(installProblem(dir)).toBeUndefined();
	expect(installDir()).toBe(dir);

	const server = new N8nServer();
	try {
		await server.start();
		const settings = await fetch(`${server.url}/rest/settings`);
		expect(settings.ok).toBe(true);
	} finally {
		await server.stop();
		server.dispose();
	}
}, 600_000);
