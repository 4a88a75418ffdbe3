// Aedes as a broker on a loopback port; sessions in memory, or in Redis (so they outlive a restart of Aedes).
// Usage: node aedes-broker.mjs PORT [REDIS_PORT]; prints "listening" once it accepts connections.
import { Aedes } from 'aedes'
import net from 'node:net'

const [port, redisPort] = process.argv.slice(2).map(Number)
let persistence
if (redisPort) {
  const { default: redis } = await import('aedes-persistence-redis')
  persistence = redis({ port: redisPort, host: '127.0.0.1' })
}
const broker = await Aedes.createBroker(persistence ? { persistence } : {})
const server = net.createServer(broker.handle)
server.listen(port, '127.0.0.1', () => process.stdout.write('listening\n'))
const stop = () => server.close(() => broker.close(() => process.exit(0)))
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
