// Who acts on an alert or a silence, for the audit trail: the API key's name when keys are in use (a body cannot
// claim another), else the name in the request body.
import { BadRequestException } from '@nestjs/common';

export function who(actor: string | undefined, claimed: string | undefined): string {
  const by = actor ?? claimed;
  if (!by) throw new BadRequestException({ error: 'invalid-request', message: 'by: required (who is acting) when no API key names you' });
  return by;
}
