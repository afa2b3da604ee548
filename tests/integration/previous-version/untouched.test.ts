import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The previous-version records stand for what users already have on disk and in Redis, byte for
 * byte: the code of cc87f33 wrote them (tests/fixtures/previous-version/README.md). A record
 * edited, reformatted (a formatter run over the folder), removed or added fails here, before the
 * tests that read them could pass on something the old version never wrote.
 */
const folder = join(__dirname, '..', '..', 'fixtures', 'previous-version');
const NOT_RECORDS = /(\.ts|README\.md|checksums\.sha256)$/;

function recordsIn(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory()
			? recordsIn(join(dir, entry.name))
			: NOT_RECORDS.test(entry.name)
				? []
				: [relative(folder, join(dir, entry.name))],
	);
}

test('every record is as cc87f33 wrote it, and no record is missing or new', () => {
	const listed = new Map(
		readFileSync(join(folder, 'checksums.sha256'), 'utf8')
			.trim()
			.split('\n')
			.map((line) => {
				const [hash, file] = line.split(/\s+\*?/);
				return [file, hash] as const;
			}),
	);
	const files = recordsIn(folder).sort();
	expect(files).toEqual([...listed.keys()].sort());
	const changed = files.filter(
		(file) =>
			createHash('sha256')
				.update(readFileSync(join(folder, file)))
				.digest('hex') !== listed.get(file),
	);
	expect(changed).toEqual([]);
});
