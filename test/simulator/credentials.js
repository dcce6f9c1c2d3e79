'use strict';
// The n8n credential data that signs in to this simulator, one entry per credential type of the
// package. The in-process tests, the real-n8n tests and the demo all build their credentials here.

/**
 * @param {{ url: string, secrets: Record<string,string>, world: any }} sim
 * @param {'engageVoiceJwtApi' | 'engageVoiceLoginApi' | 'engageVoiceTokenApi'} type
 */
function credentialData(sim, type) {
	switch (type) {
		case 'engageVoiceJwtApi':
			return {
				ringCentralServer: sim.url,
				clientId: sim.secrets.clientId,
				clientSecret: sim.secrets.clientSecret,
				jwt: sim.secrets.jwt,
				engageHost: 'custom',
				customEngageHost: sim.url,
				ignoreSslIssues: false,
			};
		case 'engageVoiceLoginApi':
			return {
				engageHost: 'custom',
				customEngageHost: sim.url,
				username: sim.secrets.username,
				password: sim.secrets.password,
				platformId: sim.secrets.platformId,
				rcAccountId: String(sim.world.rcAccountId),
				ignoreSslIssues: false,
			};
		case 'engageVoiceTokenApi':
			return {
				host: 'customCurrent',
				customHost: sim.url,
				apiToken: sim.secrets.apiToken,
				mainAccountId: sim.world.mainAccountId,
				rcAccountId: sim.world.rcAccountId,
				ignoreSslIssues: false,
			};
		default:
			throw new Error(`unknown credential type ${type}`);
	}
}

module.exports = { credentialData };
