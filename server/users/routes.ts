import express, { Request, Response, Router } from 'express'
import { currentPartnershipId, requirePermission } from '../auth/requirePermission'
import { partnershipRoles, roleLabels, roles } from '../auth/roles'
import { Organisation, Partnership } from '../db/models'
import { FormErrors, orInputErrors, validateForm } from '../forms/validation'
import type { Services } from '../services'
import { inviteSchema, membershipSchema } from './schema'

const managesUsers = requirePermission('users:manage', (req) => ({ partnershipId: currentPartnershipId(req) }))

const roleItems = roles.map((value) => ({ value, text: roleLabels[value] }))

async function organisationOptions(partnershipId: number) {
  const partnership = await Partnership.findByPk(partnershipId, {
    include: [{ model: Organisation, as: 'organisations', attributes: ['id', 'name'], where: { active: true }, required: false, through: { attributes: [] } }],
    order: [[{ model: Organisation, as: 'organisations' }, 'name', 'ASC']],
  })
  const organisations = (partnership as (Partnership & { organisations?: Organisation[] }) | null)?.organisations ?? []
  return organisations.map((organisation) => ({ value: String(organisation.id), text: organisation.name }))
}

export function userRoutes({ users }: Services): Router {
  const router = express.Router()

  async function renderInvite(req: Request, res: Response, values: Record<string, unknown>, errors?: FormErrors) {
    res.status(errors ? 400 : 200).render('users/invite', {
      pageTitle: 'Invite a user',
      values,
      errors,
      roleItems,
      organisationOptions: await organisationOptions(currentPartnershipId(req)),
    })
  }

  async function renderUser(req: Request, res: Response, values: Record<string, unknown> = {}, errors?: FormErrors) {
    const user = await users.get(currentPartnershipId(req), Number(req.params.id))
    res.status(errors ? 400 : 200).render('users/show', {
      pageTitle: user.name,
      shownUser: user,
      pendingInvitation: await users.hasPendingInvitation(user.id),
      isSelf: user.id === req.user!.id,
      values,
      errors,
      roleItems,
      roleLabels,
      partnershipRoles,
      organisationOptions: await organisationOptions(currentPartnershipId(req)),
    })
  }

  router.get('/users', managesUsers, async (req, res) => {
    res.render('users/list', { pageTitle: 'Users', users: await users.list(currentPartnershipId(req)), roleLabels })
  })

  router.get('/users/invite', managesUsers, (req, res) => renderInvite(req, res, {}))

  router.post('/users/invite', managesUsers, async (req, res) => {
    const form = validateForm(inviteSchema, req.body)
    if (!form.ok) return renderInvite(req, res, req.body, form.errors)
    const invited = await orInputErrors(() => users.invite(req.user!.id, currentPartnershipId(req), form.data))
    if (!invited.ok) return renderInvite(req, res, req.body, invited.errors)
    res.flash(
      invited.value.link
        ? `Invitation sent to ${invited.value.user.email}`
        : `${invited.value.user.name} already had an account: the role has been added and they have been told by email`,
    )
    res.redirect(`/users/${invited.value.user.id}`)
  })

  router.get('/users/:id', managesUsers, (req, res) => renderUser(req, res))

  router.post('/users/:id/memberships', managesUsers, async (req, res) => {
    const form = validateForm(membershipSchema, req.body)
    if (!form.ok) return renderUser(req, res, req.body, form.errors)
    const added = await orInputErrors(() => users.addMembership(req.user!.id, currentPartnershipId(req), Number(req.params.id), form.data))
    if (!added.ok) return renderUser(req, res, req.body, added.errors)
    res.flash('Role added')
    res.redirect(`/users/${req.params.id}`)
  })

  router.post('/users/:id/memberships/:membershipId/remove', managesUsers, async (req, res) => {
    const removed = await orInputErrors(() =>
      users.removeMembership(req.user!.id, currentPartnershipId(req), Number(req.params.id), Number(req.params.membershipId)),
    )
    if (!removed.ok) return renderUser(req, res, {}, removed.errors)
    res.flash('Role removed')
    res.redirect(`/users/${req.params.id}`)
  })

  router.post('/users/:id/invitation', managesUsers, async (req, res) => {
    const resent = await orInputErrors(() => users.resendInvitation(req.user!.id, currentPartnershipId(req), Number(req.params.id)))
    if (!resent.ok) return renderUser(req, res, {}, resent.errors)
    res.flash('A new invitation has been sent')
    res.redirect(`/users/${req.params.id}`)
  })

  for (const [path, active, message] of [
    ['deactivate', false, 'Account deactivated'],
    ['reactivate', true, 'Account reactivated'],
  ] as const) {
    router.post(`/users/:id/${path}`, managesUsers, async (req, res) => {
      const changed = await orInputErrors(() => users.setActive(req.user!.id, currentPartnershipId(req), Number(req.params.id), active))
      if (!changed.ok) return renderUser(req, res, {}, changed.errors)
      res.flash(message)
      res.redirect(`/users/${req.params.id}`)
    })
  }

  return router
}
