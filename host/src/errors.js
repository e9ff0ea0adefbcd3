// APS error bodies: {code, type, message}, the HTTP status carried in `code` (the APS Node
// runtime's shape). Everything the host answers with a non-200 status goes through here.
import { STATUS_CODES } from "node:http";

/** An error the host answers as it is: status, APS `type` and a message meant for the caller. */
export class ApsError extends Error {
  constructor(statusCode, type, message, options) {
    super(message, options);
    this.name = "ApsError";
    this.statusCode = statusCode;
    this.type = type;
  }
}

export const BODY_LIMIT = 64 * 1024;

/** The APS body for an error. */
export function apsBody(statusCode, type, message) {
  return { code: statusCode, type, message };
}

const HEADER_NAMES = { "aps-controller-uri": "APS-Controller-URI", "aps-instance-id": "APS-Instance-ID" };
const headerName = (name) => HEADER_NAMES[name] ?? name;

/** Fastify's own request errors (parsing, limits, header schema), as APS errors. */
function fromFastify(err) {
  switch (err.code) {
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new ApsError(415, "UnsupportedMediaType", "The request body must be JSON (Content-Type: application/json).");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new ApsError(413, "PayloadTooLarge", `The request body is larger than ${BODY_LIMIT} bytes.`);
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new ApsError(400, "MalformedJson", "The request body is empty; a JSON document is expected.");
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return new ApsError(400, "MalformedJson", "The request body is not valid JSON.");
    case "FST_ERR_BAD_URL":
      return new ApsError(400, "BadRequest", "The request URL is not valid (a bad percent-encoding).");
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new ApsError(400, "BadRequest", "The request body does not match its Content-Length.");
    case "FST_ERR_VALIDATION": {
      if (err.validationContext !== "headers") break;
      const first = err.validation?.[0] ?? {};
      if (first.keyword === "required") {
        const missing = err.validation.filter((e) => e.keyword === "required").map((e) => headerName(e.params.missingProperty));
        return new ApsError(400, "MissingHeader", `Missing required header${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}.`);
      }
      const name = headerName(first.instancePath?.replace(/^\//, "") ?? "");
      const what = name === "APS-Controller-URI" ? "an absolute http(s) URI" : "a non-empty value of at most 2048 characters";
      return new ApsError(400, "InvalidHeader", `Header ${name} must be ${what}.`);
    }
    default:
      break;
  }
  // secure-json-parse refuses __proto__ / constructor.prototype keys with a plain SyntaxError.
  if (err instanceof SyntaxError && err.statusCode === 400) {
    return new ApsError(400, "MalformedJson", "The request body is not acceptable JSON (it uses a forbidden prototype key).");
  }
  return null;
}

/** Fastify error handler: every error becomes an APS body; 5xx bodies never carry internals. */
export function apsErrorHandler(err, request, reply) {
  const known = err instanceof ApsError ? err : fromFastify(err);
  if (known) {
    const level = known.statusCode >= 500 ? "error" : "info";
    request.log[level]({ status: known.statusCode, type: known.type, cause: causeOf(known) }, known.message);
    if (known.statusCode === 503) reply.header("retry-after", "5");
    return reply.code(known.statusCode).type("application/json").send(apsBody(known.statusCode, known.type, known.message));
  }
  if (typeof err.statusCode === "number" && err.statusCode >= 400 && err.statusCode < 500) {
    // Another client error fastify raised (e.g. a bad URL encoding): its message is about the request.
    const [type, message] = CLIENT_ERRORS[err.statusCode] ?? ["BadRequest", "The request could not be read."];
    request.log.info({ status: err.statusCode, code: err.code }, err.message);
    return reply.code(err.statusCode).type("application/json").send(apsBody(err.statusCode, type, message));
  }
  // A host-side failure: log everything (the module's `errors` list the problems), answer nothing internal.
  request.log.error({ err, code: err.code, errors: err.errors }, "host-side failure");
  return reply.code(500).type("application/json").send(apsBody(500, "InternalError", "The application could not check this migration; see its logs."));
}

const CLIENT_ERRORS = {
  403: ["Forbidden", "Access to this path is not allowed."],
  404: ["NotFound", "Not found."],
  414: ["UriTooLong", "A segment of the request URL is too long."],
  416: ["RangeNotSatisfiable", "The requested range cannot be served."],
};

function causeOf(err) {
  const c = err.cause;
  if (!c) return undefined;
  return { name: c.name, code: c.code, message: c.message };
}

/** The not-found handler: an APS body for anything that is no route. */
export function apsNotFound(request, reply) {
  reply.code(404).type("application/json").send(apsBody(404, "NotFound", "Not found."));
}

/**
 * Fastify's clientErrorHandler: a request Node's HTTP parser refused before fastify saw it (broken
 * framing, such as a body that ends before its Content-Length or bytes past it that start no
 * request, or headers too large). Fastify's default answers its own body; this one answers an
 * APS body. `this` is the fastify instance.
 */
export function apsClientError(err, socket) {
  // A reset connection has no one left to answer.
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const [status, type, message] = PARSER_ERRORS[err.code] ?? [400, "BadRequest", "The request is not valid HTTP/1.1 (for example, its body does not match its Content-Length)."];
  this.log.info({ status, code: err.code }, message);
  if (socket.writable) {
    const body = JSON.stringify(apsBody(status, type, message));
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}

const PARSER_ERRORS = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, "RequestTimeout", "The request was not received in time."],
  HPE_HEADER_OVERFLOW: [431, "HeadersTooLarge", "The request headers are too large."],
};
