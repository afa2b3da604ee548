import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSeed, allDocuments } from '../../../testbeds/demo-portal/seed';
import { demoTotals, facturXml } from '../../../testbeds/demo-portal/factur-x';
import { tempDir } from '../../helpers/temp-dir';
import { runOfficialRules } from './official-rules';

/*
 * The demo portal's Factur-X XML (testbeds/demo-portal/factur-x.ts) against the official EN 16931
 * CII artefacts, every rule of them, not only those our reader checks: the e-invoices Tom's
 * sub-account sends, and amounts that need a rounding amount, raise no fatal finding.
 */
test('every demo e-invoice passes the official EN 16931 rules (no fatal finding)', () => {
	const dir = tempDir('demo-factur-x-');
	const seller = defaultSeed.company;
	const docs = allDocuments(defaultSeed).filter(
		(d) => d.type === 'invoice' && d.accountId === 'CUST-2001',
	);
	expect(docs.length).toBeGreaterThan(5);
	// And a few amounts with each kind of total: one needing a cent of rounding among them.
	const amounts = [15.01, 15.02, 99.99, 100, 1234.56];
	expect(amounts.some((a) => demoTotals(a).rounding !== 0)).toBe(true);
	const all = [...docs, ...amounts.map((amount, i) => ({ ...docs[0], number: `X-${i}`, amount }))];
	const files = all.map((doc, i) => {
		const file = join(dir, `${i}.xml`);
		writeFileSync(file, facturXml(doc, seller, 'Tom de Vries'));
		return file;
	});
	const run = runOfficialRules('CII', files);
	expect([...run.unprocessed]).toEqual([]);
	expect(run.findings.size).toBe(files.length);
	const fatal = files.flatMap((file) =>
		(run.findings.get(file) ?? [])
			.filter((f) => f.flag === 'fatal')
			.map((f) => `${file}: ${f.rule}`),
	);
	expect(fatal).toEqual([]);
}, 300_000);
