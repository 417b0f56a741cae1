import type { ScopedSession } from './assumeRole';

/** A session is replaced when it has this much life left or less: 5 minutes, as the AWS SDKs do. */
export const REFRESH_WINDOW_MS = 5 * 60 * 1000;

/** Receives one line per cache decision; never receives credential values. */
export type CacheLogger = (message: string, fields: Record<string, string | number | boolean>) => void;

export interface CacheStats {
	hits: number;
	misses: number;
	refreshes: number;
	assumeRoleCalls: number;
}

/**
 * In-process cache of scoped sessions, keyed by a hash of every AssumeRole input that
 * changes the grant. One AssumeRole is in flight per key: concurrent callers share it.
 */
export class SessionCache {
	private readonly sessions = new Map<string, ScopedSession>();
	private readonly pending = new Map<string, Promise<ScopedSession>>();
	readonly stats: CacheStats = { hits: 0, misses: 0, refreshes: 0, assumeRoleCalls: 0 };

	constructor(
		private readonly now: () => number = Date.now,
		private log: CacheLogger = () => undefined,
		private readonly maxEntries = 500,
	) {}

	/**
	 * Returns the cached session for `key`, or calls `assume` when there is none or it is
	 * within the refresh window of its expiry. A failed AssumeRole is not cached.
	 */
	async get(key: string, assume: () => Promise<ScopedSession>): Promise<ScopedSession> {
		const cached = this.sessions.get(key);
		if (cached && this.isFresh(cached)) {
			this.stats.hits++;
			return cached;
		}
		const inFlight = this.pending.get(key);
		if (inFlight) return inFlight;

		if (cached) this.stats.refreshes++;
		else this.stats.misses++;
		this.log(cached ? 'session refresh' : 'session miss', {
			key: key.slice(0, 12),
			reason: cached ? `expires ${cached.expiration.toISOString()}` : 'not cached',
		});
		const request = this.assumeAndStore(key, assume);
		this.pending.set(key, request);
		try {
			return await request;
		} finally {
			this.pending.delete(key);
		}
	}

	/** Replaces the logger of cache decisions (the n8n adapter passes n8n's logger). */
	setLogger(logger: CacheLogger): void {
		this.log = logger;
	}

	/** Drops every cached session, for example after a credential changed. */
	clear(): void {
		this.sessions.clear();
	}

	private isFresh(session: ScopedSession): boolean {
		return session.expiration.getTime() - this.now() > REFRESH_WINDOW_MS;
	}

	private async assumeAndStore(key: string, assume: () => Promise<ScopedSession>): Promise<ScopedSession> {
		this.stats.assumeRoleCalls++;
		this.sessions.delete(key);
		const session = await assume();
		if (this.sessions.size >= this.maxEntries) this.evictExpired();
		this.sessions.set(key, session);
		this.log('session stored', { key: key.slice(0, 12), expires: session.expiration.toISOString() });
		return session;
	}

	private evictExpired(): void {
		for (const [key, session] of this.sessions) {
			if (!this.isFresh(session)) this.sessions.delete(key);
		}
		// Still full: drop the oldest entry (Map keeps insertion order).
		if (this.sessions.size >= this.maxEntries) {
			const oldest = this.sessions.keys().next().value;
			if (oldest !== undefined) this.sessions.delete(oldest);
		}
	}
}
