// Every test process: never ask the EC2 instance metadata service, and never inherit an
// ECS relative URI (it points at 169.254.170.2). Tests serve container credentials only
// through AWS_CONTAINER_CREDENTIALS_FULL_URI on 127.0.0.1.
process.env.AWS_EC2_METADATA_DISABLED = 'true';
delete process.env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI;
delete process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
delete process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN;
delete process.env.AWS_PROFILE;
delete process.env.AWS_ACCESS_KEY_ID;
delete process.env.AWS_SECRET_ACCESS_KEY;
delete process.env.AWS_SESSION_TOKEN;
delete process.env.AWS_ROLE_ARN;
delete process.env.AWS_WEB_IDENTITY_TOKEN_FILE;
process.env.AWS_CONFIG_FILE = '/dev/null';
process.env.AWS_SHARED_CREDENTIALS_FILE = '/dev/null';
