import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REASONS, REASON_CODES } from '../../portals/core/outcomes/reasons';
import { CONNECTION_STATUSES, STATUS_INFO } from '../../portals/core/outcomes/statuses';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

test('the README documents every status and every reason code with its remedy', () => {
	for (const status of CONNECTION_STATUSES) expect(readme).toContain(`(\`${status}\`) | ${STATUS_INFO[status].meaning} | ${STATUS_INFO[status].remedy}`);
	for (const code of REASON_CODES) expect(readme).toContain(`| \`${code}\` | ${REASONS[code].status} |`);
	for (const code of REASON_CODES) expect(readme).toContain(REASONS[code].remedy);
});

test('every reason has a remedy that tells the user something to do', () => {
	for (const code of REASON_CODES) {
		expect(REASONS[code].remedy.length).toBeGreaterThan(30);
		expect(CONNECTION_STATUSES).toContain(REASONS[code].status);
	}
});
