/** Thrown by services; the error handler turns it into the 404 page. */
export class NotFoundError extends Error {}

/** Input that passed the form schema but breaks a rule only the service can check. */
export class InvalidInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}
