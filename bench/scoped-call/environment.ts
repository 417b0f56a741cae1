/**
 * Keeps the benchmark on loopback and independent of the machine's AWS setup. Imported first by
 * the benchmark and by the endpoint process, so the settings exist before any SDK client is made.
 */
process.env.AWS_EC2_METADATA_DISABLED = 'true';
for (const name of [
	'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
	'AWS_CONTAINER_CREDENTIALS_FULL_URI',
	'AWS_CONTAINER_AUTHORIZATION_TOKEN',
	'AWS_PROFILE',
	'AWS_ACCESS_KEY_ID',
	'AWS_SECRET_ACCESS_KEY',
	'AWS_SESSION_TOKEN',
	'AWS_ROLE_ARN',
	'AWS_WEB_IDENTITY_TOKEN_FILE',
]) {
	delete process.env[name];
}
process.env.AWS_CONFIG_FILE = '/dev/null';
process.env.AWS_SHARED_CREDENTIALS_FILE = '/dev/null';

export {};
