/** The stable public address of an organisation's current statement in a partnership (an organisation in two partnerships has one in each). */
export const publicStatementPath = (partnershipId: number, organisationId: number) => `/directory/partnerships/${partnershipId}/organisations/${organisationId}`
