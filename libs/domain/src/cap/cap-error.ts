// The one error the CAP builders throw: input that would produce a message recipients must not get.

/**
 * Thrown for input no valid CAP message can be made from (an identifier with a comma, a ring of three
 * points, an Update without references). These are caller bugs, so they fail loudly instead of sending
 * a message that CAP consumers would reject or misread.
 */
export class CapInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'CapInputError';
  }
}
