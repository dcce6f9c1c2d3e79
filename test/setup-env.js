// n8n-core writes an encryption key into the user folder on first use: keep it out of ~/.n8n.
const fs = require('fs');
const os = require('os');
const path = require('path');

if (!process.env.N8N_USER_FOLDER) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ev-n8n-'));
	process.env.N8N_USER_FOLDER = dir;
}
process.env.N8N_ENCRYPTION_KEY = process.env.N8N_ENCRYPTION_KEY || 'engage-voice-test-key';
