// Starts fauxqs (the local S3 server of snowferry's demo and tests) on a loopback port and prints one line,
// "FAUXQS_PORT=<port>", on stdout once it listens. Stops on SIGTERM/SIGINT or when stdin closes (the parent died).
// Usage: node launch.mjs [--port N] [--host 127.0.0.1] [--storage DIR]
import { startFauxqs } from "fauxqs";

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const server = await startFauxqs({
  port: Number.parseInt(arg("port", "0"), 10),
  host: arg("host", "127.0.0.1"),
  logger: false,
  s3StorageDir: arg("storage", undefined),
});

process.stdout.write(`FAUXQS_PORT=${server.port}\n`);

const stop = () => process.exit(0);
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.stdin.resume();
