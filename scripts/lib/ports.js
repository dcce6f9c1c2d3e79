'use strict';
/* Local TCP ports: a free one for a throw-away server, and whether a fixed one is free. */
const net = require('net');

/** Free TCP port on 127.0.0.1 (the OS picks one; tiny race, acceptable for tests). */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/** Whether `port` can be listened on (nothing else holds it). */
function portFree(port, hostname = '127.0.0.1') {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, hostname, () => srv.close(() => resolve(true)));
	});
}

module.exports = { freePort, portFree };
