// The slowloris attacker of bench/slowloris.ts, in a process of its own: it holds SOCKETS
// connections to ADDRESS open and sends each one byte per second (the start of a frame that
// never ends), reconnecting whatever the node closes, until killed. Prints how many it holds.
//   node --import tsx bench/slowloris-attacker.ts ADDRESS SOCKETS
import * as net from "node:net";
import { splitHostPort } from "../impl/address.ts";

const [address, count] = [process.argv[2]!, Number(process.argv[3] ?? 4000)];
const { host, port } = splitHostPort(address);
const open = new Set<net.Socket>();
let opened = 0;
const header = Buffer.from("SYN2\u0000\u0000\u0010\u0000", "latin1"); // a frame header: magic, then a length

function connect(): void {
  const s = net.connect({ host, port });
  let sent = 0;
  s.on("connect", () => {
    opened++;
    open.add(s);
  });
  s.on("error", () => {});
  s.on("close", () => {
    open.delete(s);
    setTimeout(connect, 1000); // come back a second later, as an attacker does
  });
  const drip = setInterval(() => {
    if (s.destroyed) return clearInterval(drip);
    s.write(header.subarray(sent % header.length, (sent % header.length) + 1));
    sent++;
  }, 1000);
}

for (let i = 0; i < count; i++) setTimeout(connect, i); // a thousand new sockets a second
setInterval(() => console.log(JSON.stringify({ open: open.size, opened })), 1000);
