import { prepareN8n } from './n8n';
import { credential, workflow } from './workflows';
test('smoke', async () => {
	for (const version of ['1.123.81', '2.41.1']) {
		const n8n = prepareN8n(version);
		await n8n.importCredentials([credential({ id: 'credTriage001', name: 'Triage', data: { workflowClass: 'securityFindingTriage', roleArn: 'arn:aws:iam::111122223333:role/n8n-triage', region: 'eu-west-1', source: 'accessKeys', accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'x' } })]);
		await n8n.importWorkflows([workflow('wfCheck0000001', 'Check', [{ name: 'Check', parameters: { operation: 'checkPermission', action: 'securityhub:BatchUpdateFindings' }, credentialId: 'credTriage001', credentialName: 'Triage' }], 3)]);
		const t = Date.now();
		const r = await n8n.execute('wfCheck0000001');
		console.log(version, Date.now() - t, r.code, JSON.stringify(r.outputs).slice(0, 600), r.code ? r.stdout.slice(-3000) + r.stderr.slice(-3000) : '');
		n8n.cleanup();
	}
}, 600000);
