// A backend client written with MQTT.js, driven by JSON lines on stdin, reporting JSON lines on stdout.
// Usage: node peer.mjs PORT CLIENT_ID VERSION(4|5) [USER PASSWORD]
//   in:  {"op":"pub","id":1,"topic":"t","payload":"p","qos":1,"retain":false}
//        {"op":"sub","id":2,"filter":"t/#","qos":1}
//   out: {"ev":"ready"}  {"ev":"done","id":1,"granted":[1]}  {"ev":"msg","topic":"t","payload":"p","qos":1,"retain":false}
//        {"ev":"error","message":"..."}
import mqtt from 'mqtt'
import readline from 'node:readline'

const [port, clientId, version, username, password] = process.argv.slice(2)
const say = (o) => process.stdout.write(JSON.stringify(o) + '\n')
const client = mqtt.connect(`mqtt://127.0.0.1:${port}`, {
  clientId,
  clean: true,
  protocolVersion: Number(version),
  username,
  password,
  reconnectPeriod: 0,
  connectTimeout: 10000
})
client.on('connect', () => say({ ev: 'ready' }))
client.on('error', (e) => say({ ev: 'error', message: String(e.message || e) }))
client.on('close', () => say({ ev: 'closed' }))
client.on('message', (topic, payload, packet) =>
  say({ ev: 'msg', topic, payload: payload.toString('utf8'), qos: packet.qos, retain: packet.retain }))

const lines = readline.createInterface({ input: process.stdin })
lines.on('line', (line) => {
  const c = JSON.parse(line)
  if (c.op === 'pub') {
    client.publish(c.topic, c.payload, { qos: c.qos, retain: c.retain }, (err) =>
      say(err ? { ev: 'error', id: c.id, message: String(err.message) } : { ev: 'done', id: c.id }))
  } else if (c.op === 'sub') {
    client.subscribe(c.filter, { qos: c.qos }, (err, granted) =>
      say(err ? { ev: 'error', id: c.id, message: String(err.message) } : { ev: 'done', id: c.id, granted: granted.map((g) => g.qos) }))
  }
})
lines.on('close', () => client.end(false, () => process.exit(0)))
