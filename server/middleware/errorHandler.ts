import type { ErrorRequestHandler, RequestHandler } from 'express'
import { ForbiddenError } from '../auth/requirePermission'
import { NotFoundError } from '../errors'

export function notFound(): RequestHandler {
  return (_req, res) => {
    res.status(404).render('errors/not-found', { pageTitle: 'Page not found' })
  }
}

interface HttpishError {
  status?: number
  statusCode?: number
  type?: string
  code?: string
  message?: string
  stack?: string
}

/**
 * A failed database statement's driver code (SQLITE_CONSTRAINT, 23503) and its kind and table
 * ("INSERT evidence_links"): enough to find it, without the values in the rest of the SQL.
 * On SQLite the error's stack is bare (see server/db/sqliteConnections.ts), so these say what failed.
 */
function databaseFailure(error: HttpishError): { code?: string; statement?: string } | undefined {
  const { parent, sql } = error as { parent?: { code?: string }; sql?: string }
  if (!parent && !sql) return undefined
  const kind = sql?.match(/^\s*(SELECT|INSERT|UPDATE|DELETE|BEGIN|COMMIT|ROLLBACK)\b/i)?.[1].toUpperCase()
  // Quoted as Sequelize writes it, or bare as in our own statements (server/db/rawRows.ts).
  const table = sql?.match(/\b(?:FROM|INTO|UPDATE)\s+[`"]?(\w+)[`"]?/i)?.[1]
  return { code: parent?.code, statement: [kind, table].filter(Boolean).join(' ') || undefined }
}

/** The stack with the error's name and message first, as a bare stack (a SQLite statement's) lacks them. */
function withMessage(error: HttpishError): string | undefined {
  if (!error.stack || !error.message || error.stack.includes(error.message)) return error.stack
  return `${(error as Error).name}: ${error.message}\n${error.stack}`
}

/** Known failures get their own page; anything else is a 500 that shows a stack trace only in development. */
export function errorHandler(production: boolean): ErrorRequestHandler {
  return (error: HttpishError, req, res, _next) => {
    if (error instanceof NotFoundError) return res.status(404).render('errors/not-found', { pageTitle: 'Page not found' })
    if (error instanceof ForbiddenError) {
      // Every refusal is logged (who, what, where) so attempts on another organisation's data can be traced.
      req.log?.warn({ userId: req.user?.id, method: req.method, path: req.path, reason: error.message }, 'Refused: no permission')
      return res.status(403).render('errors/forbidden', { pageTitle: 'You do not have access to this page' })
    }
    if (error.code === 'EBADCSRFTOKEN') {
      return res.status(403).render('errors/csrf', { pageTitle: 'This form has expired' })
    }
    if (error.type === 'entity.too.large' || error.status === 413) {
      return res.status(413).render('errors/too-large', { pageTitle: 'What you sent is too large' })
    }
    const status = error.status ?? error.statusCode ?? 500
    if (status >= 400 && status < 500) return res.status(status).render('errors/bad-request', { pageTitle: 'Sorry, there is a problem with your request' })
    // Name, code, stack and which statement failed only: database errors carry the SQL and the values users typed.
    const failed = databaseFailure(error)
    req.log?.error({ err: { name: (error as Error).name, code: error.code ?? failed?.code, statement: failed?.statement, stack: error.stack } }, 'Unhandled error')
    res.status(500).render('errors/server-error', {
      pageTitle: 'Sorry, there is a problem with the service',
      stack: production ? undefined : withMessage(error),
    })
  }
}
