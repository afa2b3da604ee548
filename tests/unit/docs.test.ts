import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REASONS, REASON_CODES } from '../../portals/core/outcomes/reasons';
import { CONNECTION_STATUSES, STATUS_INFO } from '../../portals/core/outcomes/statuses';
import { ENV_STATE_DIR } from '../../portals/core/shared-state/state-dir';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

test('the README documents every status and every reason code with its remedy', () => {
	for (const status of CONNECTION_STATUSES)
		expect(readme).toContain(
			`(\`${status}\`) | ${STATUS_INFO[status].meaning} | ${STATUS_INFO[status].remedy}`,
		);
	const yesNo = (flag: boolean) => (flag ? 'yes' : 'no');
	for (const code of REASON_CODES) {
		const info = REASONS[code];
		expect(readme).toContain(
			`| \`${code}\` | ${info.status} | ${yesNo(info.retryable)} | ${yesNo(info.pausesSchedule)} | ${info.title}`,
		);
	}
	for (const code of REASON_CODES) expect(readme).toContain(REASONS[code].remedy);
});

test('every reason has a remedy that tells the user something to do', () => {
	for (const code of REASON_CODES) {
		expect(REASONS[code].remedy.length).toBeGreaterThan(30);
		expect(CONNECTION_STATUSES).toContain(REASONS[code].status);
	}
});

test('"What is stored where" names the places the code really uses', () => {
	const section = readme.slice(
		readme.indexOf('### What is stored where'),
		readme.indexOf('## When a portal asks for a code'),
	);
	expect(section).toContain('invoicePortals.connections[<connection>]');
	expect(section).toContain('portals/core/run/connection-state.ts');
	expect(section).toContain('.n8n/invoice-portals/status/');
	expect(section).toContain(ENV_STATE_DIR);
});
