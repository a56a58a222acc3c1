import express, { Router } from 'express'
import passport from 'passport'
import type { SignInService } from '../signIn/service'

/**
 * Passport keeps only the user id in the session and reloads the user (with their roles) on each
 * request, so a role removed or an account deactivated takes effect at once.
 * Credentials are checked by SignInService (lock-out included), then `req.login` starts the
 * session: passport regenerates the session id there, preventing session fixation.
 */
export function setUpAuthentication(signIn: SignInService): Router {
  passport.serializeUser((user, done) => done(null, user.id))
  passport.deserializeUser((id: number, done) => {
    signIn.currentUser(id).then((user) => done(null, user ?? false), done)
  })
  const router = express.Router()
  router.use(passport.initialize())
  router.use(passport.session())
  return router
}
