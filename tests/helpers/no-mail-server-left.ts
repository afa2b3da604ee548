import { execFileSync } from 'node:child_process';
import { mailServerDirPrefix } from '../../testbeds/mail-server';

/**
 * After the whole suite: no Postfix or Dovecot started by this run's mail server test bed may
 * still be running. Their command lines hold their folder, whose name carries the run's prefix
 * (another run's daemons on the same machine have another). Their worker processes end with
 * them, which each stop() already checks.
 */
export default async function noMailServerLeft(): Promise<void> {
	const prefix = mailServerDirPrefix();
	const deadline = Date.now() + 5_000;
	let left: string[] = [];
	do {
		const ps = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
		left = ps.split('\n').filter((line) => line.includes(prefix) && !line.includes('ps -eo'));
		if (left.length === 0) return;
		await new Promise((r) => setTimeout(r, 250));
	} while (Date.now() < deadline);
	throw new Error(
		`Mail server processes left running after the suite:\n${left.map((l) => l.slice(0, 160)).join('\n')}`,
	);
}
