/** Invalid or oversized session policy; the message names the problem and the fix. */
export class SessionPolicyError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SessionPolicyError';
	}
}
