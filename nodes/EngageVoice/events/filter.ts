/*
 * Which events start the workflow: by agent (ids, or the members of agent groups) and by state.
 * Applied in the webhook, before n8n starts an execution, so a filtered event costs no execution.
 */

export interface EventFilter {
	/**
	 * Agents as ids (text): those chosen by id and the members of the chosen agent groups, plus the
	 * groups themselves for payloads that name the agent's group. Undefined = every agent.
	 */
	agents?: { agentIds: Set<string>; agentGroupIds: Set<string> };
	/** State names in matchable form (see stateKey); undefined = every state. */
	states?: Set<string>;
}

/**
 * State names are compared without case and with spaces, underscores and hyphens alike, so a filter
 * "On Break" matches `ON BREAK` and `ON_BREAK` (the spelling is unconfirmed, open question 32). The
 * item still carries the state exactly as sent.
 */
export function stateKey(state: string): string {
	return state.trim().toUpperCase().replace(/[\s_-]+/g, ' ');
}

export function stateFilter(states: string[]): Set<string> | undefined {
	const keys = states.map(stateKey).filter(Boolean);
	return keys.length ? new Set(keys) : undefined;
}

export function passes(
	filter: EventFilter,
	event: { agentId: number | string | null; agentGroupId?: number | string | null; state: string | null },
): boolean {
	const agents = filter.agents;
	if (agents) {
		const byId = event.agentId !== null && agents.agentIds.has(String(event.agentId));
		const byGroup =
			event.agentGroupId !== undefined && event.agentGroupId !== null && agents.agentGroupIds.has(String(event.agentGroupId));
		if (!byId && !byGroup) return false;
	}
	if (filter.states && (event.state === null || !filter.states.has(stateKey(event.state)))) return false;
	return true;
}
