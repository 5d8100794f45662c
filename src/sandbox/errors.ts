/**
 * The error entries the sandbox puts in `errormessage` blocks, in the documented shape
 * (errorno, description, description2, correction). Codes and wording follow the published
 * examples where there are some (XL03000006, XL03000003, GW-0010, "Object definition X not
 * found"); the rest are plausible stand-ins, written so a client can tell the classes apart.
 */

export interface GatewayError {
  errorno: string;
  description: string;
  description2: string;
  correction: string;
}

/** Thrown by a function handler: the function's result is a failure with these errors. */
export class FunctionFailure extends Error {
  constructor(readonly errors: GatewayError[]) {
    super(errors.map((e) => e.description2 || e.description).join('; '));
  }
}

function err(errorno: string, description: string, description2: string, correction = ''): GatewayError {
  return { errorno, description, description2, correction };
}

/** Operation names as Intacct spells them in permission messages. */
const OPERATION_NAMES: Record<string, string> = {
  readByQuery: 'READ_BY_QUERY',
  readMore: 'READ_MORE',
  query: 'QUERY',
  read: 'READ',
  lookup: 'LOOKUP',
  inspect: 'INSPECT',
  get_list: 'GET_LIST',
};

export const Errors = {
  senderCredentials: () =>
    err('XL03000006', 'Incorrect Intacct XML Partner ID or password.', '', 'Check the Web Services sender ID and password.'),
  senderNotAuthorised: (sender: string, company: string) =>
    err(
      'XL03000006',
      'Invalid Web Services Authorization',
      `The sender ID '${sender}' is not authorized to make Web Services requests to company ID '${company}'.`,
      'Contact the company administrator to grant Web Services authorization to this sender ID.',
    ),
  signIn: () => err('XL03000006', 'Sign-in information is incorrect', '', 'Check the user ID, company ID and password.'),
  entity: (entity: string) =>
    err('XL03000006', 'Sign-in information is incorrect', `Entity '${entity}' does not exist or the user cannot access it.`, 'Check the entity (location) ID.'),
  sessionInvalid: () =>
    err('XL03000006', 'Invalid session', 'The session ID is not valid or has expired.', 'Sign in again to get a new session.'),
  parse: (detail: string) => err('XL03000003', 'XML Parse schema error', detail, 'Correct the request XML.'),
  gatewayGet: () =>
    err('GW-0011', 'Invalid Request', 'The gateway accepts only HTTP POST requests with an XML body.', 'Send the request with POST.'),
  rateLimit: () =>
    err('GW-0010', 'Rate limit exceeded', 'The company has too many concurrent API requests in progress.', 'Wait and retry the request.'),
  unknownObject: (object: string) => err('Query Failed', '', `Object definition ${object} not found`, ''),
  unknownField: (object: string, field: string) =>
    err('Query Failed', '', `Unknown field '${field}' for object ${object}`, 'Use lookup to list the fields of the object.'),
  queryFailed: (detail: string) => err('Query Failed', '', detail, ''),
  invalidArgument: (detail: string) => err('BL01001973', 'Invalid request', detail, ''),
  permission: (fn: string, object: string) =>
    err(
      'BL34000061',
      'Permission denied',
      `You do not have permission for API operation ${OPERATION_NAMES[fn] ?? fn.toUpperCase()} on objects of type ${object.toLowerCase()}`,
      'Ask the company administrator to grant the user read permission on this object.',
    ),
  disabled: (object: string) =>
    err(
      'BL34000062',
      'Feature not enabled',
      `${object} is not available because the feature it belongs to is not enabled in this company.`,
      'Enable the feature in the application configuration.',
    ),
  generic: (fn: string) =>
    err('BL04002005', 'An internal error occurred', `The ${fn} function could not be completed. [Support ID: sandbox]`, 'Try again later.'),
  readOnly: (fn: string) =>
    err('XL03000009', 'Function refused', `The sandbox gateway is read-only: '${fn}' is not a read function and was not executed.`, 'Send read functions only.'),
  unsupported: (fn: string) =>
    err('XL03000003', 'XML Parse schema error', `Unknown or unsupported function '${fn}'; it was not executed.`, 'Check the function name.'),
  notAlone: () =>
    err('XL03000003', 'getAPISession must be the only function in its request', 'The request mixed getAPISession with other functions; none were executed.', 'Send getAPISession alone.'),
};
