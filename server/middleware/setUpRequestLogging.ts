import { randomUUID } from 'node:crypto'
import pinoHttp from 'pino-http'
import type { Logger } from '../logger'

/** Query strings are dropped and invitation tokens masked: a logged URL must not let anyone in. */
export function withoutSecrets(url: string | undefined): string | undefined {
  return url?.split('?')[0].replace(/^\/invitations\/[^/]+/, '/invitations/[token]')
}

/** One JSON log line per request, tagged with a request id (taken from X-Request-Id when present). */
export function setUpRequestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id']
      const id = typeof incoming === 'string' && /^[\w-]{1,100}$/.test(incoming) ? incoming : randomUUID()
      res.setHeader('X-Request-Id', id)
      return id
    },
    serializers: {
      req: (req) => ({ id: req.id, method: req.method, url: withoutSecrets(req.url) }),
      res: (res) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
  })
}
