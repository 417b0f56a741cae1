/**
 * The roles committed in examples/iam/ must be what `iam generate` writes today. When the
 * class catalog or the generator changes, regenerate them with the commands in
 * docs/iam-setup.md and review the diff.
 */
import { join } from 'node:path';

import { main } from '../../cli/main';
import { captureIo, EXAMPLE_CONFIG_PATH, makeTempDir, readTree, REPO_ROOT } from './helpers';

describe.each([
	['generated', []],
	['generated-worker-pools', ['--worker-pools']],
])('examples/iam/%s', (folder, flags) => {
	test('matches fresh output', async () => {
		const out = makeTempDir('examples');
		const io = captureIo();
		expect(await main(['iam', 'generate', '--config', EXAMPLE_CONFIG_PATH, '--out', out, ...flags], io)).toBe(0);
		const fresh = readTree(out);
		const committed = readTree(join(REPO_ROOT, 'examples', 'iam', folder));
		expect([...committed.keys()]).toEqual([...fresh.keys()]);
		for (const [path, content] of fresh) expect({ path, content: committed.get(path) }).toEqual({ path, content });
	});
});
