import { createHash, randomBytes } from 'node:crypto'
import { Op, Sequelize, Transaction } from 'sequelize'
import { AuditEventService } from '../auditEvents/service'
import { setActiveRecorded } from '../auditEvents/setActiveRecorded'
import { hashPassword } from '../auth/password'
import { isPartnershipRole, roleLabels } from '../auth/roles'
import { Invitation, Membership, Organisation, Partnership, User } from '../db/models'
import { InvalidInputError, NotFoundError } from '../errors'
import type { Mailer } from '../mail/mailer'
import type { InviteInput, MembershipInput } from './schema'

export const INVITATION_LIFETIME_DAYS = 7

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export class UserService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
    private readonly mailer: Mailer,
    private readonly publicUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Users with a role in the partnership or in one of its organisations. */
  async list(partnershipId: number): Promise<User[]> {
    const organisationIds = await this.organisationIdsOf(partnershipId)
    return User.findAll({
      include: [
        {
          model: Membership,
          as: 'memberships',
          where: { [Op.or]: [{ partnershipId }, { organisationId: organisationIds }] },
          include: [{ model: Organisation, as: 'organisation', attributes: ['id', 'name'] }],
        },
      ],
      order: [['name', 'ASC']],
    })
  }

  async get(partnershipId: number, id: number): Promise<User> {
    const user = (await this.list(partnershipId)).find((candidate) => candidate.id === id)
    if (!user) throw new NotFoundError(`User ${id} not found`)
    return user
  }

  async hasPendingInvitation(userId: number): Promise<boolean> {
    return (await Invitation.count({ where: { userId, usedAt: null, expiresAt: { [Op.gt]: this.now() } } })) > 0
  }

  private async organisationIdsOf(partnershipId: number): Promise<number[]> {
    const partnership = await Partnership.findByPk(partnershipId, {
      include: [{ model: Organisation, as: 'organisations', attributes: ['id'], through: { attributes: [] } }],
    })
    return ((partnership as Partnership & { organisations?: Organisation[] })?.organisations ?? []).map((organisation) => organisation.id)
  }

  private async checkOrganisation(partnershipId: number, input: MembershipInput): Promise<void> {
    if (isPartnershipRole(input.role)) return
    const organisationIds = await this.organisationIdsOf(partnershipId)
    if (!input.organisationId || !organisationIds.includes(input.organisationId)) {
      throw new InvalidInputError('organisationId', 'Select an organisation in this partnership')
    }
  }

  private membershipScope(partnershipId: number, input: MembershipInput) {
    return isPartnershipRole(input.role)
      ? { partnershipId, organisationId: null }
      : { partnershipId: null, organisationId: input.organisationId ?? null }
  }

  /**
   * Gives a person a role by email. Someone new gets an account and a single-use sign-up link;
   * someone who already has an account (in this or another partnership, or whose roles were all
   * removed) keeps it, gets the role, and is told by email.
   */
  async invite(actorUserId: number, partnershipId: number, input: InviteInput): Promise<{ user: User; link?: string }> {
    await this.checkOrganisation(partnershipId, input)
    const existing = await User.findOne({ where: { email: input.email } })
    if (existing?.passwordHash) {
      await this.sequelize.transaction((transaction) => this.addMembershipIn(transaction, actorUserId, partnershipId, existing, input))
      const partnership = await Partnership.findByPk(partnershipId)
      await this.mailer.send({
        to: existing.email,
        subject: 'You have a new role in Assure',
        text: `Hello ${existing.name},\n\nYou have been given the role ${roleLabels[input.role]} in ${partnership?.name ?? 'a partnership'} on Assure.\n\nSign in as usual: ${this.publicUrl}/sign-in`,
      })
      return { user: existing }
    }
    const { user, token } = await this.sequelize.transaction(async (transaction) => {
      const user = existing ?? (await User.create({ email: input.email, name: input.name, passwordHash: null }, { transaction }))
      await this.addMembershipIn(transaction, actorUserId, partnershipId, user, input)
      const token = await this.createInvitation(transaction, actorUserId, partnershipId, user)
      return { user, token }
    })
    const link = await this.sendInvitation(user, token)
    return { user, link }
  }

  async resendInvitation(actorUserId: number, partnershipId: number, id: number): Promise<string> {
    const user = await this.get(partnershipId, id)
    if (user.passwordHash) throw new InvalidInputError('role', 'This person has already set a password')
    const token = await this.sequelize.transaction((transaction) => this.createInvitation(transaction, actorUserId, partnershipId, user))
    return this.sendInvitation(user, token)
  }

  private async createInvitation(transaction: Transaction, actorUserId: number, partnershipId: number, user: User): Promise<string> {
    await Invitation.update({ usedAt: this.now() }, { where: { userId: user.id, usedAt: null }, transaction })
    const token = randomBytes(32).toString('base64url')
    const expiresAt = new Date(this.now().getTime() + INVITATION_LIFETIME_DAYS * 24 * 60 * 60 * 1000)
    await Invitation.create({ userId: user.id, tokenHash: hashToken(token), expiresAt, usedAt: null, createdById: actorUserId }, { transaction })
    await this.audit.record(
      { actorUserId, partnershipId, action: 'user.invited', entityType: 'user', entityId: user.id, after: { email: user.email, expiresAt } },
      transaction,
    )
    return token
  }

  private async sendInvitation(user: User, token: string): Promise<string> {
    const link = `${this.publicUrl}/invitations/${token}`
    await this.mailer.send({
      to: user.email,
      subject: 'You have been invited to Assure',
      text: `Hello ${user.name},\n\nYou have been invited to Assure, the safeguarding self-assessment and audit service.\n\nSet your password to sign in: ${link}\n\nThis link works once and expires in ${INVITATION_LIFETIME_DAYS} days.`,
    })
    return link
  }

  async addMembership(actorUserId: number, partnershipId: number, userId: number, input: MembershipInput): Promise<void> {
    const user = await this.get(partnershipId, userId)
    await this.checkOrganisation(partnershipId, input)
    await this.sequelize.transaction((transaction) => this.addMembershipIn(transaction, actorUserId, partnershipId, user, input))
  }

  private async addMembershipIn(transaction: Transaction, actorUserId: number, partnershipId: number, user: User, input: MembershipInput) {
    const scope = this.membershipScope(partnershipId, input)
    const duplicate = await Membership.findOne({ where: { userId: user.id, role: input.role, ...scope }, transaction })
    if (duplicate) throw new InvalidInputError('role', `${user.name} already has this role`)
    const membership = await Membership.create({ userId: user.id, role: input.role, ...scope }, { transaction })
    await this.audit.record(
      {
        actorUserId,
        partnershipId,
        action: 'membership.added',
        entityType: 'user',
        entityId: user.id,
        after: { membershipId: membership.id, role: roleLabels[input.role], ...scope },
      },
      transaction,
    )
  }

  async removeMembership(actorUserId: number, partnershipId: number, userId: number, membershipId: number): Promise<void> {
    const user = await this.get(partnershipId, userId)
    const membership = user.memberships?.find((candidate) => candidate.id === membershipId)
    if (!membership) throw new NotFoundError(`Membership ${membershipId} not found`)
    if (actorUserId === userId && membership.role === 'partnership_admin') {
      throw new InvalidInputError('role', 'You cannot remove your own admin role')
    }
    await this.sequelize.transaction(async (transaction) => {
      await Membership.destroy({ where: { id: membershipId }, transaction })
      await this.audit.record(
        {
          actorUserId,
          partnershipId,
          action: 'membership.removed',
          entityType: 'user',
          entityId: userId,
          before: { membershipId, role: roleLabels[membership.role], partnershipId: membership.partnershipId, organisationId: membership.organisationId },
        },
        transaction,
      )
    })
  }

  async setActive(actorUserId: number, partnershipId: number, userId: number, active: boolean): Promise<void> {
    if (actorUserId === userId) throw new InvalidInputError('role', 'You cannot deactivate your own account')
    const user = await this.get(partnershipId, userId)
    if (await this.hasRolesElsewhere(userId, partnershipId)) {
      throw new InvalidInputError('role', `${user.name} also has roles in another partnership, so the account stays active: remove the roles they hold here instead`)
    }
    await setActiveRecorded(this.audit, user, 'user', { actorUserId, partnershipIds: [partnershipId] }, active)
  }

  /** Whether any of the person's roles reach another partnership (directly, or through a shared organisation). */
  private async hasRolesElsewhere(userId: number, partnershipId: number): Promise<boolean> {
    const memberships = await Membership.findAll({
      where: { userId },
      include: [{ model: Organisation, as: 'organisation', attributes: ['id'], include: [{ model: Partnership, as: 'partnerships', attributes: ['id'], through: { attributes: [] } }] }],
    })
    return memberships.some((membership) =>
      membership.partnershipId !== null
        ? membership.partnershipId !== partnershipId
        : (membership.organisation?.partnerships ?? []).some((partnership) => partnership.id !== partnershipId),
    )
  }

  /** The invitation a link refers to, if it is unused and unexpired. */
  async findUsableInvitation(token: string): Promise<Invitation | null> {
    return Invitation.findOne({
      where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { [Op.gt]: this.now() } },
      include: [{ model: User, as: 'user' }],
    })
  }

  /** Sets the password and spends the invitation, so the link cannot be used again. */
  async acceptInvitation(token: string, password: string): Promise<User | null> {
    const invitation = await this.findUsableInvitation(token)
    if (!invitation?.user) return null
    const passwordHash = await hashPassword(password)
    const user = invitation.user
    return this.sequelize.transaction(async (transaction) => {
      const [spent] = await Invitation.update({ usedAt: this.now() }, { where: { id: invitation.id, usedAt: null }, transaction })
      if (spent !== 1) return null
      await user.update({ passwordHash }, { transaction })
      await this.audit.record(
        { actorUserId: user.id, partnershipId: null, action: 'user.invitation_accepted', entityType: 'user', entityId: user.id },
        transaction,
      )
      return user
    })
  }
}
