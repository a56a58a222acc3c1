import { createHmac, timingSafeEqual } from 'node:crypto'
import express, { Request, Router } from 'express'

const COOKIE = 'assure.flash'
const FIVE_MINUTES = 5 * 60 * 1000

/**
 * A one-time success message set before a redirect (`res.flash(...)`), shown once as a notification
 * banner. It travels in a short-lived signed cookie rather than in the session: a session change is a
 * database write, and every save made two (the message set, then shown), each waiting its turn with
 * the saves themselves. Signed, so nobody can plant a message of their own.
 */
export function setUpFlash(secret: string, production: boolean): Router {
  const signature = (value: string) => createHmac('sha256', secret).update(value).digest('base64url')
  const router = express.Router()
  router.use((req, res, next) => {
    const message = readFlash(req, signature)
    if (message !== undefined) {
      res.locals.flash = message
      res.clearCookie(COOKIE, { path: '/' })
    }
    res.flash = (text: string) => {
      const value = Buffer.from(text, 'utf8').toString('base64url')
      res.cookie(COOKIE, `${value}.${signature(value)}`, { httpOnly: true, sameSite: 'lax', secure: production && req.secure, maxAge: FIVE_MINUTES, path: '/' })
    }
    next()
  })
  return router
}

function readFlash(req: Request, signature: (value: string) => string): string | undefined {
  const cookie = req.headers.cookie?.split(/;\s*/).find((pair) => pair.startsWith(`${COOKIE}=`))
  if (!cookie) return undefined
  const [value, signed] = decodeURIComponent(cookie.slice(COOKIE.length + 1)).split('.')
  if (!value || !signed) return undefined
  const expected = Buffer.from(signature(value))
  const given = Buffer.from(signed)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined
  return Buffer.from(value, 'base64url').toString('utf8')
}
