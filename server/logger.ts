import pino from 'pino'

/** Structured JSON logs. Secrets never reach them: see the redact paths. */
export function createLogger(level: string) {
  return pino({
    level,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.token'],
  })
}

export type Logger = ReturnType<typeof createLogger>
